// Thai names in the Royal Thai romanization: aspiration is written with H (PH, TH, KH) and not in
// katakana; SRI is シー; AE is a long e; NG and final L are ン; final K, T, P close the syllable
// (ック, ット). Long vowels are frequent in renderings but do not matter for matching.
import { atEnd, atStart, beforeConsonant, beforeVowel, either, Orthography, rule } from './orthography.js';
import { katakanaOf } from './spell-katakana.js';
import type { Variant } from './variants.js';

const RULES = new Orthography([
  rule('SRI', 'shi- suri:0.6', atStart),
  rule('PH', 'p'),
  rule('TH', 't'),
  rule('KH', 'k'),
  rule('CH', 'ch'),
  rule('J', 'ch j:0.7'),
  rule('NG', 'Ng', beforeVowel),
  rule('NG', 'N'),
  rule('AEW', 'e-o eu:0.6'),
  rule('AE', 'e-'),
  rule('EW', 'eo'),
  rule('OE', 'o-'),
  rule('OO', 'o- u-:0.6'),
  rule('EE', 'i-'),
  rule('ER', 'a- u-:0.6', beforeConsonant),
  rule('AY', 'ai'),
  rule('M', 'mu N:0.8', beforeConsonant),
  rule('K', 'Qku ku:0.8', atEnd),
  rule('T', 'Qto to:0.7', atEnd),
  rule('P', 'Qpu pu:0.7', atEnd),
  rule('L', 'N ru:0.6', atEnd),
  rule('W', 'u', either(atEnd, beforeConsonant)),
  rule('Y', 'y', beforeVowel),
  rule('Y', 'i'),
  rule('V', 'w b:0.6'),
  rule('C', 'k'),
]);

/** Katakana readings of a Thai name word. */
export function readThai(word: string): Variant[] {
  return katakanaOf(RULES.spell(word));
}
