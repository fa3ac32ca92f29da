import { TimestampedEntity } from '@app/platform';
import { Column, Entity } from 'typeorm';

/** A server-side session. The cookie holds a random token; only its keyed hash is stored. */
@Entity('user_session')
export class UserSession extends TimestampedEntity {
  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash: Buffer;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'csrf_token', type: 'text' })
  csrfToken: string;

  @Column({ type: 'inet', nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
