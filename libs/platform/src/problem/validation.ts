import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ProblemException, type FieldError } from './problem.js';

/** Flattens class-validator's tree into `[{ field: 'a.b[0].c', reason }]`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const flat: FieldError[] = [];
  for (const error of errors) {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      const reason = constraint === 'whitelistValidation' ? 'unknown field; this endpoint does not accept it' : message;
      flat.push({ field, reason });
    }
    if (error.children?.length) flat.push(...flattenValidationErrors(error.children, field));
  }
  return flat;
}

/** In u-mode a surrogate pair is one code point, so this matches only a half without its partner. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Keys no DTO has that class-transformer would silently drop (it skips names of methods it finds on
 * the new object) instead of letting the whitelist refuse them: refused here like any unknown field.
 */
const PROTOTYPE_KEYS = new Set([
  '__proto__',
  'constructor',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** Deeper than any DTO nests; class-transformer recurses per level and overflows the stack near 5,000. */
export const MAX_INPUT_DEPTH = 32;

/**
 * What no field of a body, query or path may hold, whatever its DTO says: NUL (PostgreSQL text
 * cannot store it: the insert fails), a lone surrogate (not Unicode: validators that encode it
 * throw, PostgreSQL would get U+FFFD), nesting deeper than MAX_INPUT_DEPTH, and keys named like
 * Object.prototype's members. test/security/fuzz.e2e-spec.ts found the first three as 500s.
 */
export function screenInput(value: unknown, field = '', depth = 0, found: FieldError[] = []): FieldError[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push({ field, reason: 'must not contain NUL characters' });
    else if (LONE_SURROGATE.test(value))
      found.push({ field, reason: 'must be well-formed Unicode (no lone surrogates)' });
    return found;
  }
  if (typeof value !== 'object' || value === null) return found;
  if (depth >= MAX_INPUT_DEPTH) {
    found.push({ field, reason: `is nested more than ${MAX_INPUT_DEPTH} levels deep` });
    return found;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => screenInput(item, `${field}[${index}]`, depth + 1, found));
    return found;
  }
  for (const [key, item] of Object.entries(value)) {
    const path = field ? `${field}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) found.push({ field: path, reason: 'unknown field; this endpoint does not accept it' });
    screenInput(key, path, depth + 1, found);
    screenInput(item, path, depth + 1, found);
  }
  return found;
}

/** The global pipe: screens raw input first, then class-validator on the DTO. */
class ScreeningValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const found = screenInput(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (found.length) throw ProblemException.validation(found);
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields are rejected (not silently dropped) so clients learn about their typos. */
export function createValidationPipe(): ValidationPipe {
  return new ScreeningValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => ProblemException.validation(flattenValidationErrors(errors)),
  });
}
