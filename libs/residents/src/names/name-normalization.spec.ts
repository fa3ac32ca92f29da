import { detectScript, nameTokens, normalizeName, sortedNameKey } from './name-normalization.js';

describe('normalizeName', () => {
  it.each([
    ['NGUYEN VAN AN', 'nguyen van an', 'residence-card alphabet'],
    ['Nguyễn Văn An', 'nguyen van an', 'Vietnamese diacritics'],
    ['Đặng Thị Hồng', 'dang thi hong', 'đ has no decomposition'],
    ['グエン　ヴァン　アン', 'グエン ヴァン アン', 'full-width spaces'],
    ['ｸﾞｴﾝ ｳﾞｧﾝ ｱﾝ', 'グエン ヴァン アン', 'half-width katakana with voicing marks'],
    ['ぐえん', 'グエン', 'hiragana'],
    ['ゔぁん', 'ヴァン', 'hiragana ゔ and small kana'],
    ['SANTOS, Maria-José', 'santos maria jose', 'comma, hyphen, accent'],
    ["O'BRIEN", 'o brien', 'apostrophe'],
    ['O’BRIEN', 'o brien', 'typographic apostrophe'],
    ['ＳＩＬＶＡ', 'silva', 'full-width Latin'],
    ['金 美英', '金 美英', 'kanji'],
    ['김민준', '김민준', 'hangul'],
    ['ジェームズ', 'ジェームズ', 'prolonged sound mark'],
    ['ｼﾞｪｰﾑｽﾞ', 'ジェームズ', 'half-width prolonged sound mark'],
    ['スミス・ジョン', 'スミス ジョン', 'katakana middle dot'],
    ['ｽﾐｽ･ｼﾞｮﾝ', 'スミス ジョン', 'half-width middle dot'],
    ['MÜLLER Søren Łukasz STRAßE Æsa', 'muller soren lukasz strasse aesa', 'letters without decomposition'],
    ['YILMAZ Işık', 'yilmaz isik', 'dotless i'],
    ['İBRAHİM', 'ibrahim', 'dotted capital I'],
    ['LEE\tJI-HOON (이지훈)', 'lee ji hoon 이지훈', 'tab and parentheses'],
    ['SMITH / 山田 ＜太郎＞ ★', 'smith 山田 太郎', 'slash and symbols'],
    ['MA\u00adRIA\u200b', 'maria', 'soft hyphen and zero-width space'],
    ['山﨑 々', '山﨑 々', 'compatibility ideograph and iteration mark'],
    ['TRAN 2', 'tran 2', 'digits'],
    ['  ', '', 'blank'],
    ['', '', 'empty'],
  ])('%p → %p (%s)', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const name of ['Nguyễn Văn An', 'ｸﾞｴﾝ ｳﾞｧﾝ ｱﾝ', 'SANTOS, Maria-José', 'ぐえん・ジェームズ', '김민준']) {
      expect(normalizeName(normalizeName(name))).toBe(normalizeName(name));
    }
  });
});

describe('nameTokens', () => {
  it('splits on whitespace and drops empty tokens', () => {
    expect(nameTokens('  DE  LA CRUZ ')).toEqual(['de', 'la', 'cruz']);
  });

  it('splits on punctuation as well', () => {
    expect(nameTokens('SANTOS, Maria-José')).toEqual(['santos', 'maria', 'jose']);
  });

  it('gives no tokens for punctuation only', () => {
    expect(nameTokens(' ・, - ')).toEqual([]);
  });
});

describe('sortedNameKey', () => {
  it('is order-, case- and accent-insensitive', () => {
    expect(sortedNameKey('An Van NGUYEN')).toBe(sortedNameKey('nguyễn văn an'));
    expect(sortedNameKey('NGUYEN VAN AN')).toBe('an nguyen van');
  });

  it('is width- and order-insensitive for katakana', () => {
    expect(sortedNameKey('ｱﾝ ｸﾞｴﾝ')).toBe(sortedNameKey('グエン　アン'));
  });

  it('sorts by code point, also beyond the Basic Multilingual Plane', () => {
    // In UTF-16 order 𠮷 (U+20BB7, a surrogate pair) would come before 﨑 (U+FA11).
    expect(sortedNameKey('𠮷 﨑 b a')).toBe('a b 﨑 𠮷');
  });

  it('is empty for an empty name', () => {
    expect(sortedNameKey('')).toBe('');
  });
});

describe('detectScript', () => {
  it.each([
    ['NGUYEN VAN AN', 'LATIN'],
    ['Nguyễn Văn An', 'LATIN'],
    ['グエン ヴァン アン', 'KATAKANA'],
    ['ｸﾞｴﾝ ｳﾞｧﾝ ｱﾝ', 'KATAKANA'],
    ['ぐえん', 'KATAKANA'],
    ['ジェームズ', 'KATAKANA'],
    ['金 美英', 'KANJI'],
    ['佐々木', 'KANJI'],
    ['𠮷田', 'KANJI'],
    ['김민준', 'HANGUL'],
    ['SMITH 山田', 'MIXED'],
    ['山田 タロウ', 'MIXED'],
    ['ИВАНОВ', 'MIXED'],
    ['TRAN 2', 'LATIN'],
    ['', 'NONE'],
    [' ・, - ', 'NONE'],
    ['1990', 'NONE'],
  ])('%p is %s', (input, expected) => {
    expect(detectScript(input)).toBe(expected);
  });
});

describe('fast paths', () => {
  it('give what the full normalization gives, for every name form of a synthetic population', async () => {
    const { syntheticPopulation } = await import('../demo/synthetic-population.js');
    const [header, ...lines] = [...syntheticPopulation(2_000, 11)];
    const columns = header.split(',');
    const nameColumns = ['family_name', 'given_name', 'middle_name', 'kanji_name', 'kana_name', 'common_name_kana'];
    const names = lines.flatMap((line) => {
      const cells = line.split(',');
      return nameColumns.map((column) => cells[columns.indexOf(column)]).filter(Boolean);
    });
    expect(names.length).toBeGreaterThan(5_000);
    // A leading space defeats the fast paths; the full path trims it.
    for (const name of names) {
      expect(normalizeName(name)).toBe(normalizeName(` ${name}`));
      expect(detectScript(name)).toBe(detectScript(` ${name}`));
    }
  });
});
