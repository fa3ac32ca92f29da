// Katakana names as insurance, pension and employment systems hold them: full- or half-width,
// with or without spaces or ・, hiragana now and then, and several conventional spellings of the
// same foreign sound. These functions give the comparable forms the matcher works on.
import { CHOON, combinedAt, HEPBURN_TABLE, isKatakanaLetter, KEY_TABLE, singleOf, SOKUON } from './kana-table.js';
import { foldPhoneticKey } from './phonetic-fold.js';

// Dashes and waves that stand in for ー after a kana (old keyboards, copied text). A plain hyphen
// stays a separator: in names it joins parts (ジャン-ピエール) far more often than it lengthens.
const LONG_MARK_LOOKALIKES = /(?<=[\u30a1-\u30fa])[\u2015\u2500\u2501\u301c~]/g;
const SEPARATORS = /[\s\p{P}\p{S}\p{Z}\p{Cc}]+/gu;

/** Full-width katakana words separated by single spaces: already normal. */
function isNormalKatakana(text: string): boolean {
  if (text.length === 0) return true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) {
      if (i === 0 || i === text.length - 1 || text.charCodeAt(i - 1) === 32) return false;
    } else if (!(isKatakanaLetter(code) || code === CHOON || code === 0x30fd || code === 0x30fe)) {
      return false;
    }
  }
  return true;
}

/**
 * `ｸﾞｴﾝ ヴァン・アン` → `グエン ヴァン アン`: NFKC (half-width kana, full-width spaces), hiragana →
 * katakana, every run of spaces, punctuation and middle dots → one space. ー, small kana and ヴ are
 * kept; Latin letters and kanji are kept (after NFKC) so that callers can tell a name is not kana.
 * Idempotent.
 */
export function normalizeKana(text: string): string {
  if (isNormalKatakana(text)) return text;
  return (
    text
      // A separate voicing mark (ウ゛) must become the combining one for NFKC to compose ヴ.
      .replace(/[\u309b\uff9e]/g, '\u3099')
      .replace(/[\u309c\uff9f]/g, '\u309a')
      .normalize('NFKC')
      .replace(/[\u3041-\u3096\u309d\u309e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
      .replace(/[\u3099\u309a]/g, '') // voicing marks on kana that have no voiced form
      .replace(LONG_MARK_LOOKALIKES, 'ー')
      .replace(/\p{Cf}/gu, '') // zero-width spaces and soft hyphens from copy-paste
      .replace(SEPARATORS, ' ')
      .trim()
  );
}

/** `グエン・ヴァン アン` → `['グエン', 'ヴァン', 'アン']`, whatever the separators. */
export function kanaTokens(text: string): string[] {
  const normal = normalizeKana(text);
  return normal === '' ? [] : normal.split(' ');
}

/** True when the text is a katakana name: at least one kana letter and nothing but katakana and spaces. */
export function isKanaName(text: string): boolean {
  const normal = normalizeKana(text);
  let letters = 0;
  for (let i = 0; i < normal.length; i++) {
    const code = normal.charCodeAt(i);
    if (isKatakanaLetter(code)) letters++;
    else if (code !== 32 && code !== CHOON && code !== 0x30fd && code !== 0x30fe) return false;
  }
  return letters > 0;
}

/** Kunrei-style romaji of one normalized token, before folding; Latin letters pass through. */
function keyRomaji(token: string): string {
  let romaji = '';
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (isKatakanaLetter(code)) {
      const combined = combinedAt(token, i, KEY_TABLE);
      if (combined !== undefined) {
        romaji += combined;
        i++;
      } else {
        romaji += singleOf(code, KEY_TABLE); // ッ has an empty entry: the geminate is dropped
      }
    } else if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) {
      romaji += token[i];
    }
    // ー, iteration marks, kanji and digits add nothing.
  }
  return romaji;
}

/**
 * A coarse ASCII key for comparing renderings of the same foreign name: `グエン`, `グェン`,
 * `グウェン`, `ｸﾞｴｰﾝ` all give `guen`; `ヴァン` and `バン` give `ban`; `ティ` and `チ` give `ti`.
 *
 * Folds (each merges spellings Japanese offices really alternate between):
 * - ヴ-row = バ-row; ー, a repeated vowel, オウ/オー, エイ/エー and ッ are dropped;
 * - ティ = チ, トゥ = ツ (old and new spellings of ti/tu; THI ティ/チ), ディ = ジ, デュ = ジュ
 *   (Brazilian DI ジ/ディ), ジ = ヂ, ズ = ヅ, シ = スィ, ジ = ズィ, ヲ = オ, イェ = イエ;
 * - ウィ = ウイ, ワ = ウア, クワ = クア: w is written u, so small and big spellings meet;
 * - after a consonant, イ before ア/エ/オ is the glide (リア = リャ, ジエ = ジェ, キヤ = キャ), and
 *   フ/ヴ before a vowel lose their u (フア = ファ, フイ = フィ, ヴア = ヴァ; ブイ stays);
 * - l = r (for romaji input) and ン is n before b/p/m too.
 *
 * Not folded, because they tell names apart more often than they spell one name: ファ/ハ and
 * フィ/ヒ (F vs H or Spanish J), ウィ/イ, ウェ/エ, ウォ/オ (WIN/IN), ドゥ/ズ and ドゥ/ド (one letter
 * apart anyway), voiced/voiceless consonants. Words are keyed separately and joined without a
 * space, so `phoneticKey('a b') === phoneticKey('a') + phoneticKey('b')`.
 */
export function phoneticKey(text: string): string {
  const normal = normalizeKana(text);
  let start = 0;
  let key = '';
  for (let i = 0; i <= normal.length; i++) {
    if (i === normal.length || normal.charCodeAt(i) === 32) {
      if (i > start) key += foldPhoneticKey(keyRomaji(normal.slice(start, i)));
      start = i + 1;
    }
  }
  return key;
}

/** Phonetic keys of the words, sorted and joined by spaces: the same for any word order. */
export function sortedKanaKey(text: string): string {
  return kanaTokens(text).map(phoneticKey).sort().join(' ');
}

const VOWELS = 'aiueo';

/** Hepburn romaji of one normalized token; ー repeats the vowel, ッ doubles the consonant. */
function tokenRomaji(token: string): string {
  let romaji = '';
  let geminate = false;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    let piece: string;
    if (code === SOKUON) {
      geminate = true;
      continue;
    } else if (code === CHOON) {
      const vowel = romaji[romaji.length - 1];
      piece = vowel !== undefined && VOWELS.includes(vowel) ? vowel : '';
    } else if (isKatakanaLetter(code)) {
      const combined = combinedAt(token, i, HEPBURN_TABLE);
      if (combined !== undefined) i++;
      piece = combined ?? singleOf(code, HEPBURN_TABLE);
    } else {
      piece = token[i].toLowerCase();
    }
    if (geminate && piece !== '' && !VOWELS.includes(piece[0]) && piece !== 'n') {
      romaji += piece.startsWith('ch') ? 't' : piece[0];
    }
    geminate = false;
    romaji += piece;
  }
  return romaji;
}

/** `ジェームズ・ボンド` → `jeemuzu bondo`: readable Hepburn, words separated by spaces. */
export function kanaToRomaji(text: string): string {
  return kanaTokens(text).map(tokenRomaji).join(' ');
}
