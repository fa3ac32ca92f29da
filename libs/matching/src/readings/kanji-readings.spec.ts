import { GIVEN_ROWS } from './kanji-given.js';
import { hasKanji, kanjiNameReadings } from './kanji-readings.js';
import { COMPOUND_SURNAME_ROWS, SURNAME_ROWS } from './kanji-surnames.js';
import { canonicalKanji, KANJI_TABLE_PROBLEMS, KANJI_TABLE_STATS } from './kanji-table.js';

const rows = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('|'));

describe('kanji tables', () => {
  it('are consistent: every form belongs to one character, no character has two rows', () => {
    expect(KANJI_TABLE_PROBLEMS).toEqual([]);
  });

  it('cover the common surname and given-name characters in every reading system', () => {
    expect(KANJI_TABLE_STATS.surnameCharacters).toBeGreaterThanOrEqual(300);
    expect(KANJI_TABLE_STATS.givenNameCharacters).toBeGreaterThanOrEqual(400);
    expect(KANJI_TABLE_STATS.on).toBe(KANJI_TABLE_STATS.characters);
    expect(KANJI_TABLE_STATS.zh).toBe(KANJI_TABLE_STATS.characters);
    expect(KANJI_TABLE_STATS.ko).toBeGreaterThanOrEqual(KANJI_TABLE_STATS.characters - 5);
    expect(KANJI_TABLE_STATS.compoundSurnames).toBeGreaterThanOrEqual(16);
  });

  it('write every reading in katakana only', () => {
    for (const [forms, ...readings] of [...rows(SURNAME_ROWS), ...rows(GIVEN_ROWS), ...rows(COMPOUND_SURNAME_ROWS)]) {
      for (const field of readings) {
        for (const reading of field.split(' ').filter((word) => word !== '')) {
          expect(`${forms}:${reading}`).toMatch(/:[\u30a1-\u30fa\u30fc]+\*?$/u);
        }
      }
    }
  });

  it('map simplified, traditional and Japanese forms to one character', () => {
    expect(canonicalKanji('张')).toBe(canonicalKanji('張'));
    expect(canonicalKanji('龙')).toBe(canonicalKanji('竜'));
    expect(canonicalKanji('龍')).toBe(canonicalKanji('竜'));
    expect(canonicalKanji('國')).toBe('国');
    expect(canonicalKanji('钟')).toBe(canonicalKanji('鍾'));
    expect(canonicalKanji('艳')).toBe(canonicalKanji('艶'));
    expect(canonicalKanji('吴')).toBe(canonicalKanji('呉'));
    expect(canonicalKanji('吳')).toBe(canonicalKanji('呉'));
    expect(canonicalKanji('髙')).toBe('高');
  });

  it('give every form of a character the same readings', () => {
    for (const [forms] of [...rows(SURNAME_ROWS), ...rows(GIVEN_ROWS)]) {
      const [canonical, ...variants] = Array.from(forms);
      const expected = kanjiNameReadings(`王${canonical}${canonical}`);
      expect(expected[1].length).toBeGreaterThan(0);
      for (const variant of variants)
        expect([forms, kanjiNameReadings(`王${variant}${variant}`)]).toEqual([forms, expected]);
    }
  });
});

