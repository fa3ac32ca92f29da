import { wordPair } from './name-query.js';

describe('wordPair', () => {
  it('puts the smaller word first in either order of the query', () => {
    expect(wordPair('nguyen', 'an')).toBe('an nguyen');
    expect(wordPair('an', 'nguyen')).toBe('an nguyen');
    expect(wordPair('グエン', 'アン')).toBe('アン グエン');
  });

  it('orders as PostgreSQL\'s "C" collation does: by code point, not by UTF-16 unit', () => {
    // U+20BB7 (𠮷, written with a surrogate pair starting 0xD842) sorts after U+FF71 (ｱ) by code
    // point, though its first UTF-16 unit is smaller.
    expect(wordPair('𠮷野', 'ｱ')).toBe('ｱ 𠮷野');
    expect('𠮷野' < 'ｱ').toBe(true);
  });

  it('puts a word before the longer words it begins', () => {
    expect(wordPair('anh', 'an')).toBe('an anh');
  });
});
