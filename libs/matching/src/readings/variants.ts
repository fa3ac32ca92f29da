// Readings are built piece by piece (a syllable, a letter group), each piece with a few weighted
// alternatives; these helpers keep the best combinations without enumerating them all.
import { phoneticKey } from '../names/index.js';

/** A candidate spelling or reading and a relative weight: rules give at most 1, listed readings 2. */
export type Variant = readonly [text: string, weight: number];

/** Alternatives written as `spelling:weight` (weight 1 when left out; `_` spells nothing), e.g. `_ h:0.7`. */
export function alternatives(source: string): Variant[] {
  return source
    .split(' ')
    .filter((part) => part !== '')
    .map((part) => {
      const colon = part.lastIndexOf(':');
      const spelling = colon < 0 ? part : part.slice(0, colon);
      return [spelling === '_' ? '' : spelling, colon < 0 ? 1 : Number(part.slice(colon + 1))];
    });
}

/** Listed readings (most usual first) with falling weights: 1, 0.9, 0.8, ... */
export function ranked(readings: readonly string[], first = 1): Variant[] {
  return readings.map((reading, i) => [reading, first * Math.max(0.3, 1 - i * 0.1)]);
}

/**
 * Every way of choosing one alternative per piece, concatenated, keeping the `width` most likely
 * (the product of the weights). Ties keep the order of the alternatives.
 */
export function combine(pieces: ReadonlyArray<readonly Variant[]>, width = 16): Variant[] {
  let beam: Variant[] = [['', 1]];
  for (const piece of pieces) {
    if (piece.length === 0) continue;
    const next: Variant[] = [];
    for (const [text, weight] of beam) {
      for (const [more, moreWeight] of piece) next.push([text + more, weight * moreWeight]);
    }
    next.sort((a, b) => b[1] - a[1]);
    beam = next.length > width ? next.slice(0, width) : next;
  }
  return beam;
}

/** Multiplies the weights of readings from a less likely source. */
export function scaled(variants: readonly Variant[], factor: number): Variant[] {
  return variants.map(([text, weight]) => [text, weight * factor]);
}

/**
 * The `limit` most likely readings, best first, one per phonetic key: readings that only differ
 * in ways the matcher ignores (ヴァ/バ, ー) would take places from readings that differ.
 */
export function bestReadings(variants: readonly Variant[], limit: number): string[] {
  const sorted = [...variants].sort((a, b) => b[1] - a[1]);
  const keys = new Set<string>();
  const readings: string[] = [];
  for (const [reading] of sorted) {
    if (reading === '') continue;
    const key = phoneticKey(reading);
    if (key === '' || keys.has(key)) continue;
    keys.add(key);
    readings.push(reading);
    if (readings.length === limit) break;
  }
  return readings;
}
