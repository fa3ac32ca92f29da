// Portuguese spelling (Brazil above all, also Portugal). Renderings in Japan mix the Brazilian
// sound (R- and RR as ハ行, L before a consonant as ウ, final -DE/-TE as ジ/チ, S between vowels as
// z) with plain spelling-based readings, so both are produced.
import {
  after,
  atEnd,
  atStart,
  before,
  beforeConsonant,
  beforeVowel,
  betweenVowels,
  both,
  either,
  notBefore,
  Orthography,
  rule,
} from './orthography.js';
import { readingTable, tableReadings } from './reading-table.js';
import { katakanaOf } from './spell-katakana.js';
import { scaled, type Variant } from './variants.js';

// Particles, names whose Ç the card writes as C, and names whose usual katakana the rules would
// not give first.
const NAMES = readingTable(`
  DE=デ/ジ DA=ダ DO=ド DOS=ドス DAS=ダス E=エ/イ JOAO=ジョアン/ジョアオ/ジョアウン JOSE=ジョゼ/ジョセ/ホセ
  SOUZA,SOUSA=ソウザ/ソウサ GONCALVES=ゴンサルベス/ゴンサウベス/ゴンザレス CONCEICAO=コンセイサン/コンセイソン
  ASSUNCAO=アスンサン LOURENCO=ロウレンソ/ローレンソ FRANCA=フランサ BRAGANCA=ブラガンサ
  GUIMARAES=ギマランイス/ギマラエス/ギマランエス MAGALHAES=マガリャンイス/マガリャエス/マガリャンエス
  SILVA=シルバ/シウバ CARVALHO=カルバーリョ/カルヴァリョ/カルバリオ MACHADO=マシャード/マチャド
  ROCHA=ホシャ/ロシャ/ロッシャ DIAS=ジアス/ディアス ARAUJO=アラウージョ/アラウジョ ALVES=アウベス/アルベス
  RAMOS=ハモス/ラモス RIBEIRO=ヒベイロ/リベイロ RODRIGUES=ロドリゲス/ホドリゲス/ホドリギス
  ANDRADE=アンドラーデ/アンドラジ MATHEUS,MATEUS=マテウス ALINE=アリーネ/アリニ
  LUIZ,LUIS=ルイス/ルイズ
`);

const RULES = new Orthography([
  rule('CAO', 'saN kaN:0.5 sauN:0.4', atEnd), // -ÇÃO
  rule('COES', 'soNisu soesu:0.8', atEnd), // -ÇÕES
  rule('AO', 'aN auN:0.7 ao:0.5 aoN:0.4', atEnd), // -ÃO
  rule('AES', 'aNisu aesu:0.8 aNesu:0.5', atEnd), // -ÃES
  rule('OES', 'oNisu oesu:0.8 oNesu:0.5', atEnd), // -ÕES
  rule('LH', 'ry r:0.6 ri:0.4'),
  rule('NH', 'ny n:0.4'),
  rule('CH', 'sh ch:0.5'),
  rule('SH', 'sh'),
  rule('PH', 'f'),
  rule('TH', 't'),
  rule('SS', 's'),
  rule('FF', 'f'), // doubled letters of foreign given names (JEFFERSON, WILLIAN, MATTOS)
  rule('TT', 't'),
  rule('PP', 'p'),
  rule('MM', 'm'),
  rule('NN', 'n'),
  rule('SC', 's sus:0.4', before('EI')),
  rule('RR', 'r h:0.8'),
  rule('R', 'r h:0.8', atStart),
  rule('R', 'r h:0.6', after('NLS')),
  rule('R', 'ru -:0.5 _:0.3', atEnd),
  rule('R', 'r h:0.25', betweenVowels),
  rule('ER', 'eru eu:0.4 a-:0.4', both(beforeConsonant, notBefore('R'))), // ANDERSON
  rule('R', 'ru u:0.5', beforeConsonant),
  rule('DU', 'du do:0.6', beforeVowel),
  rule('D', 'd du:0.5', before('R')),
  rule('D', 'do ji:0.7', beforeConsonant),
  rule('QU', 'k', before('EI')),
  rule('QU', 'ku'),
  rule('GU', 'g', before('EI')),
  rule('G', 'j', before('EI')),
  rule('C', 's', before('EIY')),
  rule('C', 'k s:0.7', both(after('N'), before('AOU'))), // FRANÇA, but FRANCO
  rule('J', 'j h:0.3'),
  rule('X', 'sh ks:0.6 s:0.3'),
  rule('S', 'z s:0.6', betweenVowels),
  rule('Z', 'su zu:0.5', atEnd),
  rule('H', '_ h:0.6', atStart),
  rule('H', '_'),
  rule('LL', 'r'),
  rule('L', 'ru u:0.8', either(beforeConsonant, atEnd)),
  rule('NG', 'N Ngu:0.5', beforeConsonant),
  rule('M', 'N', either(atEnd, beforeConsonant)),
  rule('DE', 'de ji:0.8', atEnd),
  rule('TE', 'te chi:0.8', atEnd),
  rule('ES', 'esu isu:0.4 ezu:0.4', atEnd),
  rule('S', 'su zu:0.5', atEnd),
  rule('E', 'e i:0.7', atEnd),
  rule('OU', 'o- ou:0.8'),
  rule('W', 'w v:0.5'),
  rule('Y', 'y', beforeVowel),
  rule('Y', 'i'),
]);

/** Katakana readings of a Portuguese (Brazilian) name word. */
export function readPortuguese(word: string): Variant[] {
  const listed = tableReadings(NAMES, word);
  const rules = katakanaOf(RULES.spell(word));
  return listed.length > 0 ? [...listed, ...scaled(rules, 0.6)] : rules;
}
