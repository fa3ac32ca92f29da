import { Injectable } from '@nestjs/common';
import { UsersService } from '../users/users.service.js';
import { ServiceTokensService } from '../service-tokens/service-tokens.service.js';
import { PrincipalCache, type CachedSession } from './principal-cache.js';
import { SessionService } from './session.service.js';

/** Turns a session cookie or a service token into a principal, through the cache. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly sessions: SessionService,
    private readonly serviceTokens: ServiceTokensService,
    private readonly users: UsersService,
    private readonly cache: PrincipalCache,
  ) {}

  async fromSessionCookie(token: string): Promise<CachedSession | null> {
    // Keyed by the token itself: it lives only in this process's memory, and a hit then
    // costs no hashing. PostgreSQL only ever sees the keyed hash.
    const cacheKey = `s:${token}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const session = await this.sessions.lookup(this.sessions.keyOf(token));
    if (!session) return null;
    const entry: CachedSession = { ...session, user: await this.users.get(session.principal.userId!) };
    this.cache.set(cacheKey, entry);
    return entry;
  }

  async fromServiceToken(token: string): Promise<CachedSession | null> {
    if (!this.serviceTokens.looksLikeToken(token)) return null;
    const cacheKey = `t:${token}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const resolved = await this.serviceTokens.resolve(token);
    if (!resolved) return null;
    const entry: CachedSession = { ...resolved, csrfToken: '', user: null };
    this.cache.set(cacheKey, entry);
    return entry;
  }
}
