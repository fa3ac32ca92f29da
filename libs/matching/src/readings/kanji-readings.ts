// Katakana readings of a Chinese or Korean name written in kanji (王偉, 张丽华, 金民俊), for matching it to
// records that carry only a katakana name. Japanese records write such names with the Japanese on'yomi
// of each character (オウ イ), a Mandarin-like sound (ワン ウェイ) or, for Korean names, the Korean
// reading (キム ミンジュン).
import {
  canonicalKanji,
  compoundSurnameReadings,
  givenReadings,
  isKoreanCompoundSurname,
  surnameReadings,
  type KanjiReadings,
  type KoreanReading,
  type ReadingSystem,
} from './kanji-table.js';

/** Most readings returned for one word. */
const MAX_READINGS = 8;
/** Partial combinations kept while joining the characters of one word. */
const BEAM = 16;
/** Names remembered by kanjiNameReadings. */
const MEMO_LIMIT = 4096;

const HAN = /\p{Script=Han}/u;
/** Spaces (also full-width), middle dots (・ ･ · ‧ •) and commas separate the words of a name. */
const SEPARATORS = /[\s\u3000\u30fb\uff65\u00b7\u2027\u2022,\uff0c\u3001]+/u;
const ITERATION_MARK = '々';

type Group = 'chinese' | 'korean' | 'any';

const GROUPS = new Map<string, Group>([
  ...['CN', 'CHN', 'TW', 'TWN', 'HK', 'HKG', 'SG', 'SGP', 'MO', 'MAC'].map((code) => [code, 'chinese'] as const),
  ...['KR', 'KOR', 'KP', 'PRK'].map((code) => [code, 'korean'] as const),
]);

/** Reading systems for each nationality group, most likely first. */
const SYSTEMS: Record<Group, readonly ReadingSystem[]> = {
  chinese: ['on', 'zh'],
  korean: ['ko', 'on'],
  any: ['on', 'zh', 'ko'],
};

/** Whether the text contains a kanji (CJK ideograph, including 々 and 〇). */
export function hasKanji(text: string): boolean {
  return HAN.test(text);
}

const memo = new Map<string, string[][]>();

/**
 * Candidate katakana readings for each word of a kanji name: the family name first, then the given
 * name (one word when the name is written without spaces). Readings are most likely first, at most
 * eight a word; a word with a character missing from the tables has no reading (an empty array).
 * Readings of a multi-character word join its characters' readings within one system (all on'yomi,
 * all Mandarin-style or all Korean). The nationality (ISO code) chooses the systems: Chinese (CN, TW,
 * HK, SG, MO) on'yomi and Mandarin-style; Korean (KR, KP) Korean and on'yomi; otherwise all three.
 */
export function kanjiNameReadings(kanjiName: string, nationality?: string | null): string[][] {
  const group = GROUPS.get(nationality?.trim().toUpperCase() ?? '') ?? 'any';
  const key = `${group}:${kanjiName}`;
  let readings = memo.get(key);
  if (!readings) {
    readings = readName(kanjiName, group);
    if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
    memo.set(key, readings);
  }
  return readings.map((word) => [...word]);
}

interface Word {
  chars: string[];
  family: boolean;
}

function readName(kanjiName: string, group: Group): string[][] {
  const tokens = kanjiName
    .split(SEPARATORS)
    .map(canonicalChars)
    .filter((chars) => chars.length > 0);
  let words: Word[];
  if (tokens.length === 1) {
    const chars = tokens[0];
    const familyLength = compoundSurnameLength(chars, group);
    words = [{ chars: chars.slice(0, familyLength), family: true }];
    if (chars.length > familyLength) words.push({ chars: chars.slice(familyLength), family: false });
  } else {
    words = tokens.map((chars, i) => ({ chars, family: i === 0 }));
  }
  const systems = SYSTEMS[group];
  return words.map((word) =>
    word.family ? familyReadings(word.chars, systems) : givenNameReadings(word.chars, systems),
  );
}

/** The characters of one word in canonical form, without variation selectors, 々 repeating the last. */
function canonicalChars(token: string): string[] {
  const chars: string[] = [];
  for (const char of token.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 0;
    if ((code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xe0100 && code <= 0xe01ef)) continue;
    if (char === ITERATION_MARK && chars.length > 0) chars.push(chars[chars.length - 1]);
    else chars.push(canonicalKanji(char));
  }
  return chars;
}

/** 2 when an unspaced name of three or more characters begins with a compound family name, else 1. */
function compoundSurnameLength(chars: string[], group: Group): number {
  if (chars.length < 3) return 1;
  const start = chars[0] + chars[1];
  if (!compoundSurnameReadings(start)) return 1;
  return group !== 'korean' || isKoreanCompoundSurname(start) ? 2 : 1;
}

