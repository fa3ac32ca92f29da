import type { ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from './validation.js';

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
