import fc from 'fast-check';
import { kanaTokens, normalizeKana, phoneticKey, sortedKanaKey } from './kana.js';
import { foldPhoneticKey } from './phonetic-fold.js';

// Morae as names are written: plain kana, combinations with small kana, ン, ッ, ー.
const CONSONANT_MORAE = [
  ...'カキクケコガギグゲゴサシスセソザジズゼゾタチツテトダデドナニヌネノハヒフヘホバビブベボパピプペポマミムメモラリルレロンヴ',
  ...[
    'キャ',
    'シュ',
    'ショ',
    'チャ',
    'ジェ',
    'ティ',
    'ディ',
    'トゥ',
    'ドゥ',
    'ファ',
    'フィ',
    'ヴァ',
    'ヴィ',
    'リャ',
    'ニュ',
  ],
];
const OTHER_MORAE = [...'アイウエオヤユヨワヲァィゥェォャュョッー', 'ウィ', 'ウェ', 'ウォ', 'イェ'];
const consonantMora = fc.constantFrom(...CONSONANT_MORAE);
const anyMora = fc.constantFrom(...CONSONANT_MORAE, ...OTHER_MORAE);

/** A katakana word; `safeStart` words begin with a consonant mora (see the concatenation property). */
const kanaWord = (safeStart = false) =>
  fc
    .tuple(safeStart ? consonantMora : fc.oneof(consonantMora, anyMora), fc.array(anyMora, { maxLength: 5 }))
    .map(([first, rest]) => first + rest.join(''));
const kanaName = fc.array(kanaWord(true), { minLength: 1, maxLength: 4 });

// Half-width katakana for every full-width kana that has one (voiced kana as base + ﾞ/ﾟ).
const HALF_WIDTH = new Map<string, string>();
for (let code = 0xff66; code <= 0xff9d; code++)
  HALF_WIDTH.set(String.fromCharCode(code).normalize('NFKC'), String.fromCharCode(code));
HALF_WIDTH.set('ー', 'ｰ');
function toHalfWidth(text: string): string {
  return [...text]
    .map((c) => {
      const [base, mark] = [...c.normalize('NFD')];
      const half = HALF_WIDTH.get(base);
      if (half === undefined) return c;
      return half + (mark === '\u3099' ? 'ﾞ' : mark === '\u309a' ? 'ﾟ' : '');
    })
    .join('');
}
const toHiragana = (text: string) =>
  text.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));

describe('normalizeKana properties', () => {
  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        const once = normalizeKana(text);
        expect(normalizeKana(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on kana names with separators', () => {
    const separated = fc
      .tuple(kanaName, fc.constantFrom(' ', '　', '・', '･', ' ・ '))
      .map(([words, sep]) => words.join(sep));
    fc.assert(fc.property(separated, (text) => expect(normalizeKana(normalizeKana(text))).toBe(normalizeKana(text))));
  });

  it('does not care about half-width or hiragana', () => {
    fc.assert(
      fc.property(kanaName, (words) => {
        const name = words.join(' ');
        expect(normalizeKana(toHalfWidth(name))).toBe(normalizeKana(name));
        expect(normalizeKana(toHiragana(name))).toBe(normalizeKana(name));
      }),
    );
  });
});

describe('kanaTokens and phoneticKey properties', () => {
  it('give the same words whatever the separator', () => {
    fc.assert(
      fc.property(kanaName, fc.constantFrom(' ', '　', '・', '･', '  ', ' ・ ', '=', '、'), (words, separator) => {
        expect(kanaTokens(words.join(separator))).toEqual(kanaTokens(words.join(' ')));
        expect(kanaTokens(toHalfWidth(words.join(separator)))).toEqual(kanaTokens(words.join(' ')));
      }),
    );
  });

  it('key a spaced name as the words keyed one by one', () => {
    fc.assert(
      fc.property(fc.array(kanaWord(), { minLength: 1, maxLength: 4 }), (words) => {
        expect(phoneticKey(words.join('・'))).toBe(words.map(phoneticKey).join(''));
      }),
    );
  });

  // Without separators, folding can run across a word boundary only where the next word starts
  // with a vowel, ヤ/ユ/ヨ, ワ or a small kana (グ+エン, キ+ヤ): for words starting with any other
  // consonant mora, the key of the run-together name is the concatenation of the word keys.
  it('key a run-together name as the concatenated word keys when words start with a consonant', () => {
    fc.assert(
      fc.property(kanaName, (words) => {
        expect(phoneticKey(words.join(''))).toBe(words.map(phoneticKey).join(''));
      }),
      { numRuns: 1000 },
    );
  });

  // phoneticKey reads ASCII letters as romaji and folds them like kana, so the key of a word is a
  // word whose key is itself. (Keys of several words are joined, and their junction may fold: the
  // key of オ・ウ is ou, of ou is o. Each word's key is a fixed point.)
  it('is idempotent on a word: its key keys to itself', () => {
    const asciiWord = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzAEIOUY'), maxLength: 20 });
    fc.assert(
      fc.property(fc.oneof(kanaWord(), asciiWord), (text) => {
        const key = phoneticKey(text);
        expect(phoneticKey(key)).toBe(key);
        expect(foldPhoneticKey(key)).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });

  it('folds any letters idempotently', () => {
    const letters = fc.string({ unit: fc.constantFrom(...'aiueoybfmnprskltwvz'), maxLength: 16 });
    fc.assert(
      fc.property(letters, (text) => {
        const once = foldPhoneticKey(text);
        expect(foldPhoneticKey(once)).toBe(once);
      }),
      { numRuns: 5000 },
    );
  });

  it('is the same before and after normalization, in any width or script', () => {
    fc.assert(
      fc.property(kanaWord(), (word) => {
        expect(phoneticKey(normalizeKana(word))).toBe(phoneticKey(word));
        expect(phoneticKey(toHalfWidth(word))).toBe(phoneticKey(word));
        expect(phoneticKey(toHiragana(word))).toBe(phoneticKey(word));
      }),
    );
  });

  it('sortedKanaKey does not depend on the order of the words', () => {
    fc.assert(
      fc.property(kanaName, fc.func(fc.integer()), (words, rank) => {
        const shuffled = [...words].sort((a, b) => rank(a) - rank(b));
        expect(sortedKanaKey(shuffled.join('・'))).toBe(sortedKanaKey(words.join(' ')));
      }),
    );
  });
});
