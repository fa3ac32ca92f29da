// Candidate katakana readings of the words of an alphabet name, for comparison with the katakana
// that insurance, pension and employment systems hold. The matcher asks for millions of words
// (a register of a million residents, about three words each) but names repeat a lot, so readings
// are memoized per word and nationality.
import { isKanaName, normalizeKana } from '../names/index.js';
import { isPinyin } from './chinese.js';
import { isJapaneseRomaji } from './japanese.js';
import { isKoreanRomanization } from './korean.js';
import { latinWords, plainLatinWord } from './latin-word.js';
import { mixOf, READERS, type ReaderMix, type ReaderName } from './readers.js';
import { bestReadings, scaled, type Variant } from './variants.js';
import { isVietnameseSyllable } from './vietnamese.js';

/** Readings per word: enough for the usual spelling variants, few enough to compare quickly. */
export const MAX_READINGS = 8;
const MEMO_LIMIT = 200_000;
const memo = new Map<string, string[]>();

/**
 * Without a nationality, every reader whose spelling patterns fit the word: a Vietnamese syllable,
 * pinyin, Korean or Japanese romanization are recognizable; the spelling-based readers always apply.
 */
function guessedMix(word: string): ReaderMix {
  const mix: Array<readonly [ReaderName, number]> = [];
  if (isVietnameseSyllable(word)) mix.push(['vietnamese', 1]);
  if (isPinyin(word)) mix.push(['chinese', 0.9]);
  if (isKoreanRomanization(word)) mix.push(['korean', 0.8]);
  if (isJapaneseRomaji(word)) mix.push(['japanese', 0.75]);
  mix.push(['english', 0.75], ['spanish', 0.7], ['portuguese', 0.6], ['filipino', 0.5]);
  mix.push(['indonesian', 0.45], ['nepali', 0.45], ['myanmar', 0.45], ['letters', 0.5]);
  return mix;
}

// Particles that registers sometimes run together with the name (DOSSANTOS, DELACRUZ), longest first.
const PARTICLES = ['DELOS', 'DELAS', 'DELA', 'DEL', 'DOS', 'DAS', 'VAN', 'VON', 'DE', 'DA', 'DO', 'DI', 'LA'];

// Languages whose surnames take particles.
const WITH_PARTICLES = new Set<ReaderName>(['spanish', 'filipino', 'portuguese', 'english']);

/** Readings of a particle + name run together, from the readings of both parts (less likely). */
function particleReadings(word: string, mix: ReaderMix, nationality: string | null | undefined): Variant[] {
  if (!WITH_PARTICLES.has(mix[0][0])) return [];
  const particle = PARTICLES.find((p) => word.startsWith(p) && word.length - p.length >= 4);
  if (!particle) return [];
  const heads = katakanaReadings(particle, nationality).slice(0, 2);
  const tails = katakanaReadings(word.slice(particle.length), nationality).slice(0, 4);
  return heads.flatMap((head, i) => tails.map((tail, j): Variant => [head + tail, 0.5 * (1 - i / 10) * (1 - j / 10)]));
}

function readingsOf(word: string, mix: ReaderMix, nationality: string | null | undefined): string[] {
  const variants: Variant[] = particleReadings(word, mix, nationality);
  const own = variants.length;
  for (const [reader, weight, fallback] of mix) {
    if (fallback && variants.length > own) continue;
    variants.push(...scaled(READERS[reader](word), weight));
  }
  return bestReadings(variants, MAX_READINGS);
}

/**
 * Candidate katakana readings of ONE alphabet word (`Nguyễn`, `SILVA`, `DELACRUZ`), most likely
 * first, at most 8, one per phonetic key (readings the key cannot tell apart, ヴァン/バン, are kept
 * once). `nationality` is an ISO 3166-1 alpha-2 code; without one, the readers whose spelling
 * patterns fit the word are combined. The returned array is shared: do not modify it.
 */
export function katakanaReadings(word: string, nationality?: string | null): string[] {
  const known = mixOf(nationality);
  const memoKey = `${known?.group ?? ''}:${word}`;
  const cached = memo.get(memoKey);
  if (cached) return cached;
  let readings: string[];
  const plain = plainLatinWord(word);
  if (plain !== '') readings = readingsOf(plain, known?.mix ?? guessedMix(plain), nationality);
  else readings = isKanaName(word) ? [normalizeKana(word).replace(/ /g, '')] : [];
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(memoKey, Object.freeze(readings) as string[]);
  return readings;
}

/**
 * The readings of each word of an alphabet name (`DELA CRUZ MARIA` → three lists). Words are split
 * on spaces, hyphens and punctuation; an apostrophe joins (O'BRIEN, D'SOUZA are one word).
 */
export function readingsOfName(alphabetName: string, nationality?: string | null): string[][] {
  return latinWords(alphabetName.replace(/['’ʼ`´]/g, '')).map((word) => katakanaReadings(word, nationality));
}

/** Forgets the memoized readings (for benchmarks and tests). */
export function clearReadingsMemo(): void {
  memo.clear();
}
