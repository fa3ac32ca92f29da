// Nepali and other South Asian names (also used for Sri Lanka, Bangladesh, Thailand's aspirated
// spellings). The romanization marks aspiration with H (BH, DH, KH, PH, TH), which katakana does
// not write; doubled vowels are long; a final -AR/-UR is often lengthened (クマール).
import {
  afterConsonant,
  atEnd,
  before,
  beforeConsonant,
  beforeVowel,
  betweenVowels,
  both,
  Orthography,
  rule,
} from './orthography.js';
import { readingTable, tableReadings } from './reading-table.js';
import { katakanaOf } from './spell-katakana.js';
import { scaled, type Variant } from './variants.js';

const NAMES = readingTable(`
  GURUNG=グルン/グルング TAMANG=タマン/タマング SHRESTHA=シュレスタ/シュレスター/シレスタ RAI=ライ
  MAGAR=マガル/マガール THAPA=タパ/ターパ BAHADUR=バハドゥール/バハドゥル/バハドール KUMAR=クマール/クマル
  KUMARI=クマリ/クマーリ SHARMA=シャルマ ADHIKARI=アディカリ/アディカーリ KC=ケーシー/ケイシー
  BK=ビーケー LAMA=ラマ SHERPA=シェルパ LIMBU=リンブ SINGH=シン/シング/シンハ SHAH=シャー/シャハ/サハ
  POUDEL,PAUDEL=パウデル/ポウデル/ポーデル KHADKA=カドカ/カダカ KARKI=カルキ BHANDARI=バンダリ
  KHATRI=カトリ/カットリ GHIMIRE=ギミレ CHAUDHARY,CHAUDHARI=チョウダリー/チャウダリ/チョーダリー
  DEVI=デビ/デヴィ LAXMI,LAKSHMI=ラクシュミ/ラクスミ/ラクシミ PRASAD=プラサド/プラサード/プラサッド
  KRISHNA=クリシュナ BISHNU=ビシュヌ/ビスヌ MAYA=マヤ/マーヤ BASNET=バスネット/バスネト
  YADAV=ヤダブ/ヤーダブ/ヤダフ RANA=ラナ OLI=オリ PUN=プン RAJ=ラジ/ラージ RAM=ラム/ラーム
  NEPALI=ネパリ/ネパーリ PRADHAN=プラダン/プラダーン TIWARI=ティワリ/ティワーリ
`);

const RULES_LIST = [
  rule('CHH', 'ch'),
  rule('KSH', 'kush'),
  rule('SHR', 'shur sur:0.5'),
  rule('BH', 'b'),
  rule('DH', 'd'),
  rule('GH', 'g'),
  rule('KH', 'k'),
  rule('PH', 'p f:0.7'),
  rule('TH', 't'),
  rule('JH', 'j'),
  rule('SH', 'sh s:0.6'),
  rule('CH', 'ch'),
  rule('TT', 'Qt'),
  rule('KK', 'Qk'),
  rule('PP', 'Qp'),
  rule('DD', 'Qd'),
  rule('C', 'k'),
  rule('X', 'kush ks:0.8'),
  rule('Q', 'k'),
  rule('Z', 'j z:0.6'),
  rule('V', 'b w:0.5'),
  rule('W', 'w b:0.6', beforeVowel),
  rule('W', 'u'),
  rule('Y', 'iy y:0.6 uy:0.5', both(afterConsonant, beforeVowel)),
  rule('T', 'to tu:0.5', before('R')),
  rule('Y', 'y', beforeVowel),
  rule('Y', 'i'),
  rule('H', '- hu:0.5 _:0.5', atEnd),
  rule('H', 'h', betweenVowels),
  rule('H', '_ hu:0.5', beforeConsonant),
  rule('NG', 'N Ngu:0.4', atEnd),
  rule('N', 'N', before('GK')),
  rule('AA', 'a-'),
  rule('EE', 'i-'),
  rule('II', 'i-'),
  rule('OO', 'u-'),
  rule('UU', 'u-'),
  rule('AU', 'au o-:0.6'),
  rule('AR', 'a-ru', atEnd),
  rule('UR', 'u-ru', atEnd),
];
const RULES = new Orthography(RULES_LIST);

// Sinhala names end in a vowel the romanization writes E but Japanese hears as a (SINGHE シンハ,
// NAYAKE ナーヤカ); GH there is a breathy h.
const SINHALA = new Orthography([
  rule('NGHE', 'Nha Nge:0.6', atEnd),
  rule('GH', 'h g:0.6'),
  rule('KE', 'ka ke:0.8', atEnd),
  rule('E', 'a e:0.8', atEnd),
  rule('EI', 'ei i-:0.6'),
  ...RULES_LIST,
]);

/** Katakana readings of a Nepali (South Asian) name word; `sinhala` for Sri Lankan names. */
export function readNepali(word: string, sinhala = false): Variant[] {
  const listed = tableReadings(NAMES, word);
  const rules = katakanaOf((sinhala ? SINHALA : RULES).spell(word));
  return listed.length > 0 ? [...listed, ...scaled(rules, 0.6)] : rules;
}
