import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, type OrganizationKind, type Principal, type Role } from '@app/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { keyedHash, randomToken } from './token-hash.js';

export interface SessionPrincipal {
  principal: Principal;
  csrfToken: string;
  /** Absolute or idle expiry, whichever comes first. */
  expiresAtMs: number;
}

interface SessionRow {
  session_id: string;
  csrf_token: string;
  touch: boolean;
  expires_at: Date;
  last_seen_at: Date;
  user_id: string;
  roles: Role[];
  org_id: string;
  org_kind: OrganizationKind;
  municipality_code: string | null;
  jurisdiction_codes: string[];
}

// last_seen_at is written at most once a minute per session, not on every request.
const TOUCH_AFTER_SECONDS = 60;

/** Server-side sessions in PostgreSQL: revocable at once, idle and absolute time-outs. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async create(
    userId: string,
    client: { ip: string | null; userAgent: string | null },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ sessionId: string; token: string; csrfToken: string; maxAgeSeconds: number }> {
    const token = randomToken();
    const csrfToken = randomToken();
    const maxAgeSeconds = this.config.get('SESSION_MAX_HOURS') * 3600;
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO user_session (token_hash, user_id, csrf_token, ip, user_agent, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))
       RETURNING id`,
      [this.keyOf(token), userId, csrfToken, client.ip, client.userAgent?.slice(0, 300) ?? null, maxAgeSeconds],
    );
    return { sessionId: rows[0].id, token, csrfToken, maxAgeSeconds };
  }

  /** The key under which a cookie's session is stored (and cached). */
  keyOf(token: string): Buffer {
    return keyedHash(this.config.get('SESSION_SECRET'), token);
  }

  /** One round trip: the session, its user and the user's office, if all are still valid. */
  async lookup(tokenKey: Buffer): Promise<SessionPrincipal | null> {
    const idleMinutes = this.config.get('SESSION_IDLE_MINUTES');
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT s.id AS session_id, s.csrf_token, s.expires_at, s.last_seen_at,
              s.last_seen_at < now() - make_interval(secs => $3) AS touch,
              u.id AS user_id, u.roles, o.id AS org_id, o.kind AS org_kind,
              o.municipality_code, o.jurisdiction_codes
         FROM user_session s
         JOIN app_user u ON u.id = s.user_id
         JOIN organization o ON o.id = u.org_id
        WHERE s.token_hash = $1
          AND s.revoked_at IS NULL
          AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(mins => $2)
          AND u.active`,
      [tokenKey, idleMinutes, TOUCH_AFTER_SECONDS],
    );
    const row = rows[0];
    if (!row) return null;
    let lastSeenMs = row.last_seen_at.getTime();
    if (row.touch) {
      await this.dataSource.query(`UPDATE user_session SET last_seen_at = now() WHERE id = $1`, [row.session_id]);
      lastSeenMs = Date.now();
    }
    return {
      csrfToken: row.csrf_token,
      expiresAtMs: Math.min(row.expires_at.getTime(), lastSeenMs + idleMinutes * 60_000),
      principal: {
        kind: 'user',
        userId: row.user_id,
        serviceTokenId: null,
        sessionId: row.session_id,
        orgId: row.org_id,
        orgKind: row.org_kind,
        municipalityCodes:
          row.org_kind === 'CITY' && row.municipality_code ? [row.municipality_code] : row.jurisdiction_codes,
        roles: row.roles,
      },
    };
  }

  async revoke(sessionId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE user_session SET revoked_at = now(), updated_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId],
    );
  }

  /** Signs a user out everywhere (deactivation, password change). */
  async revokeAllOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE user_session SET revoked_at = now(), updated_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
  }
}
