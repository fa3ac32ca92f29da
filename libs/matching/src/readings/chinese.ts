// Chinese: an alphabet word is one or more pinyin syllables (a merged given name: XIAOMING). Two
// families of readings compete in Japanese records, so both are given: the Mandarin sound in
// katakana (シャオミン) and the on'yomi of the likely characters (ショウメイ).
import { HONG_KONG, MANDARIN, ONYOMI, TAIWAN } from './chinese-names.js';
import { mandarinSpellings, pinyinSyllables, type PinyinSyllable } from './chinese-pinyin.js';
import { LISTED_WEIGHT, tableReadings } from './reading-table.js';
import { katakanaOf } from './spell-katakana.js';
import { combine, ranked, scaled, type Variant } from './variants.js';

export type ChineseRegion = 'mainland' | 'taiwan' | 'hong-kong';

const text = (s: PinyinSyllable) => s.initial + s.final;

function mandarinReadings(parse: PinyinSyllable[]): Variant[] {
  const word = parse.map(text).join('');
  const listed = tableReadings(MANDARIN, word);
  const rules = katakanaOf(combine(parse.map(mandarinSpellings)));
  return listed.length > 0 ? [...listed, ...scaled(rules, 0.8)] : rules;
}

/**
 * On'yomi readings, when every syllable has one (or the whole word does: OUYANG). For a given name
 * of several syllables only the likeliest few: which characters it is written with is a guess.
 */
function onyomiReadings(parse: PinyinSyllable[]): Variant[] {
  const whole = ONYOMI.get(parse.map(text).join(''));
  if (whole) return ranked(whole);
  const pieces = parse.map((syllable) => ranked(ONYOMI.get(text(syllable)) ?? [], 1));
  if (pieces.some((piece) => piece.length === 0)) return [];
  return combine(pieces, parse.length > 1 ? 3 : 8);
}

// Wade-Giles spellings (Taiwan passports) rewritten towards pinyin so the syllable reader applies.
const WADE_GILES: ReadonlyArray<readonly [RegExp, string]> = [
  [/HS/g, 'X'],
  [/TZU|TSU/g, 'ZI'],
  [/TS|TZ/g, 'Z'],
  [/IH$/g, 'I'],
  [/IEN/g, 'IAN'],
  [/IUNG/g, 'IONG'],
  [/UNG/g, 'ONG'],
  [/EH$/g, 'E'],
  [/^J/g, 'R'],
];

function pinyinOf(word: string): string {
  return WADE_GILES.reduce((spelling, [pattern, replacement]) => spelling.replace(pattern, replacement), word);
}

/** Katakana readings of a Chinese name word; [] when it is neither pinyin nor a listed surname. */
export function readChinese(word: string, region: ChineseRegion = 'mainland'): Variant[] {
  const regional = region === 'taiwan' ? TAIWAN : region === 'hong-kong' ? HONG_KONG : undefined;
  const listed = regional ? tableReadings(regional, word) : [];
  let parses = pinyinSyllables(word);
  if (parses.length === 0 && region !== 'mainland') parses = pinyinSyllables(pinyinOf(word));
  if (parses.length === 0 && listed.length === 0) {
    // A Taiwan or Hong Kong spelling of a common surname, whatever the nationality given.
    return [...tableReadings(TAIWAN, word), ...tableReadings(HONG_KONG, word, LISTED_WEIGHT * 0.9)];
  }
  const fewest = parses[0]?.length ?? 0;
  const readings: Variant[] = [...listed];
  parses
    .filter((parse) => parse.length === fewest)
    .slice(0, 2)
    .forEach((parse, i) => {
      const weight = (listed.length > 0 ? 0.7 : 1) * (i === 0 ? 1 : 0.5);
      readings.push(...scaled(mandarinReadings(parse), weight), ...scaled(onyomiReadings(parse), weight * 0.95));
    });
  return readings;
}

/** Whether the word reads as pinyin syllables (used to guess when the nationality is unknown). */
export function isPinyin(word: string): boolean {
  return pinyinSyllables(word, 3).length > 0;
}