describe('kanjiNameReadings', () => {
  it('reads a Chinese name in on\u2019yomi first, then Mandarin-style', () => {
    const [family, given] = kanjiNameReadings('王偉', 'CN');
    expect(family.slice(0, 2)).toEqual(['オウ', 'ワン']);
    expect(given.slice(0, 2)).toEqual(['イ', 'ウェイ']);
    expect(given).not.toContain('ウィ'); // no Korean reading for a Chinese national
  });

  it('reads simplified and traditional spellings alike', () => {
    const simplified = kanjiNameReadings('张丽华', 'CN');
    expect(simplified).toEqual(kanjiNameReadings('張麗華', 'CN'));
    expect(simplified[0]).toEqual(expect.arrayContaining(['チョウ', 'チャン']));
    expect(simplified[1]).toEqual(expect.arrayContaining(['レイカ', 'リーホア', 'リーファ']));
    expect(simplified[1][0]).toBe('レイカ');
  });

  it('reads the Japanese form and the simplified form of 陳建国 alike', () => {
    const japanese = kanjiNameReadings('陳建国', 'CN');
    expect(japanese).toEqual(kanjiNameReadings('陈建国', 'CN'));
    expect(japanese).toEqual(kanjiNameReadings('陳建國', 'TW'));
    expect(japanese[0]).toEqual(['チン', 'チェン']);
    expect(japanese[1]).toEqual(expect.arrayContaining(['ケンコク', 'ジエングオ', 'ジェングオ']));
    expect(japanese[1][0]).toBe('ケンコク');
  });

  it('splits off a compound family name', () => {
    expect(kanjiNameReadings('欧阳修', 'CN')).toEqual([
      expect.arrayContaining(['オウヨウ', 'オウヤン']),
      expect.arrayContaining(['シュウ', 'シウ']),
    ]);
    expect(kanjiNameReadings('歐陽修', 'TW')).toEqual(kanjiNameReadings('欧阳修', 'CN'));
    expect(kanjiNameReadings('司马光', 'CN')[0][0]).toBe('シバ');
    expect(kanjiNameReadings('诸葛亮', 'CN')[0][0]).toBe('ショカツ');
    expect(kanjiNameReadings('上官婉儿', null)[0][0]).toBe('ジョウカン');
    expect(kanjiNameReadings('尉迟恭', 'CN')[0][0]).toBe('ウッチ');
  });

  it('does not take two characters for the family name of a two-character name', () => {
    expect(kanjiNameReadings('司马', 'CN')).toEqual([
      ['シ', 'スー'],
      ['バ', 'マー', 'マ'],
    ]);
  });

  it('reads a Korean name in Korean first, voicing lenis consonants inside the given name', () => {
    const [family, given] = kanjiNameReadings('金民俊', 'KR');
    expect(family.slice(0, 2)).toEqual(['キム', 'キン']);
    expect(given[0]).toBe('ミンジュン');
    expect(given).toEqual(expect.arrayContaining(['ミンシュン', 'ミンチュン']));
    expect(kanjiNameReadings('朴英姫', 'KR')).toEqual([
      expect.arrayContaining(['パク', 'ボク']),
      expect.arrayContaining(['ヨンヒ', 'エイキ']),
    ]);
    expect(kanjiNameReadings('朴英姫', 'KR').map((word) => word[0])).toEqual(['パク', 'ヨンヒ']);
  });

  it('writes the first character of a Korean given name voiced or voiceless', () => {
    expect(kanjiNameReadings('金大中', 'KR')[1]).toEqual(expect.arrayContaining(['デジュン', 'テジュン']));
    expect(kanjiNameReadings('金正恩', 'KR')[1][0]).toBe('ジョンウン');
    expect(kanjiNameReadings('朴槿恵', 'KR')[1]).toContain('クンヘ');
    // After a final -k a lenis consonant stays voiceless.
    expect(kanjiNameReadings('李錫俊', 'KR')[1][0]).toBe('ソクチュン');
    expect(kanjiNameReadings('李錫俊', 'KR')[0][0]).toBe('イ');
  });

  it('splits off only Korean compound family names for a Korean', () => {
    expect(kanjiNameReadings('南宮民', 'KR')[0][0]).toBe('ナムグン');
    expect(kanjiNameReadings('上官民', 'KR')).toHaveLength(2);
    expect(kanjiNameReadings('上官民', 'KR')[0]).toEqual(expect.arrayContaining(['サン', 'ジョウ']));
  });

  it('uses all three systems when the nationality is unknown', () => {
    const [family, given] = kanjiNameReadings('金民俊');
    expect(family.slice(0, 3)).toEqual(['キン', 'ジン', 'キム']);
    expect(given).toEqual(expect.arrayContaining(['ミンシュン', 'ミンジュン']));
    expect(kanjiNameReadings('金民俊', 'BR')).toEqual(kanjiNameReadings('金民俊', null));
    expect(kanjiNameReadings('王偉', 'cn')).toEqual(kanjiNameReadings('王偉', 'CHN'));
    expect(kanjiNameReadings('王偉', ' kr ')).toEqual(kanjiNameReadings('王偉', 'KOR'));
  });

  it('respects spaces, full-width spaces and middle dots', () => {
    const unspaced = kanjiNameReadings('王偉', 'CN');
    expect(kanjiNameReadings('王 偉', 'CN')).toEqual(unspaced);
    expect(kanjiNameReadings('王\u3000偉', 'CN')).toEqual(unspaced);
    expect(kanjiNameReadings('王・偉', 'CN')).toEqual(unspaced);
    expect(kanjiNameReadings(' 王  偉 ', 'CN')).toEqual(unspaced);
    // A spaced name keeps its words: the family name is the first word, every other word a given name.
    expect(kanjiNameReadings('欧阳 修', 'CN')[0]).toContain('オウヨウ');
    expect(kanjiNameReadings('张 丽 华', 'CN').map((word) => word[0])).toEqual(['チョウ', 'レイ', 'カ']);
  });

  it('gives no reading for a word with a character missing from the tables', () => {
    expect(kanjiNameReadings('王齉', 'CN')).toEqual([['オウ', 'ワン'], []]);
    expect(kanjiNameReadings('齉偉', 'CN')).toEqual([[], ['イ', 'ウェイ']]);
    expect(kanjiNameReadings('王偉A', 'CN')[1]).toEqual([]);
    expect(kanjiNameReadings('', 'CN')).toEqual([]);
    expect(kanjiNameReadings(' ・ ', null)).toEqual([]);
  });

  it('reads a one-character name as a family name alone', () => {
    expect(kanjiNameReadings('王', 'CN')).toEqual([['オウ', 'ワン']]);
  });

  it('ignores variation selectors and repeats a character for 々', () => {
    expect(kanjiNameReadings('葛\u{E0100}明', 'CN')).toEqual(kanjiNameReadings('葛明', 'CN'));
    expect(kanjiNameReadings('王明々', 'CN')).toEqual(kanjiNameReadings('王明明', 'CN'));
    expect(kanjiNameReadings('髙明', 'CN')).toEqual(kanjiNameReadings('高明', 'CN'));
  });

  it('returns at most eight distinct readings a word', () => {
    for (const name of ['张丽华', '李建国', '金正恩', '上官婉儿', '王晓明华', '刘力力']) {
      for (const nationality of ['CN', 'KR', null]) {
        for (const word of kanjiNameReadings(name, nationality)) {
          expect(word.length).toBeLessThanOrEqual(8);
          expect(new Set(word).size).toBe(word.length);
        }
      }
    }
  });

  it('returns a fresh copy of a remembered answer', () => {
    const first = kanjiNameReadings('周秀英', 'CN');
    first[0].push('X');
    first.push(['Y']);
    expect(kanjiNameReadings('周秀英', 'CN')).toEqual([
      ['シュウ', 'チョウ', 'ジョウ'],
      expect.arrayContaining(['シュウエイ', 'シウイン']),
    ]);
  });

  it('reads many names quickly', () => {
    const surnames = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗');
    const given = Array.from('伟丽华明建国军芳敏静秀英强磊洋艳勇杰娟涛');
    const started = performance.now();
    let words = 0;
    for (const s of surnames)
      for (const a of given) for (const b of given) words += kanjiNameReadings(s + a + b).length;
    expect(words).toBe(2 * surnames.length * given.length * given.length);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('hasKanji', () => {
  it('finds ideographs and nothing else', () => {
    expect(hasKanji('王偉')).toBe(true);
    expect(hasKanji('ワン ウェイ 王')).toBe(true);
    expect(hasKanji('𠮷田')).toBe(true);
    expect(hasKanji('オウ イ')).toBe(false);
    expect(hasKanji('WANG WEI')).toBe(false);
    expect(hasKanji('')).toBe(false);
  });
});
