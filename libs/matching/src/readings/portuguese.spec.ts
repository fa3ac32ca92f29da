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
  ['SILVA', 'シルバ/シウバ/シルヴァ', 'シルバ'],
  ['SANTOS', 'サントス', 'サントス'],
  ['OLIVEIRA', 'オリベイラ/オリヴェイラ', ''],
  ['SOUZA', 'ソウザ/ソーザ/ソウサ', 'ソウザ'],
  ['SOUSA', 'ソウザ/ソウサ', ''],
  ['RODRIGUES', 'ロドリゲス/ホドリゲス', 'ロドリゲス'],
  ['FERREIRA', 'フェレイラ/フェヘイラ', 'フェレイラ'],
  ['ALVES', 'アウベス/アルベス', 'アウベス'],
  ['PEREIRA', 'ペレイラ', 'ペレイラ'],
  ['LIMA', 'リマ', 'リマ'],
  ['GOMES', 'ゴメス', 'ゴメス'],
  ['COSTA', 'コスタ', 'コスタ'],
  ['RIBEIRO', 'リベイロ/ヒベイロ', ''],
  ['MARTINS', 'マルチンス/マルティンス', ''],
  ['CARVALHO', 'カルバリョ/カルヴァーリョ', ''],
  ['ALMEIDA', 'アルメイダ/アウメイダ', 'アルメイダ'],
  ['GONCALVES', 'ゴンサルベス/ゴンサウベス', 'ゴンサルベス'],
  ['JOAO', 'ジョアン', 'ジョアン'],
  ['JOSE', 'ジョゼ/ジョセ/ホセ', 'ジョゼ'],
  ['RAFAEL', 'ラファエル/ハファエル', 'ラファエル'],
  ['GABRIEL', 'ガブリエル', 'ガブリエル'],
  ['THIAGO', 'チアゴ/ティアゴ', ''],
  ['LUCAS', 'ルカス', ''],
  ['MATHEUS', 'マテウス', 'マテウス'],
  ['GUILHERME', 'ギリェルメ/ギレルメ', ''],
  ['VINICIUS', 'ヴィニシウス', 'ヴィニシウス'],
  ['HENRIQUE', 'エンリケ/ヘンリケ', ''],
  ['CONCEICAO', 'コンセイサン', 'コンセイサン'],
  ['NASCIMENTO', 'ナシメント', 'ナシメント'],
  ['DIAS', 'ジアス/ディアス', ''],
  ['ANDRADE', 'アンドラーデ/アンドラジ', ''],
  ['MAGALHAES', 'マガリャンイス', ''],
  ['WELLINGTON', 'ウェリントン', ''],
  ['DE', 'デ/ジ', 'デ'],
  ['DOS', 'ドス', 'ドス'],
  ['DA', 'ダ', 'ダ'],
  // Nikkei families: Japanese surnames in romaji
  ['TANAKA', 'タナカ', 'タナカ'],
  ['OSHIRO', 'オシロ', ''],
  ['SHIMABUKURO', 'シマブクロ', ''],
];

describe('Portuguese readings (Brazil)', () => {
  it.each(NAMES)('%s → %s', (word, expected, first) => {
    expectReadings(word, 'BR', expected);
    if (first) expect(katakanaReadings(word, 'BR')[0]).toBe(first);
  });

  it('reads accented spellings like the card spelling', () => {
    expectReadings('João', 'BR', 'ジョアン');
    expectReadings('Gonçalves', 'BR', 'ゴンサルベス');
    expectReadings('Conceição', 'PT', 'コンセイサン');
  });
});
