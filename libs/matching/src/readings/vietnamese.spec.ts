import { phoneticKey } from '../names/index.js';
import { katakanaReadings } from './index.js';

/** Each expected katakana must be among the readings (compared by phonetic key). */
function expectReadings(word: string, nationality: string | null, expected: string) {
  const readings = katakanaReadings(word, nationality);
  const keys = readings.map(phoneticKey);
  const missing = expected.split('/').filter((kana) => !keys.includes(phoneticKey(kana)));
  expect({ word, readings, missing }).toEqual({ word, readings, missing: [] });
}

// [word, katakana that must be among the readings, the reading expected first ('' = not checked)]
const NAMES: Array<[string, string, string]> = [
  ['NGUYEN', 'グエン/グェン', 'グエン'],
  ['TRAN', 'チャン/トラン', 'チャン'],
  ['LE', 'レ/レー', 'レ'],
  ['PHAM', 'ファム', 'ファム'],
  ['HOANG', 'ホアン', 'ホアン'],
  ['HUYNH', 'フイン/フィン', 'フイン'],
  ['VU', 'ヴ/ブ/ヴー/ブー', 'ヴ'],
  ['VO', 'ヴォ/ボー', ''],
  ['DANG', 'ダン', 'ダン'],
  ['BUI', 'ブイ', 'ブイ'],
  ['DO', 'ド/ドー', ''],
  ['NGO', 'ゴ/ゴー', 'ゴ'],
  ['DUONG', 'ズオン/ユオン', 'ズオン'],
  ['DINH', 'ディン/ジン', ''],
  ['TRUONG', 'チュオン', 'チュオン'],
  ['VAN', 'ヴァン/バン', 'ヴァン'],
  ['THI', 'ティ/チ/ティー', 'ティ'],
  ['DUC', 'ドゥック/ドゥク/ドック', 'ドゥック'],
  ['MINH', 'ミン', 'ミン'],
  ['HUY', 'フイ/フィ', 'フイ'],
  ['TRANG', 'チャン/トラン', ''],
  ['HOA', 'ホア', 'ホア'],
  ['LAN', 'ラン', 'ラン'],
  ['HUONG', 'フオン/フォン', 'フオン'],
  ['THANH', 'タイン/タン', 'タイン'],
  ['NGOC', 'ゴック/ゴク', 'ゴック'],
  ['ANH', 'アイン/アン', 'アイン'],
  ['TUAN', 'トゥアン', 'トゥアン'],
  ['HUNG', 'フン', 'フン'],
  ['DUNG', 'ズン/ユン', 'ズン'],
  ['LINH', 'リン', 'リン'],
  ['HAI', 'ハイ', 'ハイ'],
  ['LONG', 'ロン', 'ロン'],
  ['QUANG', 'クアン/クワン', 'クアン'],
  ['KHANH', 'カイン/カン', 'カイン'],
  ['PHUONG', 'フオン/フォン', ''],
  ['THUY', 'トゥイ/ツイ', 'トゥイ'],
  ['HIEU', 'ヒエウ/ヒュー', 'ヒエウ'],
  ['GIANG', 'ザン/ジャン/ヤン', ''],
  ['XUAN', 'スアン', 'スアン'],
  ['NHUNG', 'ニュン', 'ニュン'],
  // not in the table: read by the syllable rules
  ['TRUNG', 'チュン', 'チュン'],
  ['NGHIA', 'ギア', 'ギア'],
  ['KIEN', 'キエン', 'キエン'],
  ['PHAT', 'ファット', 'ファット'],
  ['TIEN', 'ティエン', 'ティエン'],
  ['UYEN', 'ウエン', 'ウエン'],
  ['NHAT', 'ニャット', 'ニャット'],
  ['QUYNH', 'クイン', 'クイン'],
  ['YEN', 'イエン', 'イエン'],
  ['THAO', 'タオ', 'タオ'],
  ['OANH', 'オアイン', 'オアイン'],
  ['DIEP', 'ジエップ', ''],
];

describe('Vietnamese readings', () => {
  it.each(NAMES)('%s → %s', (word, expected, first) => {
    expectReadings(word, 'VN', expected);
    if (first) expect(katakanaReadings(word, 'VN')[0]).toBe(first);
  });

  it('reads names typed with diacritics like the card spelling', () => {
    expect(katakanaReadings('Nguyễn', 'VN')[0]).toBe('グエン');
    expectReadings('Đặng', 'VN', 'ダン');
    expectReadings('Hương', 'VN', 'フオン');
  });

  it('reads two syllables run together', () => {
    expectReadings('THUTRANG', 'VN', 'トゥチャン');
  });
});