function familyReadings(chars: string[], systems: readonly ReadingSystem[]): string[] {
  const compound = chars.length === 2 ? compoundSurnameReadings(chars.join('')) : undefined;
  if (compound) return interleave(systems.map((system) => plainReadings(compound, system)));
  const entries = lookUp(chars, surnameReadings);
  if (!entries) return [];
  // A family name's Korean reading keeps its voiceless initial (パク, チョ).
  return interleave(systems.map((system) => joinReadings(entries.map((entry) => plainReadings(entry, system)))));
}

function givenNameReadings(chars: string[], systems: readonly ReadingSystem[]): string[] {
  const entries = lookUp(chars, givenReadings);
  if (!entries) return [];
  return interleave(
    systems.map((system) =>
      system === 'ko'
        ? joinKorean(entries.map((entry) => entry.ko))
        : joinReadings(entries.map((entry) => plainReadings(entry, system))),
    ),
  );
}

function lookUp(chars: string[], table: (canonical: string) => KanjiReadings | undefined): KanjiReadings[] | undefined {
  const entries: KanjiReadings[] = [];
  for (const char of chars) {
    const entry = table(char);
    if (!entry) return undefined;
    entries.push(entry);
  }
  return entries;
}

function plainReadings(entry: KanjiReadings, system: ReadingSystem): readonly string[] {
  return system === 'ko' ? entry.ko.map((reading) => reading.kana) : entry[system];
}

interface Combination {
  text: string;
  /** Sum of the rank of each choice (0 for a most usual reading). */
  cost: number;
  /** Reading of the last character. */
  last: string;
}

/** Extends every partial combination by each option, keeping the cheapest BEAM (ties in order). */
function extend(partials: Combination[], options: (previous: Combination) => readonly string[]): Combination[] {
  const next: Combination[] = [];
  for (const partial of partials) {
    options(partial).forEach((reading, rank) =>
      next.push({ text: partial.text + reading, cost: partial.cost + rank, last: reading }),
    );
  }
  return next.sort((a, b) => a.cost - b.cost).slice(0, BEAM);
}

/** Every way of reading the characters in turn, most usual first; none when a character has no reading. */
function joinReadings(perChar: readonly (readonly string[])[]): string[] {
  let partials: Combination[] = [{ text: '', cost: 0, last: '' }];
  for (const options of perChar) partials = extend(partials, () => options);
  return partials.map((partial) => partial.text);
}

const VOICED: Record<string, string> = {
  カ: 'ガ',
  キ: 'ギ',
  ク: 'グ',
  ケ: 'ゲ',
  コ: 'ゴ',
  タ: 'ダ',
  チ: 'ジ',
  テ: 'デ',
  ト: 'ド',
  パ: 'バ',
  ピ: 'ビ',
  プ: 'ブ',
  ペ: 'ベ',
  ポ: 'ボ',
};

const voiced = (kana: string) => (VOICED[kana[0]] ?? kana[0]) + kana.slice(1);

/** Whether a Korean syllable ends in -k or -p (ソク, ヨプ), after which a lenis consonant stays voiceless. */
const endsInStop = (reading: string) => reading.length >= 2 && /[クプ]$/u.test(reading);

/**
 * Korean readings of a given name. A lenis initial is voiced in the middle of the name (民俊 ミンジュン)
 * but stays voiceless after -k or -p (錫俊 ソクチュン); the first character is written either way
 * (大中 デジュン, 槿恵 クネ), voiced first.
 */
function joinKorean(perChar: readonly (readonly KoreanReading[])[]): string[] {
  let partials: Combination[] = [{ text: '', cost: 0, last: '' }];
  for (const readings of perChar) {
    partials = extend(partials, (previous) =>
      readings.flatMap(({ kana, lenis }) => {
        if (!lenis) return [kana];
        return previous.text !== '' && endsInStop(previous.last) ? [kana, voiced(kana)] : [voiced(kana), kana];
      }),
    );
  }
  return partials.map((partial) => partial.text);
}

/** The first reading of each system, then the second of each, and so on; distinct, at most MAX_READINGS. */
function interleave(lists: readonly (readonly string[])[]): string[] {
  const out = new Set<string>();
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let i = 0; i < longest && out.size < MAX_READINGS; i++) {
    for (const list of lists) {
      if (i < list.length) out.add(list[i]);
      if (out.size >= MAX_READINGS) break;
    }
  }
  return [...out];
}
