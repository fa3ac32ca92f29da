import { Injectable } from '@nestjs/common';
import { UsersService } from '../users/users.service.js';
import { ServiceTokensService } from '../service-tokens/service-tokens.service.js';
import { PrincipalCache, type CachedSession } from './principal-cache.js';
import { readSessionCookie } from './session-cookie.js';
import { SessionService } from './session.service.js';

/** What a request presents: a session cookie or a service token. */
export interface Credential {
  kind: 'session' | 'service';
  token: string;
  /** Cache key: the token itself lives only in this process's memory; PostgreSQL sees hashes. */
  cacheKey: string;
}

const MAX_TOKEN_LENGTH = 200;

/** Turns a session cookie or a service token into a principal, through the cache. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly sessions: SessionService,
    private readonly serviceTokens: ServiceTokensService,
    private readonly users: UsersService,
    private readonly cache: PrincipalCache,
  ) {}

  credentialOf(headers: { authorization?: string; cookie?: string }): Credential | null {
    const authorization = headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const token = authorization.slice('Bearer '.length).trim();
      return this.serviceTokens.looksLikeToken(token) && token.length <= MAX_TOKEN_LENGTH
        ? { kind: 'service', token, cacheKey: `t:${token}` }
        : null;
    }
    const token = readSessionCookie(headers.cookie);
    return token && token.length <= MAX_TOKEN_LENGTH ? { kind: 'session', token, cacheKey: `s:${token}` } : null;
  }

  /** The hot path: no I/O, no promise. */
  cached(credential: Credential): CachedSession | undefined {
    return this.cache.get(credential.cacheKey);
  }

  async resolve(credential: Credential): Promise<CachedSession | null> {
    const entry =
      credential.kind === 'session' ? await this.session(credential.token) : await this.service(credential.token);
    if (entry) this.cache.set(credential.cacheKey, entry);
    return entry;
  }

  private async session(token: string): Promise<CachedSession | null> {
    const session = await this.sessions.lookup(this.sessions.keyOf(token));
    if (!session) return null;
    return { ...session, user: await this.users.get(session.principal.userId!) };
  }

  private async service(token: string): Promise<CachedSession | null> {
    const resolved = await this.serviceTokens.resolve(token);
    return resolved ? { ...resolved, csrfToken: '', user: null } : null;
  }
}
