// Staff must find a resident by any form of the name (residence-card alphabet, kanji, 通称, katakana reading),
// whatever the accents, case, width (half-/full-width) or order of the parts. These pure functions produce the
// normalized strings that are stored and searched; typo tolerance lives in PostgreSQL (pg_trgm) on those strings.

export type NameScript = 'LATIN' | 'KATAKANA' | 'KANJI' | 'HANGUL' | 'MIXED' | 'NONE';

/** Latin letters that have no decomposition, so stripping combining marks leaves them as they are. */
const LATIN_FOLDS: Record<string, string> = { đ: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ł: 'l', ı: 'i' };

const PLAIN_ALPHABET = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;
const PLAIN_KATAKANA = /^[\u30A1-\u30FA\u30FC]+(?: [\u30A1-\u30FA\u30FC]+)*$/;

/**
 * `NGUYỄN  Văn-An` → `nguyen van an`, `ｸﾞｴﾝ・ｱﾝ` → `グエン アン`, `ぐえん` → `グエン`.
 * Kanji, katakana (with `ー` and small kana), hangul, letters and digits are kept; punctuation, symbols and
 * separators become one space. `ー` is a letter (Lm), not punctuation, so it survives.
 */
export function normalizeName(text: string): string {
  // Fast paths for what registers hold (an import normalizes millions of names): card alphabet and
  // full-width katakana, single-spaced, are already normal apart from case.
  if (PLAIN_ALPHABET.test(text)) return text.toLowerCase();
  if (PLAIN_KATAKANA.test(text)) return text;
  return text
    .normalize('NFKC') // half-width kana → full-width, full-width Latin/digits/space → ASCII
    .replace(/[\u3041-\u3096\u309d\u309e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60)) // hiragana → katakana
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '') // Latin accents only: kana voicing marks and hangul jamo are outside this range
    .normalize('NFC') // recompose ヴ, ガ, 김, ...
    .toLowerCase()
    .replace(/[đøßæœłı]/g, (c) => LATIN_FOLDS[c])
    .replace(/\p{Cf}/gu, '') // zero-width spaces, soft hyphens from copy-paste
    .replace(/[\p{P}\p{S}\p{Z}\p{Cc}\s]+/gu, ' ')
    .trim();
}

/** `  DE  LA CRUZ ` → `['de', 'la', 'cruz']`. */
export function nameTokens(text: string): string[] {
  return normalizeName(text)
    .split(' ')
    .filter((token) => token !== '');
}

/** Order-insensitive key: `An Van NGUYEN` and `nguyễn văn an` both give `an nguyen van`. */
export function sortedNameKey(text: string): string {
  // UTF-8 byte order is code point order (and PostgreSQL's "C" collation order).
  return nameTokens(text)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .join(' ');
}

/**
 * The script of the letters of the normalized name; digits, spaces and marks are ignored.
 * Letters of more than one script, or of a script outside these four (e.g. Cyrillic), give MIXED.
 */
export function detectScript(text: string): NameScript {
  if (PLAIN_ALPHABET.test(text)) return /[A-Za-z]/.test(text) ? 'LATIN' : 'NONE';
  if (PLAIN_KATAKANA.test(text)) return 'KATAKANA';
  const scripts = new Set<NameScript>();
  for (const c of normalizeName(text)) {
    if (!/\p{L}/u.test(c)) continue;
    scripts.add(scriptOf(c));
  }
  if (scripts.size === 0) return 'NONE';
  const [only] = scripts;
  return scripts.size === 1 ? only : 'MIXED';
}

function scriptOf(letter: string): NameScript {
  if (/\p{Script=Latin}/u.test(letter)) return 'LATIN';
  if (/[\p{Script=Katakana}\p{Script=Hiragana}ー]/u.test(letter)) return 'KATAKANA';
  if (/\p{Script=Han}/u.test(letter)) return 'KANJI'; // CJK ideographs of every extension, and 々
  if (/\p{Script=Hangul}/u.test(letter)) return 'HANGUL';
  return 'MIXED';
}
