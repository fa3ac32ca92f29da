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
const ENGLISH: Array<[string, string, string]> = [
  ['JAMES', 'ジェームズ/ジェームス', 'ジェームズ'],
  ['JOHN', 'ジョン', 'ジョン'],
  ['SMITH', 'スミス', 'スミス'],
  ['MICHAEL', 'マイケル', 'マイケル'],
  ['DAVID', 'デビッド/デイビッド', 'デビッド'],
  ['WILLIAM', 'ウィリアム', 'ウィリアム'],
  ['ROBERT', 'ロバート', 'ロバート'],
  ['MARY', 'メアリー', 'メアリー'],
  ['JENNIFER', 'ジェニファー', 'ジェニファー'],
  ['BROWN', 'ブラウン', 'ブラウン'],
  ['JOHNSON', 'ジョンソン', 'ジョンソン'],
  ['MILLER', 'ミラー', 'ミラー'],
  ['TAYLOR', 'テイラー', 'テイラー'],
  ['GEORGE', 'ジョージ', 'ジョージ'],
  // not in the table: read by the spelling rules
  ['KATE', 'ケイト/ケート', ''],
  ['MIKE', 'マイク', 'マイク'],
  ['LUKE', 'ルーク', ''],
  ['STEVE', 'スティーブ', ''],
  ['DUNCAN', 'ダンカン', 'ダンカン'],
  ['BRADLEY', 'ブラッドリー', ''],
  ['CARTERS', 'カーターズ', ''],
  ['FLETCHER', 'フレッチャー', ''],
];

// Thai and Sri Lankan names, read with their own spelling conventions.
const THAI: Array<[string, string]> = [
  ['SOMCHAI', 'ソムチャイ'],
  ['SOMSAK', 'ソムサック'],
  ['SRISUK', 'シースック'],
  ['KAEW', 'ケーオ'],
  ['WONGSA', 'ウォンサ'],
  ['SUPAPORN', 'スパポーン'],
];
const SRI_LANKAN: Array<[string, string]> = [
  ['PERERA', 'ペレラ'],
  ['FERNANDO', 'フェルナンド'],
  ['JAYASINGHE', 'ジャヤシンハ'],
  ['DISSANAYAKE', 'ディサナヤカ'],
  ['BANDARA', 'バンダラ'],
];

describe('English readings', () => {
  it.each(ENGLISH)('%s → %s', (word, expected, first) => {
    expectReadings(word, 'US', expected);
    if (first) expect(katakanaReadings(word, 'US')[0]).toBe(first);
  });

  it('reads names of other nationalities by English spelling and Latin letters', () => {
    expectReadings('MULLER', 'DE', 'ムラー');
    expectReadings('IVANOV', 'RU', 'イバノフ');
    expectReadings('OKONKWO', 'NG', 'オコンクウォ');
  });
});

describe('Thai readings', () => {
  it.each(THAI)('%s → %s', (word, expected) => expectReadings(word, 'TH', expected));
});

describe('Sri Lankan readings', () => {
  it.each(SRI_LANKAN)('%s → %s', (word, expected) => expectReadings(word, 'LK', expected));
});
