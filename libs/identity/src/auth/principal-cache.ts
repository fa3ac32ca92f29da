import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, SharedState, type Principal } from '@app/platform';
import { LRUCache } from 'lru-cache';
import type { UserView } from '../users/user.dto.js';

export interface CachedSession {
  principal: Principal;
  csrfToken: string;
  user: UserView | null;
  /** Absolute or idle expiry, whichever comes first, as epoch milliseconds. */
  expiresAtMs: number;
  /** GET /api/v1/me of this session, serialized once (it changes only with an eviction). */
  meDocument?: string;
}

type Eviction = { sessionId: string } | { userId: string } | { tokenId: string } | { orgId: string };

/**
 * Resolved sessions and service tokens, kept for a few seconds so that an authenticated
 * request needs no database round trip. Whatever revokes or changes access evicts here:
 * locally at once, and in every other API process through the shared state's broadcast
 * (Redis pub/sub, or LISTEN/NOTIFY in embedded mode). If that message is lost, an entry still lives at most SESSION_CACHE_SECONDS.
 */
@Injectable()
export class PrincipalCache {
  private readonly logger = new Logger(PrincipalCache.name);
  private readonly entries: LRUCache<string, CachedSession> | null;
  private listening = false;
  private readonly channel: string;

  constructor(
    private readonly state: SharedState,
    config: AppConfig,
  ) {
    const seconds = config.get('SESSION_CACHE_SECONDS');
    this.entries = seconds > 0 ? new LRUCache({ max: 20_000, ttl: seconds * 1000 }) : null;
    this.channel = `${config.get('REDIS_PREFIX')}:principal-evictions`;
  }

  get(key: string): CachedSession | undefined {
    if (!this.entries) return undefined;
    this.listen();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAtMs <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: CachedSession): void {
    this.entries?.set(key, entry);
  }

  /** Call after the change has committed, so no request can re-cache the old state. */
  async evict(eviction: Eviction): Promise<void> {
    this.evictLocally(eviction);
    await this.state.publish(this.channel, JSON.stringify(eviction)).catch((error: Error) => {
      this.logger.warn(`eviction not broadcast (${error.message}); other processes expire it by TTL`);
    });
  }

  private evictLocally(eviction: Eviction): void {
    if (!this.entries) return;
    for (const [key, entry] of this.entries.entries()) {
      const { principal } = entry;
      if (
        ('sessionId' in eviction && principal.sessionId === eviction.sessionId) ||
        ('userId' in eviction && principal.userId === eviction.userId) ||
        ('tokenId' in eviction && principal.serviceTokenId === eviction.tokenId) ||
        ('orgId' in eviction && principal.orgId === eviction.orgId)
      ) {
        this.entries.delete(key);
      }
    }
  }

  /** Subscribes on first use, so the CLI and worker never hold a subscriber connection. */
  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    const onMessage = (message: string) => {
      try {
        this.evictLocally(JSON.parse(message) as Eviction);
      } catch {
        this.logger.warn('ignored a malformed eviction message');
      }
    };
    this.state.subscribe(this.channel, onMessage).catch((error: Error) => {
      this.logger.warn(`cannot subscribe to evictions (${error.message}); entries expire by TTL`);
    });
  }
}
