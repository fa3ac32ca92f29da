import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function keyedHash(secret: string, token: string): Buffer {
  return createHmac('sha256', secret).update(token).digest();
}

export function plainHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function sameSecret(expected: string, given: string | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
