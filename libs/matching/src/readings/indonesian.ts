// Indonesian (and Malay) spelling is regular: C is ch, J is j, SY is sh, NY is ny, KH is h/k, old
// spellings (DJ, TJ, OE) still occur. The unstressed E may be ウ (schwa), final H is often dropped
// or written ー, and T/D before R or at the end of a syllable is トゥ or ト.
import {
  afterConsonant,
  atEnd,
  before,
  beforeConsonant,
  beforeVowel,
  both,
  notBefore,
  notBeforeVowel,
  Orthography,
  rule,
} from './orthography.js';
import { readingTable, tableReadings } from './reading-table.js';
import { katakanaOf } from './spell-katakana.js';
import { scaled, type Variant } from './variants.js';

const NAMES = readingTable(`
  SITI=シティ PUTRI=プトゥリ/プトリ WAHYU=ワフユ/ワヒュ/ワユ DEWI=デウィ/デヴィ SRI=スリ NUR=ヌル/ヌール
  MUHAMMAD,MUHAMAD=ムハンマド/ムハマド/モハマド MOHAMMAD,MOHAMAD,MOHAMMED,MUHAMMED=モハマド/ムハンマド/モハメド
  AHMAD=アフマド/アハマド DWI=ドゥイ/ドウィ/ドゥウィ TRI=トゥリ/トリ INDAH=インダ/インダー
  SYAH=シャー/シャ NYOMAN=ニョマン KETUT=クトゥット/ケトゥット MADE=マデ WAYAN=ワヤン
  RIZKY,RIZKI,RISKI=リズキ/リスキ BIN=ビン BINTI=ビンティ ABDUL=アブドゥル/アブドル
  RAHMAN=ラフマン/ラーマン/ラハマン FAJAR=ファジャル
`);

// The E of a first syllable is mostly the schwa, which Japanese hears as ウ (SETIAWAN スティアワン).
const firstSyllable = (word: string, start: number) => start <= 2 && !/[AEIOU]/.test(word.slice(0, start));

const RULES = new Orthography([
  rule('DJ', 'j'),
  rule('TJ', 'ch'),
  rule('SJ', 'sh'),
  rule('OE', 'u'),
  rule('SY', 'sh'),
  rule('NY', 'ny'),
  rule('KH', 'k h:0.7'),
  rule('NGG', 'Ng'),
  rule('NG', 'N', notBeforeVowel),
  rule('NG', 'Ng N:0.4'),
  rule('C', 'ch'),
  rule('Q', 'k'),
  rule('V', 'b f:0.5'),
  rule('W', 'w v:0.4', beforeVowel),
  rule('Y', 'iy y:0.7 uy:0.5', both(afterConsonant, beforeVowel)),
  rule('Y', 'y', beforeVowel),
  rule('Y', 'i'),
  rule('H', '_ -:0.8 hu:0.4 ha:0.4', atEnd),
  rule('H', 'h hu:0.8 _:0.4', before('Y')),
  rule('H', 'hu ha:0.7 _:0.5', beforeConsonant),
  rule('DH', 'd'),
  rule('T', 'to tu:0.9', before('R')),
  rule('T', 'to tu:0.6', both(beforeConsonant, notBefore('Y'))),
  rule('D', 'do du:0.8', before('R')),
  rule('T', 'to Qto:0.8', atEnd),
  rule('K', 'Qku ku:0.8 Q:0.5', atEnd),
  rule('E', 'e u:0.6', firstSyllable),
  rule('AI', 'ai'),
  rule('AU', 'au'),
]);

/** Katakana readings of an Indonesian or Malay name word. */
export function readIndonesian(word: string): Variant[] {
  const listed = tableReadings(NAMES, word);
  const rules = katakanaOf(RULES.spell(word));
  return listed.length > 0 ? [...listed, ...scaled(rules, 0.6)] : rules;
}
