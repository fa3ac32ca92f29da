import { nameTokens, type ResidentCandidate } from '@app/residents';
import { isKanaName, kanaTokens, phoneticKey } from '../names/index.js';
import { katakanaReadings } from '../readings/index.js';
import { hasKanji, kanjiNameReadings } from '../readings/kanji-readings.js';
import { pairSignature, type NameWord, type PairSignature } from './name-similarity.js';

/** Which of the resident's names a comparison used: shown to the reviewer as evidence. */
export type MatchedForm = 'ALPHABET' | 'KANJI' | 'KANA' | 'COMMON_KANA' | 'COMMON';

/** One of the resident's names, word by word, with the word orders it is written in. */
export interface ComparableName {
  form: MatchedForm;
  words: NameWord[];
  orders: NameWord[][];
}

/** Everything about a resident's names the comparison needs; shared by residents of the same names. */
export interface ComparableNames {
  /** Tells prepared names apart in the comparison memo. */
  id: number;
  names: ComparableName[];
  /** Alphabet words, normalized (for records that also carry an alphabet name). */
  latinWords: NameWord[];
  signature: PairSignature;
}

// Words that join a surname (DE SOUZA, DELA CRUZ): often dropped or run together in kana.
const PARTICLES = new Set([
  'de',
  'da',
  'do',
  'dos',
  'das',
  'del',
  'dela',
  'delos',
  'della',
  'di',
  'la',
  'van',
  'von',
  'bin',
  'binti',
]);
const MAIN_WORD = 0.8;
const SECOND_GIVEN = 0.3;
const MIDDLE = 0.15;

const readingKeys = new Map<string, string[]>();

/** Phonetic keys of the katakana readings of an alphabet word (memoized: names repeat a lot). */
function keysOfAlphabetWord(word: string, nationality: string | null): string[] {
  const memoKey = `${nationality ?? ''}:${word}`;
  let keys = readingKeys.get(memoKey);
  if (!keys) {
    keys = [...new Set(katakanaReadings(word, nationality).map(phoneticKey))].filter((key) => key !== '');
    if (readingKeys.size > 200_000) readingKeys.clear();
    readingKeys.set(memoKey, keys);
  }
  return keys;
}

function alphabetWords(
  text: string | null,
  nationality: string | null,
  penalty: (i: number, n: number, word: string) => number,
): NameWord[] {
  if (!text) return [];
  const words = nameTokens(text);
  return words
    .map((word, i) => ({
      keys: keysOfAlphabetWord(word.toUpperCase(), nationality),
      absencePenalty: penalty(i, words.length, word),
    }))
    .filter((word) => word.keys.length > 0);
}

function kanaName(form: MatchedForm, text: string | null): ComparableName | null {
  if (!text || !isKanaName(text)) return null;
  const words = kanaTokens(text).map((token) => ({ keys: [phoneticKey(token)], absencePenalty: MAIN_WORD }));
  if (words.length === 0) return null;
  return { form, words, orders: words.length > 1 ? [words, [...words].reverse()] : [words] };
}

/** A kanji name as it is read aloud in Japanese records: on'yomi, Mandarin-like or Korean readings. */
function kanjiName(text: string | null, nationality: string | null): ComparableName | null {
  if (!text || !hasKanji(text)) return null;
  const words = kanjiNameReadings(text, nationality)
    .map((readings) => ({
      keys: [...new Set(readings.map(phoneticKey))].filter((key) => key !== ''),
      absencePenalty: MAIN_WORD,
    }))
    .filter((word) => word.keys.length > 0);
  if (words.length === 0) return null;
  return { form: 'KANJI', words, orders: words.length > 1 ? [words, [...words].reverse()] : [words] };
}

// Names repeat (a city has thousands of NGUYEN VAN ANs across birth dates): each distinct set of
// names is prepared once, and comparisons against it are remembered with it.
const preparedNames = new Map<string, ComparableNames>();

let nextId = 0;

/** Every name of a resident, prepared for comparison (once per distinct set of names). */
export function comparableNamesOf(candidate: ResidentCandidate): ComparableNames {
  const key = [
    candidate.nationality,
    candidate.familyName,
    candidate.givenName,
    candidate.middleName,
    candidate.kanjiName,
    candidate.kanaName,
    candidate.commonName,
    candidate.commonNameKana,
  ].join('\u0000');
  let names = preparedNames.get(key);
  if (!names) {
    if (preparedNames.size >= 50_000) preparedNames.clear();
    names = comparableNames(candidate);
    preparedNames.set(key, names);
  }
  return names;
}

function comparableNames(candidate: ResidentCandidate): ComparableNames {
  const nationality = candidate.nationality?.trim() || null;
  const particle = (word: string) => PARTICLES.has(word);
  const family = alphabetWords(candidate.familyName, nationality, (_, __, word) =>
    particle(word) ? SECOND_GIVEN : MAIN_WORD,
  );
  const given = alphabetWords(candidate.givenName, nationality, (i, n, word) =>
    particle(word) || i < n - 1 ? SECOND_GIVEN : MAIN_WORD,
  );
  const middle = alphabetWords(candidate.middleName, nationality, () => MIDDLE);
  const names: ComparableName[] = [];
  if (family.length + given.length > 0) {
    names.push({
      form: 'ALPHABET',
      words: [...family, ...given, ...middle],
      orders: [
        [...family, ...given, ...middle],
        [...given, ...middle, ...family],
        [...given, ...family, ...middle],
      ],
    });
  }
  for (const name of [
    kanjiName(candidate.kanjiName, nationality),
    kanaName('KANA', candidate.kanaName),
    kanaName('COMMON_KANA', candidate.commonNameKana),
    kanaName('COMMON', candidate.commonName),
  ]) {
    if (name) names.push(name);
  }
  const signature: PairSignature = { low: 0, high: 0 };
  for (const name of names) {
    for (const word of name.words) for (const key of word.keys) pairSignature(key, signature);
    // Records written without spaces also hold the letter pairs across word boundaries.
    for (const order of name.orders) pairSignature(order.map((word) => word.keys[0] ?? '').join(''), signature);
  }
  const latinWords = [candidate.familyName, candidate.givenName, candidate.middleName]
    .flatMap((part) => (part ? nameTokens(part) : []))
    .map((word) => ({ keys: [word], absencePenalty: particle(word) ? SECOND_GIVEN : MAIN_WORD }));
  nextId += 1;
  return { id: nextId, names, latinWords, signature };
}
