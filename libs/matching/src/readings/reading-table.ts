// Tables of conventional readings are written as `WORD=カナ/カナ` entries separated by white space,
// most usual reading first, so that a table reads like a list rather than code.
import { ranked, type Variant } from './variants.js';

export type ReadingTable = ReadonlyMap<string, readonly string[]>;

export const LISTED_WEIGHT = 2;

/** Parses `WORD=カナ/カナ` entries; `WORD,OTHER=...` gives spellings of one name the same readings. */
export function readingTable(...sources: string[]): ReadingTable {
  const table = new Map<string, string[]>();
  for (const source of sources) {
    for (const entry of source.trim().split(/\s+/)) {
      const [words, readings] = entry.split('=');
      for (const word of words.split(',')) table.set(word, [...(table.get(word) ?? []), ...readings.split('/')]);
    }
  }
  return table;
}

/**
 * The readings of `word` in the table, weighted by their place in the list; [] when absent.
 * A listed reading is what people actually write, so it outweighs (2) any reading a rule guesses
 * (at most 1), whichever language's table lists it.
 */
export function tableReadings(table: ReadingTable, word: string, first = LISTED_WEIGHT): Variant[] {
  const readings = table.get(word);
  return readings ? ranked(readings, first) : [];
}
