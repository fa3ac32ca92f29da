import { phoneticKey } from '../names/index.js';
import { katakanaReadings, readingsOfName } from './index.js';

/** Each expected katakana must be among the readings (compared by phonetic key). */
function expectReadings(word: string, nationality: string | null, expected: string) {
  const readings = katakanaReadings(word, nationality);
  const keys = readings.map(phoneticKey);
  const missing = expected.split('/').filter((kana) => !keys.includes(phoneticKey(kana)));
  expect({ word, readings, missing }).toEqual({ word, readings, missing: [] });
}

// [word, katakana that must be among the readings, expected first ('' = not checked)]
const PERUVIAN: Array<[string, string, string]> = [
  ['JOSE', 'ホセ', 'ホセ'],
  ['JUAN', 'フアン', 'フアン'],
  ['JORGE', 'ホルヘ', 'ホルヘ'],
  ['JESUS', 'ヘスス', 'ヘスス'],
  ['LUIS', 'ルイス', 'ルイス'],
  ['CARLOS', 'カルロス', 'カルロス'],
  ['GARCIA', 'ガルシア', 'ガルシア'],
  ['RODRIGUEZ', 'ロドリゲス', 'ロドリゲス'],
  ['GONZALEZ', 'ゴンサレス/ゴンザレス', 'ゴンサレス'],
  ['FERNANDEZ', 'フェルナンデス', 'フェルナンデス'],
  ['LOPEZ', 'ロペス', 'ロペス'],
  ['MARTINEZ', 'マルティネス', 'マルティネス'],
  ['SANCHEZ', 'サンチェス', 'サンチェス'],
  ['PEREZ', 'ペレス', 'ペレス'],
  ['GOMEZ', 'ゴメス', 'ゴメス'],
  ['DIAZ', 'ディアス', 'ディアス'],
  ['QUISPE', 'キスペ', 'キスペ'],
  ['MAMANI', 'ママニ', 'ママニ'],
  ['HUAMAN', 'ワマン/ウアマン', ''],
  ['CHAVEZ', 'チャベス', 'チャベス'],
  ['ROJAS', 'ロハス', 'ロハス'],
  ['CASTILLO', 'カスティージョ/カスティーヨ/カスティリョ', ''],
  ['GUILLERMO', 'ギジェルモ/ギレルモ', ''],
  ['NUNEZ', 'ヌニェス', ''],
  ['PENA', 'ペーニャ', ''],
  ['MUNOZ', 'ムニョス', ''],
  ['VASQUEZ', 'バスケス', 'バスケス'],
  ['GUTIERREZ', 'グティエレス', 'グティエレス'],
  ['HERRERA', 'エレラ/ヘレラ', ''],
  ['JIMENEZ', 'ヒメネス', 'ヒメネス'],
  ['ROSARIO', 'ロサリオ', 'ロサリオ'],
  ['YOLANDA', 'ヨランダ', 'ヨランダ'],
  ['XIMENA', 'ヒメナ', ''],
  ['OSCAR', 'オスカル/オスカー', 'オスカル'],
  ['DAVID', 'ダビド', ''],
  // Nikkei families: Japanese surnames in romaji
  ['FUJIMORI', 'フジモリ', ''],
  ['HIGA', 'ヒガ', ''],
  ['KINJO', 'キンジョ', ''],
];

const FILIPINO: Array<[string, string, string]> = [
  ['DELACRUZ', 'デラクルス', 'デラクルス'],
  ['REYES', 'レイエス', 'レイエス'],
  ['SANTOS', 'サントス', 'サントス'],
  ['GARCIA', 'ガルシア', 'ガルシア'],
  ['MENDOZA', 'メンドーサ/メンドサ', 'メンドーサ'],
  ['BAUTISTA', 'バウティスタ', 'バウティスタ'],
  ['RAMOS', 'ラモス', 'ラモス'],
  ['AQUINO', 'アキノ', 'アキノ'],
  ['VILLANUEVA', 'ビリャヌエバ/ビラヌエバ', ''],
  ['GONZALES', 'ゴンザレス/ゴンサレス', ''],
  ['DIZON', 'ディゾン', ''],
  ['MARIA', 'マリア', 'マリア'],
  ['MA', 'マリア', ''],
  ['JOY', 'ジョイ', 'ジョイ'],
  ['MARK', 'マーク', 'マーク'],
  ['JOHN', 'ジョン', 'ジョン'],
  ['JENNIFER', 'ジェニファー', 'ジェニファー'],
  ['MICHAEL', 'マイケル', 'マイケル'],
  ['CHRISTIAN', 'クリスチャン', ''],
  ['JOSE', 'ホセ', 'ホセ'],
  ['ROSALIE', 'ロザリー', ''],
  ['MARICEL', 'マリセル', ''],
  ['JOCELYN', 'ジョセリン', ''],
  ['MARY', 'メアリー', ''],
  ['ANGELICA', 'アンジェリカ', ''],
];

describe('Spanish readings (Peru)', () => {
  it.each(PERUVIAN)('%s → %s', (word, expected, first) => {
    expectReadings(word, 'PE', expected);
    if (first) expect(katakanaReadings(word, 'PE')[0]).toBe(first);
  });

  it('reads other Spanish-speaking nationalities the same way', () => {
    for (const nationality of ['ES', 'MX', 'BO', 'AR', 'CO']) expectReadings('GONZALEZ', nationality, 'ゴンサレス');
  });
});

describe('Filipino readings', () => {
  it.each(FILIPINO)('%s → %s', (word, expected, first) => {
    expectReadings(word, 'PH', expected);
    if (first) expect(katakanaReadings(word, 'PH')[0]).toBe(first);
  });

  it('keeps the particle of DELA CRUZ as a word of its own', () => {
    const [dela, cruz] = readingsOfName('DELA CRUZ', 'PH');
    expect(dela[0]).toBe('デラ');
    expect(cruz[0]).toBe('クルス');
  });
});
