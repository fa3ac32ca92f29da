import type { ValidationError } from '@nestjs/common';
import { flattenValidationErrors, screenInput } from './validation.js';

describe('flattenValidationErrors', () => {
  it('names nested fields with dots and array indexes', () => {
    const errors = [
      { property: 'email', constraints: { isEmail: 'email must be an email' } },
      {
        property: 'codes',
        children: [{ property: '1', constraints: { check: 'codes[1] has a wrong check digit' } }],
      },
    ] as unknown as ValidationError[];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'email', reason: 'email must be an email' },
      { field: 'codes[1]', reason: 'codes[1] has a wrong check digit' },
    ]);
  });
});

describe('screenInput', () => {
  it('names fields holding NUL, lone surrogates, prototype keys, or nesting past the limit', () => {
    const deep = JSON.parse('['.repeat(40) + ']'.repeat(40)) as unknown;
    const body = JSON.parse(
      '{"a":"x\\u0000y","b":["ok","\\ud800"],"c":{"constructor":1},"d":"\\ud83d\\ude00"}',
    ) as unknown;
    expect(screenInput(body)).toEqual([
      { field: 'a', reason: 'must not contain NUL characters' },
      { field: 'b[1]', reason: 'must be well-formed Unicode (no lone surrogates)' },
      { field: 'c.constructor', reason: 'unknown field; this endpoint does not accept it' },
    ]);
    expect(screenInput({ deep })).toEqual([
      { field: `deep${'[0]'.repeat(31)}`, reason: 'is nested more than 32 levels deep' },
    ]);
    expect(screenInput({ name: '阮 文安 👩‍👩‍👧', n: 1, list: [null, true] })).toEqual([]);
  });
});
