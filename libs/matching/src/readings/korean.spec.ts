import { phoneticKey } from '../names/index.js';
import { katakanaReadings, readingsOfName } from './index.js';

/** Each expected katakana must be among the readings (compared by phonetic key). */
function expectReadings(word: string, nationality: string | null, expected: string) {
  const readings = katakanaReadings(word, nationality);
  const keys = readings.map(phoneticKey);
  const missing = expected.split('/').filter((kana) => !keys.includes(phoneticKey(kana)));
  expect({ word, readings, missing }).toEqual({ word, readings, missing: [] });
}

// [word, katakana that must be among the readings (Korean and Japanese readings), expected first]
const NAMES: Array<[string, string, string]> = [
  ['KIM', 'キム/キン', 'キム'],
  ['LEE', 'イ/リ/リー', 'イ'],
  ['PARK', 'パク/ボク', 'パク'],
  ['CHOI', 'チェ/チョイ/サイ', 'チェ'],
  ['JUNG', 'チョン/ジョン/テイ', 'チョン'],
  ['JEONG', 'チョン/ジョン', 'チョン'],
  ['KANG', 'カン', 'カン'],
  ['CHO', 'チョ', 'チョ'],
  ['YOON', 'ユン', 'ユン'],
  ['JANG', 'チャン/ジャン', 'チャン'],
  ['LIM', 'イム/リム', 'イム'],
  ['HAN', 'ハン', 'ハン'],
  ['OH', 'オ', 'オ'],
  ['SEO', 'ソ', 'ソ'],
  ['SHIN', 'シン', 'シン'],
  ['KWON', 'クォン', 'クォン'],
  ['HWANG', 'ファン', 'ファン'],
  ['AHN', 'アン', 'アン'],
  ['SONG', 'ソン', 'ソン'],
  ['HONG', 'ホン', 'ホン'],
  ['RYU', 'リュ/ユ', ''],
  ['MINJUN', 'ミンジュン', 'ミンジュン'],
  ['SEOYEON', 'ソヨン', 'ソヨン'],
  ['JIHOON', 'ジフン', 'ジフン'],
  ['HYUNWOO', 'ヒョンウ/ヒョヌ', ''],
  ['JIWOO', 'ジウ', 'ジウ'],
  ['EUNJI', 'ウンジ', 'ウンジ'],
  ['YOUNGHO', 'ヨンホ', 'ヨンホ'],
  ['SUNG', 'ソン', 'ソン'],
  ['MINSU', 'ミンス', 'ミンス'],
  ['JUNHO', 'ジュンホ/ジュノ', 'ジュンホ'],
  ['SOYEON', 'ソヨン', 'ソヨン'],
  ['HYEJIN', 'ヘジン', ''],
  ['CHULSOO', 'チョルス', 'チョルス'],
];

describe('Korean readings', () => {
  it.each(NAMES)('%s → %s', (word, expected, first) => {
    expectReadings(word, 'KR', expected);
    if (first) expect(katakanaReadings(word, 'KR')[0]).toBe(first);
  });

  it('reads a hyphenated given name syllable by syllable', () => {
    const [min, jun] = readingsOfName('MIN-JUN', 'KR');
    expect(min[0]).toBe('ミン');
    expect(jun.map(phoneticKey)).toContain(phoneticKey('ジュン'));
  });
});
