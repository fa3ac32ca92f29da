import { spellKatakana } from './spell-katakana.js';

describe('spellKatakana', () => {
  it.each([
    ['guen', 'グエン'],
    ['chaN', 'チャン'],
    ['duQku', 'ドゥック'],
    ['je-mz', 'ジェームズ'],
    ['ti', 'ティ'],
    ['tu', 'トゥ'],
    ['di', 'ディ'],
    ['si', 'シ'],
    ['hu', 'フ'],
    ['wi', 'ウィ'],
    ['ye', 'イェ'],
    ['kwaN', 'クァン'],
    ['fa', 'ファ'],
    ['va', 'ヴァ'],
    ['tsu', 'ツ'],
    ['shureQsa', 'シュレッサ'],
    ['karuvaryo', 'カルヴァリョ'],
    ['maQto', 'マット'],
    ['kitchin', 'キッチン'],
    ['anna', 'アンナ'],
    ['kampos', 'カンポス'],
    ['emma', 'エンマ'],
    ['wiriam', 'ウィリアム'],
    ['smis', 'スミス'],
    ['ahmad', 'アフマド'],
    ['Nya', 'ンヤ'],
    ['nya', 'ニャ'],
  ])('%p → %p', (spelling, kana) => {
    expect(spellKatakana(spelling)).toBe(kana);
  });
});
