import { ApiPropertyOptional } from '@nestjs/swagger';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ProblemException } from '../problem/problem.js';

/** `?limit=&cursor=` as every list endpoint takes them. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a value returned as nextCursor' })
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// A cursor holds the last row's sort key, which may be a name: sealed (AES-256-GCM), so that no
// personal data travels in URLs, logs or proxies. The key comes from SESSION_SECRET so that every
// API replica reads every other's cursors; until configured, a key of this process.
let cursorKey = randomBytes(32);

/** Called once at start with SESSION_SECRET. */
export function sealCursorsWith(secret: string): void {
  cursorKey = createHash('sha256').update(`kyosei-cursor\0${secret}`).digest();
}

export function encodeCursor(position: object): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', cursorKey, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(position), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

export function decodeCursor<T extends object>(cursor: string | undefined, keys: (keyof T)[]): T | undefined {
  if (!cursor) return undefined;
  try {
    const bytes = Buffer.from(cursor, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', cursorKey, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    const value = JSON.parse(text) as T;
    if (value && typeof value === 'object' && keys.every((key) => typeof value[key] === 'string')) return value;
  } catch {
    // fall through to the 400 below
  }
  throw ProblemException.validation([{ field: 'cursor', reason: 'cursor must be a value returned as nextCursor' }]);
}

/** Fetch limit + 1 rows; the extra row tells whether there is a next page. */
export function toPage<T, P extends object>(rows: T[], limit: number, positionOf: (row: T) => P): Page<T> {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(positionOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}
