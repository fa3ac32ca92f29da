import { TimestampedEntity, type Role } from '@app/platform';
import { Column, Entity } from 'typeorm';

/** A credential for a machine (nightly export, integration). Only the token's hash is stored. */
@Entity('service_token')
export class ServiceToken extends TimestampedEntity {
  @Column({ name: 'org_id', type: 'uuid' })
  orgId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'token_hash', type: 'bytea', select: false })
  tokenHash: Buffer;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
