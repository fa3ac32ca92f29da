import { distance } from 'fastest-levenshtein';

/**
 * One word of a name as the matcher compares it: every phonetic key it may be written as (the
 * katakana readings of an alphabet word, or the one key of a recorded kana word), and how much its
 * absence from an external record counts (a dropped middle name counts little, a missing surname much).
 */
export interface NameWord {
  keys: readonly string[];
  /** Share of the word's length charged when the external record lacks it. */
  absencePenalty: number;
}

/** 1 for equal keys, falling with the edit distance relative to the longer key. */
export function keySimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 0 : 1 - distance(a, b) / longest;
}

const ASSIGN_FLOOR = 0.5;

function bestSimilarity(key: string, word: NameWord): number {
  let best = 0;
  for (const candidate of word.keys) {
    // The length difference alone bounds the similarity: skip keys that cannot beat the best.
    const longest = Math.max(key.length, candidate.length);
    if (longest === 0 || 1 - Math.abs(key.length - candidate.length) / longest <= Math.max(best, ASSIGN_FLOOR - 0.01)) {
      continue;
    }
    const similarity = keySimilarity(key, candidate);
    if (similarity > best) best = similarity;
    if (best === 1) break;
  }
  return best;
}

/**
 * Word-by-word, in any order: each word of the external record is paired with a different word
 * of the name (best pairs first). The result is the paired similarity per character of the record,
 * lowered by the name's words that the record lacks.
 */
export interface NameFit {
  /** Paired similarity per character of the record, lowered by the name's words it lacks. */
  similarity: number;
  /** The similarity of the record's least well matched word (0 when one has no partner). */
  weakest: number;
}

export function wordSetSimilarity(recordKeys: readonly string[], name: readonly NameWord[]): NameFit {
  const pairs: Array<[similarity: number, recordIndex: number, nameIndex: number]> = [];
  for (let i = 0; i < recordKeys.length; i++) {
    for (let j = 0; j < name.length; j++) {
      const similarity = bestSimilarity(recordKeys[i], name[j]);
      if (similarity >= ASSIGN_FLOOR) pairs.push([similarity, i, j]);
    }
  }
  pairs.sort((a, b) => b[0] - a[0]);
  const recordUsed = new Array<boolean>(recordKeys.length).fill(false);
  const nameUsed = new Array<boolean>(name.length).fill(false);
  let matched = 0;
  let weakest = 1;
  let paired = 0;
  for (const [similarity, i, j] of pairs) {
    if (recordUsed[i] || nameUsed[j]) continue;
    recordUsed[i] = nameUsed[j] = true;
    matched += similarity * recordKeys[i].length;
    weakest = Math.min(weakest, similarity);
    paired += 1;
  }
  if (paired < recordKeys.length) weakest = 0;
  let total = 0;
  for (const key of recordKeys) total += key.length;
  for (let j = 0; j < name.length; j++) {
    if (!nameUsed[j]) total += name[j].absencePenalty * (name[j].keys[0]?.length ?? 0);
  }
  return { similarity: total === 0 ? 0 : matched / total, weakest: total === 0 ? 0 : weakest };
}

/**
 * The record written without spaces (or with words run together), against the name's words in
 * one order: the edit distance between the record and the best concatenation, choosing for each
 * word its closest key and leaving out words whose absence is cheap (middle names).
 */
export function runTogetherSimilarity(recordText: string, words: readonly NameWord[]): NameFit {
  const n = recordText.length;
  const width = n + 1;
  if (scratch.length < 4 * width) scratch = new Int32Array(8 * width);
  const rows = scratch;
  // Four rows in one buffer: the best cost after the words so far (word), the next word's (next),
  // and two rolling rows for the letters of the key being tried (a, b). No allocation per call.
  let word = 0;
  let next = width;
  for (let j = 0; j <= n; j++) rows[word + j] = j;
  // Past this many edits the similarity is below one half: nothing a match could rest on.
  const hopeless = Math.ceil(n / 2) + 1;
  let expectedLength = 0;
  for (const nameWord of words) {
    const optional = nameWord.absencePenalty < 0.5;
    if (!optional) expectedLength += nameWord.keys[0]?.length ?? 0;
    for (let j = 0; j <= n; j++) rows[next + j] = optional ? rows[word + j] : FAR;
    for (const key of nameWord.keys) {
      let a = 2 * width;
      let b = 3 * width;
      for (let j = 0; j <= n; j++) rows[a + j] = rows[word + j];
      for (let k = 0; k < key.length; k++) {
        const c = key.charCodeAt(k);
        rows[b] = rows[a] + 1;
        for (let j = 1; j <= n; j++) {
          const substitute = rows[a + j - 1] + (recordText.charCodeAt(j - 1) === c ? 0 : 1);
          const insert = rows[a + j] + 1;
          const remove = rows[b + j - 1] + 1;
          rows[b + j] =
            substitute < insert ? (substitute < remove ? substitute : remove) : insert < remove ? insert : remove;
        }
        const swap = a;
        a = b;
        b = swap;
      }
      for (let j = 0; j <= n; j++) if (rows[a + j] < rows[next + j]) rows[next + j] = rows[a + j];
    }
    const swap = word;
    word = next;
    next = swap;
    let least = FAR;
    for (let j = 0; j <= n; j++) if (rows[word + j] < least) least = rows[word + j];
    if (least > hopeless) return { similarity: 0, weakest: 0 };
  }
  const longest = Math.max(n, expectedLength);
  if (longest === 0) return { similarity: 0, weakest: 0 };
  const distance = rows[word + n];
  const similarity = Math.max(0, 1 - distance / longest);
  // Without word boundaries, one changed letter may be all that tells two given names apart:
  // each edit counts as if it fell in a word of average length (5).
  return { similarity, weakest: Math.max(0, 1 - distance / Math.min(longest, 5)) };
}

const FAR = 1 << 20;
let scratch = new Int32Array(256);

/**
 * A 64-bit signature (two 32-bit halves) of the letter pairs of keys, for a cheap first look.
 * Plain numbers, not a typed array: a run makes one per resident, and typed arrays' backing
 * stores live outside the heap until a full collection.
 */
export interface PairSignature {
  low: number;
  high: number;
}

export function pairSignature(text: string, into: PairSignature = { low: 0, high: 0 }): PairSignature {
  for (let i = 0; i + 1 < text.length; i++) {
    const bit = (text.charCodeAt(i) * 31 + text.charCodeAt(i + 1)) % 64;
    if (bit < 32) into.low |= 1 << bit;
    else into.high |= 1 << (bit - 32);
  }
  return into;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Share of the record's letter pairs that occur anywhere in the name (an upper bound in spirit). */
export function pairOverlap(record: PairSignature, name: PairSignature): number {
  const own = popcount(record.low) + popcount(record.high);
  if (own < 3) return 1; // too short a name to judge by letter pairs
  return (popcount(record.low & name.low) + popcount(record.high & name.high)) / own;
}
