import { phoneticKey } from '../names/index.js';
import { katakanaReadings } from './index.js';

/** Each expected katakana must be among the readings (compared by phonetic key). */
function expectReadings(word: string, nationality: string | null, expected: string) {
  const readings = katakanaReadings(word, nationality);
  const keys = readings.map(phoneticKey);
  const missing = expected.split('/').filter((kana) => !keys.includes(phoneticKey(kana)));
  expect({ word, readings, missing }).toEqual({ word, readings, missing: [] });
}

// [word, katakana that must be among the readings, expected first ('' = not checked)]
const NAMES: Array<[string, string, string]> = [
  ['GURUNG', 'グルン', 'グルン'],
  ['TAMANG', 'タマン', 'タマン'],
  ['SHRESTHA', 'シュレスタ', 'シュレスタ'],
  ['RAI', 'ライ', 'ライ'],
  ['MAGAR', 'マガル', 'マガル'],
  ['THAPA', 'タパ', 'タパ'],
  ['BAHADUR', 'バハドゥール/バハドゥル', 'バハドゥール'],
  ['KUMAR', 'クマール/クマル', 'クマール'],
  ['SHARMA', 'シャルマ', 'シャルマ'],
  ['ADHIKARI', 'アディカリ', 'アディカリ'],
  ['LAMA', 'ラマ', 'ラマ'],
  ['SHERPA', 'シェルパ', 'シェルパ'],
  ['BHATTARAI', 'バッタライ', 'バッタライ'],
  ['POUDEL', 'パウデル', 'パウデル'],
  ['KHADKA', 'カドカ', 'カドカ'],
  ['KARKI', 'カルキ', 'カルキ'],
  ['GHIMIRE', 'ギミレ', 'ギミレ'],
  ['BASNET', 'バスネット', ''],
  ['RAM', 'ラム', 'ラム'],
  ['PRASAD', 'プラサド/プラサード', ''],
  ['SURESH', 'スレシュ', 'スレシュ'],
  ['SANTOSH', 'サントシュ', 'サントシュ'],
  ['BIKASH', 'ビカシュ', 'ビカシュ'],
  ['DEEPAK', 'ディーパク', ''],
  ['SABINA', 'サビナ', 'サビナ'],
  ['SUNITA', 'スニタ', 'スニタ'],
  ['ROSHAN', 'ロシャン', 'ロシャン'],
  ['LAXMI', 'ラクシュミ', 'ラクシュミ'],
  ['ACHARYA', 'アチャリヤ/アチャルヤ', ''],
  ['DHAKAL', 'ダカル', 'ダカル'],
  ['BHANDARI', 'バンダリ', 'バンダリ'],
];

describe('Nepali readings', () => {
  it.each(NAMES)('%s → %s', (word, expected, first) => {
    expectReadings(word, 'NP', expected);
    if (first) expect(katakanaReadings(word, 'NP')[0]).toBe(first);
  });
});
