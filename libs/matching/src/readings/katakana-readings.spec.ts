import { phoneticKey } from '../names/index.js';
import { clearReadingsMemo, katakanaReadings, MAX_READINGS, readingsOfName } from './index.js';

const keysOf = (word: string, nationality?: string | null) => katakanaReadings(word, nationality).map(phoneticKey);

describe('katakanaReadings', () => {
  it('gives at most 8 readings, no two with the same phonetic key', () => {
    for (const [word, nationality] of [
      ['GONCALVES', 'BR'],
      ['NGUYEN', null],
      ['XIAOMING', 'CN'],
      ['WICKRAMASINGHE', 'LK'],
    ] as const) {
      const keys = keysOf(word, nationality);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.length).toBeLessThanOrEqual(MAX_READINGS);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('accepts any case, accents and stray punctuation', () => {
    expect(katakanaReadings('nguyễn', 'VN')).toEqual(katakanaReadings('NGUYEN', 'VN'));
    expect(katakanaReadings('Muñoz', 'PE')).toEqual(katakanaReadings('MUNOZ', 'PE'));
    expect(katakanaReadings('O’Brien', 'IE')).toEqual(katakanaReadings('OBRIEN', 'IE'));
  });

  it('accepts the nationality in lower case and with spaces', () => {
    expect(katakanaReadings('SILVA', ' br ')).toEqual(katakanaReadings('SILVA', 'BR'));
  });

  it('reads the most usual rendering first for the nationality', () => {
    expect(katakanaReadings('NGUYEN', 'VN')[0]).toBe('グエン');
    expect(katakanaReadings('JOSE', 'PE')[0]).toBe('ホセ');
    expect(katakanaReadings('JOSE', 'BR')[0]).toBe('ジョゼ');
    expect(katakanaReadings('JOSE', 'PH')[0]).toBe('ホセ');
  });

  it.each([
    ['NGUYEN', 'グエン'],
    ['VAN', 'ヴァン'],
    ['THI', 'ティ'],
    ['WANG', 'ワン'],
    ['ZHANG', 'チャン'],
    ['KIM', 'キム'],
    ['PARK', 'パク'],
    ['SILVA', 'シルバ'],
    ['SANTOS', 'サントス'],
    ['GONZALEZ', 'ゴンサレス'],
    ['JOSE', 'ホセ'],
    ['GURUNG', 'グルン'],
    ['SHRESTHA', 'シュレスタ'],
    ['PUTRI', 'プトゥリ'],
    ['KYAW', 'チョー'],
    ['AUNG', 'アウン'],
    ['JAMES', 'ジェームズ'],
    ['TANAKA', 'タナカ'],
  ])('reads %s without a nationality (%s among the readings)', (word, kana) => {
    expect(keysOf(word, null)).toContain(phoneticKey(kana));
    expect(keysOf(word, 'XX')).toContain(phoneticKey(kana));
  });

  it.each([
    ['DE', 'デ'],
    ['DA', 'ダ'],
    ['DOS', 'ドス'],
    ['DAS', 'ダス'],
    ['DEL', 'デル'],
    ['DELA', 'デラ'],
    ['DELOS', 'デロス'],
    ['VAN', 'ファン'],
    ['VON', 'フォン'],
  ])('reads the particle %s as %s', (word, kana) => {
    expect(keysOf(word, null)).toContain(phoneticKey(kana));
  });

  it('reads a particle run together with the name', () => {
    expect(keysOf('DELACRUZ', 'PH')).toContain(phoneticKey('デラクルス'));
    expect(keysOf('DASILVA', 'BR')).toContain(phoneticKey('ダシルバ'));
    expect(keysOf('DOSSANTOS', 'BR')).toContain(phoneticKey('ドスサントス'));
  });

  it('returns a katakana word as it is and nothing for kanji or digits', () => {
    expect(katakanaReadings('ｸﾞｴﾝ', 'VN')).toEqual(['グエン']);
    expect(katakanaReadings('王', 'CN')).toEqual([]);
    expect(katakanaReadings('123', null)).toEqual([]);
    expect(katakanaReadings('', null)).toEqual([]);
  });

  it('memoizes per word and nationality, and the result cannot be changed', () => {
    clearReadingsMemo();
    const first = katakanaReadings('SILVA', 'BR');
    expect(katakanaReadings('SILVA', 'BR')).toBe(first);
    expect(() => first.push('x')).toThrow();
    clearReadingsMemo();
    expect(katakanaReadings('SILVA', 'BR')).not.toBe(first);
    expect(katakanaReadings('SILVA', 'BR')).toEqual(first);
  });
});

describe('readingsOfName', () => {
  it('reads each word of the name', () => {
    const words = readingsOfName('NGUYEN VAN AN', 'VN');
    expect(words.map((readings) => readings[0])).toEqual(['グエン', 'ヴァン', 'アン']);
  });

  it('splits on hyphens and punctuation, joins at apostrophes', () => {
    expect(readingsOfName('SANTOS, Maria-José', 'BR')).toHaveLength(3);
    expect(readingsOfName("D'SOUZA", 'IN')).toHaveLength(1);
  });

  it('keeps particles as words of their own', () => {
    const [dos, santos] = readingsOfName('DOS SANTOS', 'BR');
    expect(dos[0]).toBe('ドス');
    expect(santos[0]).toBe('サントス');
  });

  it('gives nothing for an empty name', () => {
    expect(readingsOfName('  ', null)).toEqual([]);
  });
});
