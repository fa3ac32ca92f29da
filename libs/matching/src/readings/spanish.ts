// Spanish spelling (Peru, Bolivia, Mexico, Spain, ...) and the Spanish names of the Philippines.
// Spanish is read as written: J and G before E/I are ハ/ヘ/ヒ, LL is ジ/ヤ/リャ, Z and C before E/I
// are s, H is silent. Filipinos say Z, J, H and LL the English way about as often.
import { atEnd, atStart, before, beforeVowel, betweenVowels, Orthography, rule, type Rule } from './orthography.js';
import { readingTable, tableReadings } from './reading-table.js';
import { katakanaOf } from './spell-katakana.js';
import { scaled, type Variant } from './variants.js';

// Particles of compound surnames, names whose Ñ the card writes as N, and a few whose usual
// katakana the rules would not give first.
const NAMES = readingTable(`
  DE=デ DEL=デル DELA=デラ DELOS=デロス DELAS=デラス LA=ラ LOS=ロス LAS=ラス Y=イ SAN=サン SANTA=サンタ
  STA=サンタ STO=サント NUNEZ=ヌニェス/ヌネス PENA=ペーニャ/ペニャ/ペナ MUNOZ=ムニョス/ムノス
  IBANEZ=イバニェス/イバネス YANEZ=ヤニェス/ヤネス ORDONEZ=オルドニェス/オルドネス
  CASTANEDA=カスタニェダ/カスタネダ ACUNA=アクーニャ/アクニャ/アクナ ZUNIGA=スニガ/スニーガ/ズニガ
  PATINO=パティーニョ/パティノ BRICENO=ブリセーニョ/ブリセノ BOLANOS=ボラーニョス/ボラノス
  NINO=ニーニョ/ニノ CANETE=カニェテ/カネテ SALDANA=サルダーニャ/サルダナ MAGANA=マガーニャ/マガナ
  JOSE=ホセ/ジョセ JUAN=フアン/ホアン JESUS=ヘスス/ジーザス REYES=レイエス/レジェス/レイジェス
  CRUZ=クルス/クルーズ/クルズ MENDOZA=メンドーサ/メンドサ/メンドザ FLORES=フローレス/フロレス
  TORRES=トーレス/トレス HUAMAN=ワマン/ウアマン QUISPE=キスペ MARIA=マリア GUILLERMO=ギジェルモ/ギレルモ
  CASTILLO=カスティージョ/カスティーヨ/カスティリョ/カスティロ VILLANUEVA=ビジャヌエバ/ビラヌエバ/ビリャヌエバ
  GONZALEZ,GONZALES=ゴンサレス/ゴンザレス HERNANDEZ=エルナンデス/ヘルナンデス
`);

// Filipino usage: MA. is MARIA, JR. is junior.
const FILIPINO_NAMES = readingTable(`MA=マ/マリア JR=ジュニア`);

function spanishRules(filipino: boolean): Rule[] {
  return [
    rule('CH', 'ch'),
    rule('SH', 'sh'),
    rule('PH', 'f'),
    rule('TH', 't'),
    rule('LL', filipino ? 'ry r:0.8 j:0.6 y:0.6' : 'j y:0.9 ry:0.6 r:0.5', beforeVowel),
    rule('RR', 'r'),
    rule('QU', 'k', before('EI')),
    rule('QU', 'ku'),
    rule('GU', 'g', before('EI')),
    rule('G', filipino ? 'h j:0.8' : 'h', before('EI')),
    rule('CC', 'ks'),
    rule('SS', 's'),
    rule('MM', 'm Nm:0.5'),
    rule('NN', 'N', atEnd),
    rule('NN', 'n Nn:0.6'),
    rule('LLE', 'ru', atEnd),
    rule('C', 's', before('EIY')),
    rule('J', filipino ? 'j h:0.8' : 'h j:0.35'),
    rule('Z', filipino ? 's z:0.8' : 's z:0.6'),
    rule('S', 's z:0.5', betweenVowels),
    rule('X', 'h s:0.6', atStart),
    rule('X', 'ks h:0.5 s:0.4'),
    rule('H', filipino ? 'h _:0.7' : '_ h:0.7', atStart),
    rule('H', '_'),
    rule('V', 'b'),
    rule('D', 'd _:0.4', atEnd),
    rule('DU', 'du do:0.6', beforeVowel),
    rule('D', 'd du:0.5', before('R')),
    rule('R', 'ru -:0.6', atEnd),
    rule('Y', 'y j:0.6', beforeVowel),
    rule('Y', 'i'),
  ];
}

const SPANISH = new Orthography(spanishRules(false));
const FILIPINO = new Orthography(spanishRules(true));

/** Katakana readings of a Spanish (or, with `filipino`, Philippine) name word. */
export function readSpanish(word: string, filipino = false): Variant[] {
  const listed = [...(filipino ? tableReadings(FILIPINO_NAMES, word) : []), ...tableReadings(NAMES, word)];
  const rules = katakanaOf((filipino ? FILIPINO : SPANISH).spell(word));
  return listed.length > 0 ? [...listed, ...scaled(rules, 0.6)] : rules;
}
