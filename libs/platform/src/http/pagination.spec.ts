import { decodeCursor, encodeCursor, sealCursorsWith } from './pagination.js';

describe('page cursors', () => {
  beforeAll(() => sealCursorsWith('a-test-secret-of-at-least-32-characters!'));

  it('gives back the position it was made from, with no name readable in it', () => {
    const cursor = encodeCursor({ k: 'NGUYEN', id: '3f2c' });
    expect(decodeCursor<{ k: string; id: string }>(cursor, ['k', 'id'])).toEqual({ k: 'NGUYEN', id: '3f2c' });
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain('NGUYEN');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses a cursor that was altered or made by hand with a 400 naming the field', () => {
    const cursor = encodeCursor({ k: 'NGUYEN', id: '3f2c' });
    const altered = `${cursor.slice(0, -2)}${cursor.endsWith('AA') ? 'BB' : 'AA'}`;
    const handMade = Buffer.from(JSON.stringify({ k: 'A', id: 'b' })).toString('base64url');
    for (const bad of [altered, handMade]) {
      expect(() => decodeCursor(bad, ['k', 'id'])).toThrow(expect.objectContaining({ status: 400 }));
    }
  });

  it('reads cursors of another API replica with the same secret', () => {
    const cursor = encodeCursor({ k: 'SILVA', id: '1' });
    sealCursorsWith('a-test-secret-of-at-least-32-characters!');
    expect(decodeCursor<{ k: string; id: string }>(cursor, ['k', 'id'])).toEqual({ k: 'SILVA', id: '1' });
  });
});
