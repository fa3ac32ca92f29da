// Japanese names in romaji: Nikkei Brazilians and Peruvians (TANAKA, HIGA, KINJO, OSHIRO) and
// Japanese-born spouses. Passport Hepburn, Kunrei and the passport's OH for a long o are read.
import { spellKatakana } from './spell-katakana.js';
import type { Variant } from './variants.js';

// Whole word of morae: onset + vowel, syllabic n, m before b/p/m, a doubled consonant, OH.
const MORAE =
  /^(?:(?:ky|gy|sh|sy|ch|ty|ts|ny|hy|by|py|my|ry|jy|zy|dy|[kgsztdnhbpmyrwfj])?[aiueo]|n(?![aiueoy])|m(?=[bpm])|([kstpgdbzjf])(?=\1)|t(?=ch|ts)|c(?=ch)|(?<=o)h(?![aiueoy]))+$/;
// Letters and syllables no Japanese romanization writes.
const FOREIGN = /f[aieo]|w[iue]|y[ie]|[lvqx]|c(?!h)/;

/** Whether the word is Japanese in romaji (at least two letters, morae only). */
export function isJapaneseRomaji(word: string): boolean {
  const lower = word.toLowerCase();
  return lower.length >= 2 && MORAE.test(lower) && !FOREIGN.test(lower);
}

// Kunrei and Nihon-shiki spellings → the Hepburn-style notation of spell-katakana.ts.
const TO_HEPBURN: ReadonlyArray<readonly [RegExp, string]> = [
  [/oh(?![aiueoy])/g, 'o-'],
  [/si/g, 'shi'],
  [/ti/g, 'chi'],
  [/tu/g, 'tsu'],
  [/(?<![sc])hu/g, 'fu'],
  [/[zd]i/g, 'ji'],
  [/du/g, 'zu'],
  [/sy/g, 'sh'],
  [/ty/g, 'ch'],
  [/[zjd]y/g, 'j'],
  [/wo/g, 'o'],
];

/** The katakana of a romanized Japanese name; [] when the word is not Japanese romaji. */
export function readJapanese(word: string): Variant[] {
  if (!isJapaneseRomaji(word)) return [];
  const spelling = TO_HEPBURN.reduce((text, [pattern, hepburn]) => text.replace(pattern, hepburn), word.toLowerCase());
  return [[spellKatakana(spelling), 1]];
}
