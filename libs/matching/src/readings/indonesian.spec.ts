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
  ['SITI', 'シティ', 'シティ'],
  ['PUTRI', 'プトゥリ/プトリ', 'プトゥリ'],
  ['WAHYU', 'ワフユ/ワヒュ', 'ワフユ'],
  ['DEWI', 'デウィ/デヴィ', 'デウィ'],
  ['SRI', 'スリ', 'スリ'],
  ['NUR', 'ヌル', 'ヌル'],
  ['MUHAMMAD', 'ムハンマド/ムハマド', 'ムハンマド'],
  ['AHMAD', 'アフマド/アハマド', 'アフマド'],
  ['RIZKY', 'リズキ', 'リズキ'],
  ['AGUS', 'アグス', 'アグス'],
  ['BUDI', 'ブディ', 'ブディ'],
  ['SUSANTO', 'スサント', 'スサント'],
  ['HARTONO', 'ハルトノ', 'ハルトノ'],
  ['SETIAWAN', 'セティアワン/スティアワン', 'セティアワン'],
  ['KURNIAWAN', 'クルニアワン', 'クルニアワン'],
  ['WIJAYA', 'ウィジャヤ', 'ウィジャヤ'],
  ['SANTOSO', 'サントソ', 'サントソ'],
  ['PRATAMA', 'プラタマ', 'プラタマ'],
  ['SAPUTRA', 'サプトラ/サプトゥラ', ''],
  ['NUGROHO', 'ヌグロホ', 'ヌグロホ'],
  ['HIDAYAT', 'ヒダヤット', ''],
  ['RAHMAN', 'ラフマン', 'ラフマン'],
  ['SYAH', 'シャー', 'シャー'],
  ['NYOMAN', 'ニョマン', 'ニョマン'],
  ['KETUT', 'クトゥット', ''],
  ['FITRI', 'フィトゥリ/フィトリ', ''],
  ['INDAH', 'インダ', 'インダ'],
  ['CAHYO', 'チャヒョ', ''],
  ['YULIANA', 'ユリアナ', 'ユリアナ'],
  ['SOEKARNO', 'スカルノ', 'スカルノ'],
];

describe('Indonesian readings', () => {
  it.each(NAMES)('%s → %s', (word, expected, first) => {
    expectReadings(word, 'ID', expected);
    if (first) expect(katakanaReadings(word, 'ID')[0]).toBe(first);
  });
});
