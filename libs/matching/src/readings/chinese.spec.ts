import { phoneticKey } from '../names/index.js';
import { katakanaReadings } from './index.js';

/** Each expected katakana must be among the readings (compared by phonetic key). */
function expectReadings(word: string, nationality: string | null, expected: string) {
  const readings = katakanaReadings(word, nationality);
  const keys = readings.map(phoneticKey);
  const missing = expected.split('/').filter((kana) => !keys.includes(phoneticKey(kana)));
  expect({ word, readings, missing }).toEqual({ word, readings, missing: [] });
}

// [word, katakana that must be among the readings (Mandarin-style and on'yomi), expected first]
const NAMES: Array<[string, string, string]> = [
  ['WANG', 'ワン/オウ', 'ワン'],
  ['LI', 'リー/リ', 'リー'],
  ['ZHANG', 'チャン/ジャン/チョウ', 'チャン'],
  ['LIU', 'リウ/リュウ', 'リウ'],
  ['CHEN', 'チェン/チン', 'チェン'],
  ['YANG', 'ヤン/ヨウ', 'ヤン'],
  ['HUANG', 'ホアン/フアン/コウ/オウ', 'ホアン'],
  ['ZHAO', 'チャオ/ジャオ/チョウ', 'チャオ'],
  ['WU', 'ウー/ゴ', 'ウー'],
  ['ZHOU', 'チョウ/ジョウ/シュウ', 'チョウ'],
  ['XU', 'シュー/ジョ/キョ', 'シュー'],
  ['SUN', 'スン/ソン', ''],
  ['MA', 'マー/バ', 'マー'],
  ['ZHU', 'チュー/ジュー/シュ', 'チュー'],
  ['HU', 'フー/コ', 'フー'],
  ['GUO', 'グオ/カク', 'グオ'],
  ['HE', 'ホー/カ', 'ホー'],
  ['LIN', 'リン', 'リン'],
  ['LUO', 'ルオ/ラ', 'ルオ'],
  ['GAO', 'ガオ/カオ/コウ', 'ガオ'],
  ['ZHENG', 'チェン/テイ', ''],
  ['LIANG', 'リャン/リアン/リョウ', 'リャン'],
  ['XIE', 'シエ/シェ/シャ', 'シエ'],
  ['SONG', 'ソン/ソウ', 'ソン'],
  ['TANG', 'タン/トウ', 'タン'],
  ['DENG', 'ドン/テン/トウ', ''],
  ['FENG', 'フォン/フェン/フウ', ''],
  ['CAI', 'ツァイ/サイ', ''],
  ['WEI', 'ウェイ/ギ', 'ウェイ'],
  ['XIAOMING', 'シャオミン/ショウメイ', 'シャオミン'],
  ['JIANGUO', 'ジェングオ/ケンコク', ''],
  ['ZIYI', 'ツィイー', ''],
  ['MEILING', 'メイリン', 'メイリン'],
  ['XIAOLI', 'シャオリー', 'シャオリー'],
  ['HAOYU', 'ハオユー', 'ハオユー'],
  ['OUYANG', 'オウヤン/オウヨウ', ''],
];

describe('Chinese readings', () => {
  it.each(NAMES)('%s → %s', (word, expected, first) => {
    expectReadings(word, 'CN', expected);
    if (first) expect(katakanaReadings(word, 'CN')[0]).toBe(first);
  });

  it('reads Taiwan (Wade-Giles) spellings', () => {
    expectReadings('CHANG', 'TW', 'チャン/チョウ');
    expectReadings('HSU', 'TW', 'シュー/キョ');
    expectReadings('TSAI', 'TW', 'ツァイ/サイ');
    expectReadings('HSIAO', 'TW', 'シャオ');
  });

  it('reads Hong Kong (Cantonese) spellings', () => {
    expectReadings('CHAN', 'HK', 'チャン/チン');
    expectReadings('WONG', 'HK', 'ウォン/オウ');
    expectReadings('LEUNG', 'HK', 'リョン');
  });
});
