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
  ['AUNG', 'アウン', 'アウン'],
  ['KYAW', 'チョー/チョウ', 'チョー'],
  ['MYINT', 'ミン/ミント', 'ミン'],
  ['HTET', 'テッ/テット', 'テッ'],
  ['THIN', 'ティン', 'ティン'],
  ['ZAW', 'ゾー', 'ゾー'],
  ['WIN', 'ウィン', 'ウィン'],
  ['HLAING', 'フライン/ライン', 'フライン'],
  ['THU', 'トゥ/トゥー', 'トゥ'],
  ['MAUNG', 'マウン', 'マウン'],
  ['SAN', 'サン', 'サン'],
  ['NAING', 'ナイン', 'ナイン'],
  ['MIN', 'ミン', 'ミン'],
  ['MYO', 'ミョー', 'ミョー'],
  ['SOE', 'ソー', 'ソー'],
  ['TUN', 'トゥン', 'トゥン'],
  ['OO', 'ウー', 'ウー'],
  ['NYEIN', 'ニェイン', 'ニェイン'],
  ['KHIN', 'キン', 'キン'],
  ['PHYO', 'ピョー', 'ピョー'],
  ['HNIN', 'ニン/フニン', 'ニン'],
  ['NAY', 'ネー/ネイ', ''],
  ['MOE', 'モー', 'モー'],
  // not in the table: read by the syllable rules
  ['THANDAR', 'タンダー', 'タンダー'],
  ['KYAWKYAW', 'チョーチョー', 'チョーチョー'],
  ['SWE', 'スエ', ''],
  ['THEIN', 'テイン', 'テイン'],
  ['HTAY', 'テー/テイ', ''],
  ['KAUNG', 'カウン', 'カウン'],
];

describe('Myanmar readings', () => {
  it.each(NAMES)('%s → %s', (word, expected, first) => {
    expectReadings(word, 'MM', expected);
    if (first) expect(katakanaReadings(word, 'MM')[0]).toBe(first);
  });
});
