import { Injectable } from '@nestjs/common';
import { AppConfig, SharedState } from '@app/platform';
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
    private readonly state: SharedState,
    private readonly config: AppConfig,
  ) {}

  /** Seconds until the account may try again, or 0 when it may try now. */
  async blockedFor(email: string): Promise<number> {
    const failures = await this.state.get(this.key(email));
    return Number(failures?.value ?? 0) >= MAX_FAILED_LOGINS ? Math.max(1, Math.ceil(failures!.ttlMs / 1000)) : 0;
  }

  async recordFailure(email: string): Promise<void> {
    await this.state.increment(this.key(email), FAILED_LOGIN_WINDOW_SECONDS);
  }

  async reset(email: string): Promise<void> {
    await this.state.delete(this.key(email));
  }

  private key(email: string): string {
    const account = plainHash(email.trim().toLowerCase()).toString('base64url');
    return `${this.config.get('REDIS_PREFIX')}:login-failures:${account}`;
  }
}
