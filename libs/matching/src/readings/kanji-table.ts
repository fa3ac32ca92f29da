// Lookup tables built once from the rows in kanji-surnames.ts and kanji-given.ts: every simplified,
// traditional or Japanese form maps to one canonical character, and each canonical character to its
// readings in three systems (Japanese on'yomi, Mandarin-style katakana, Korean).
import { GIVEN_ROWS } from './kanji-given.js';
import { COMPOUND_SURNAME_ROWS, KOREAN_COMPOUND_SURNAMES, SURNAME_ROWS } from './kanji-surnames.js';

export type ReadingSystem = 'on' | 'zh' | 'ko';

export interface KoreanReading {
  readonly kana: string;
  /** Begins with a lenis consonant (ㄱ ㄷ ㅂ ㅈ): voiced when inside a given name. */
  readonly lenis: boolean;
}

export interface KanjiReadings {
  /** Japanese on'yomi, most usual for names first. */
  readonly on: readonly string[];
  /** Mandarin-style katakana. */
  readonly zh: readonly string[];
  /** Korean reading. */
  readonly ko: readonly KoreanReading[];
}

interface Row {
  forms: string[];
  readings: KanjiReadings;
}

/** Problems found while building the tables (a form claimed by two rows, a malformed row); empty when sound. */
export const KANJI_TABLE_PROBLEMS: string[] = [];

const words = (field: string | undefined): string[] => (field ?? '').split(' ').filter((word) => word !== '');

function parseRows(text: string, source: string): Row[] {
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const fields = line.split('|');
    const forms = Array.from(fields[0] ?? '');
    if (fields.length !== 4 || forms.length === 0) {
      KANJI_TABLE_PROBLEMS.push(`${source}: malformed row "${line}"`);
      continue;
    }
    const ko = words(fields[3]).map((word) => ({ kana: word.replace(/\*$/u, ''), lenis: word.endsWith('*') }));
    rows.push({ forms, readings: { on: words(fields[1]), zh: words(fields[2]), ko } });
  }
  return rows;
}

/** Readings of `first` followed by those of `second` that `first` lacks. */
function merge(first: KanjiReadings, second: KanjiReadings | undefined): KanjiReadings {
  if (!second) return first;
  const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];
  const ko = [...first.ko];
  for (const reading of second.ko) if (!ko.some((known) => known.kana === reading.kana)) ko.push(reading);
  return { on: union(first.on, second.on), zh: union(first.zh, second.zh), ko };
}

const VARIANTS = new Map<string, string>();

function indexForms(rows: Row[], source: string): Map<string, KanjiReadings> {
  const byCanonical = new Map<string, KanjiReadings>();
  for (const { forms, readings } of rows) {
    const canonical = forms[0];
    for (const form of forms) {
      const known = VARIANTS.get(form);
      if (known !== undefined && known !== canonical) {
        KANJI_TABLE_PROBLEMS.push(`${source}: ${form} is a form of both ${known} and ${canonical}`);
        continue;
      }
      VARIANTS.set(form, canonical);
    }
    const previous = byCanonical.get(canonical);
    if (previous) KANJI_TABLE_PROBLEMS.push(`${source}: ${canonical} has two rows`);
    byCanonical.set(canonical, previous ? merge(previous, readings) : readings);
  }
  return byCanonical;
}

const surnameRows = indexForms(parseRows(SURNAME_ROWS, 'surnames'), 'surnames');
const givenRows = indexForms(parseRows(GIVEN_ROWS, 'given names'), 'given names');

/** Family-name position: the surname row's readings first, then the given-name row's. */
const SURNAME = new Map<string, KanjiReadings>();
/** Given-name position: the given-name row's readings first, then the surname row's. */
const GIVEN = new Map<string, KanjiReadings>();
for (const [canonical, readings] of surnameRows) {
  SURNAME.set(canonical, merge(readings, givenRows.get(canonical)));
  GIVEN.set(canonical, merge(givenRows.get(canonical) ?? readings, readings));
}
for (const [canonical, readings] of givenRows) {
  if (!surnameRows.has(canonical)) {
    SURNAME.set(canonical, readings);
    GIVEN.set(canonical, readings);
  }
}

/** The canonical form of one character (itself when the tables know no other form). */
export function canonicalKanji(char: string): string {
  return VARIANTS.get(char) ?? char;
}

/** Readings of a canonical character in a family name, or undefined when the tables lack it. */
export function surnameReadings(canonical: string): KanjiReadings | undefined {
  return SURNAME.get(canonical);
}

/** Readings of a canonical character in a given name, or undefined when the tables lack it. */
export function givenReadings(canonical: string): KanjiReadings | undefined {
  return GIVEN.get(canonical);
}

const canonicalText = (text: string) => Array.from(text, canonicalKanji).join('');

const COMPOUNDS = new Map<string, KanjiReadings>();
for (const { forms, readings } of parseRows(COMPOUND_SURNAME_ROWS, 'compound surnames')) {
  const name = forms.join('');
  const key = canonicalText(name);
  if (key !== name) KANJI_TABLE_PROBLEMS.push(`compound surnames: ${name} is not written canonically (${key})`);
  if (COMPOUNDS.has(key)) KANJI_TABLE_PROBLEMS.push(`compound surnames: ${key} has two rows`);
  let ko = readings.ko;
  if (ko.length === 0) {
    // No usual Korean reading: join the characters' own first readings.
    const parts = Array.from(key, (char) => SURNAME.get(char)?.ko[0]?.kana);
    if (parts.every((part) => part !== undefined)) ko = [{ kana: parts.join(''), lenis: false }];
  }
  COMPOUNDS.set(key, { ...readings, ko });
}

const KOREAN_COMPOUNDS = new Set(KOREAN_COMPOUND_SURNAMES.map(canonicalText));
for (const key of KOREAN_COMPOUNDS) {
  if (!COMPOUNDS.has(key)) KANJI_TABLE_PROBLEMS.push(`compound surnames: Korean ${key} has no row`);
}

/** Readings of a two-character family name written canonically, or undefined when it is not one. */
export function compoundSurnameReadings(canonicalName: string): KanjiReadings | undefined {
  return COMPOUNDS.get(canonicalName);
}

/** Whether the canonical two-character family name is one Korean names use. */
export function isKoreanCompoundSurname(canonicalName: string): boolean {
  return KOREAN_COMPOUNDS.has(canonicalName);
}

const count = (system: ReadingSystem) => [...SURNAME.values()].filter((readings) => readings[system].length > 0).length;

/** Size of the tables: canonical characters, how many have a reading in each system, forms and compounds. */
export const KANJI_TABLE_STATS = {
  characters: SURNAME.size,
  surnameCharacters: surnameRows.size,
  givenNameCharacters: givenRows.size,
  on: count('on'),
  zh: count('zh'),
  ko: count('ko'),
  forms: VARIANTS.size,
  compoundSurnames: COMPOUNDS.size,
} as const;
