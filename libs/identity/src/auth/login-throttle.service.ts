import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, REDIS } from '@app/platform';
import { Redis } from 'ioredis';
import { plainHash } from './token-hash.js';

export const MAX_FAILED_LOGINS = 10;
export const FAILED_LOGIN_WINDOW_SECONDS = 15 * 60;

/**
 * At most MAX_FAILED_LOGINS failed attempts per account per window; then every attempt,
 * right or wrong, is refused until the window ends. Keys hold a hash, not the e-mail.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Seconds until the account may try again, or 0 when it may try now. */
  async blockedFor(email: string): Promise<number> {
    const key = this.key(email);
    const [[, count], [, ttl]] = (await this.redis.multi().get(key).pttl(key).exec()) as [
      [unknown, string | null],
      [unknown, number],
    ];
    return Number(count ?? 0) >= MAX_FAILED_LOGINS ? Math.max(1, Math.ceil(ttl / 1000)) : 0;
  }

  async recordFailure(email: string): Promise<void> {
    const key = this.key(email);
    await this.redis.multi().set(key, 0, 'EX', FAILED_LOGIN_WINDOW_SECONDS, 'NX').incr(key).exec();
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.key(email));
  }

  private key(email: string): string {
    const account = plainHash(email.trim().toLowerCase()).toString('base64url');
    return `${this.config.get('REDIS_PREFIX')}:login-failures:${account}`;
  }
}
