import { latinWords, plainLatinWord } from './latin-word.js';

describe('plainLatinWord', () => {
  it.each([
    ['NGUYEN', 'NGUYEN'],
    ['Nguyễn', 'NGUYEN'],
    ['Đặng', 'DANG'],
    ['João', 'JOAO'],
    ['Gonçalves', 'GONCALVES'],
    ['Muñoz', 'MUNOZ'],
    ['Müller', 'MULLER'],
    ['Straße', 'STRASSE'],
    ['Søren', 'SOREN'],
    ['Łukasz', 'LUKASZ'],
    ['ＳＩＬＶＡ', 'SILVA'],
    ["O'Brien", 'OBRIEN'],
    ['王', ''],
  ])('%p → %p', (word, plain) => {
    expect(plainLatinWord(word)).toBe(plain);
  });
});

describe('latinWords', () => {
  it('splits on spaces, hyphens and punctuation', () => {
    expect(latinWords('DELA CRUZ, Maria-José')).toEqual(['DELA', 'CRUZ', 'MARIA', 'JOSE']);
    expect(latinWords('  ')).toEqual([]);
  });
});
