// A small engine for spelling-based readers (Spanish, Portuguese, English, Indonesian, Nepali):
// each rule maps a letter group, in a context, to weighted spellings in the notation of
// spell-katakana.ts. At each position the longest group whose context holds wins; among groups of
// one length, the rule listed first.
import { alternatives, combine, type Variant } from './variants.js';

/** Where a letter group sits: the word and the group's bounds. */
export type Context = (word: string, start: number, end: number) => boolean;

export interface Rule {
  readonly letters: string;
  readonly spellings: readonly Variant[];
  readonly when?: Context;
}

/** `rule('LL', 'j y:0.9', beforeVowel)`: LL is j (or y, less likely) before a vowel. */
export function rule(letters: string, spellings: string, when?: Context): Rule {
  return { letters, spellings: alternatives(spellings), when };
}

const VOWELS = 'AEIOU';
export const isVowelLetter = (c: string | undefined): boolean => c !== undefined && VOWELS.includes(c);

export const atStart: Context = (_, start) => start === 0;
export const atEnd: Context = (word, _, end) => end === word.length;
export const beforeVowel: Context = (word, _, end) => isVowelLetter(word[end]);
export const beforeConsonant: Context = (word, _, end) => end < word.length && !isVowelLetter(word[end]);
export const afterVowel: Context = (word, start) => isVowelLetter(word[start - 1]);
export const afterConsonant: Context = (word, start) => start > 0 && !isVowelLetter(word[start - 1]);
export const betweenVowels: Context = (word, start, end) => isVowelLetter(word[start - 1]) && isVowelLetter(word[end]);
export const notBeforeVowel: Context = (word, _, end) => !isVowelLetter(word[end]);

/** The next letter is one of `letters`. */
export const before =
  (letters: string): Context =>
  (word, _, end) =>
    end < word.length && letters.includes(word[end]);
/** The next letter is not one of `letters` (or there is none). */
export const notBefore =
  (letters: string): Context =>
  (word, _, end) =>
    end >= word.length || !letters.includes(word[end]);
/** The previous letter is one of `letters`. */
export const after =
  (letters: string): Context =>
  (word, start) =>
    start > 0 && letters.includes(word[start - 1]);
/** The word ends with `tail` right after the group. */
export const endsWith =
  (tail: string): Context =>
  (word, _, end) =>
    word.length === end + tail.length && word.endsWith(tail);
export const both =
  (...contexts: Context[]): Context =>
  (word, start, end) =>
    contexts.every((context) => context(word, start, end));
export const either =
  (...contexts: Context[]): Context =>
  (word, start, end) =>
    contexts.some((context) => context(word, start, end));

export class Orthography {
  private readonly byFirstLetter = new Map<string, Rule[]>();

  constructor(rules: readonly Rule[]) {
    for (const item of rules) {
      const list = this.byFirstLetter.get(item.letters[0]) ?? [];
      list.push(item);
      this.byFirstLetter.set(item.letters[0], list);
    }
    for (const list of this.byFirstLetter.values()) list.sort((a, b) => b.letters.length - a.letters.length);
  }

  /** Weighted spellings of a word of capital letters, most likely first. */
  spell(word: string, width = 16): Variant[] {
    const pieces: Variant[][] = [];
    for (let i = 0; i < word.length;) {
      const matched = this.byFirstLetter
        .get(word[i])
        ?.find((r) => word.startsWith(r.letters, i) && (r.when === undefined || r.when(word, i, i + r.letters.length)));
      if (matched) {
        pieces.push(matched.spellings as Variant[]);
        i += matched.letters.length;
      } else {
        pieces.push([[word[i].toLowerCase(), 1]]);
        i++;
      }
    }
    return combine(pieces, width);
  }
}
