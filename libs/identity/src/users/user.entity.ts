import { VersionedEntity, type Role } from '@app/platform';
import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';

@Entity('app_user')
export class User extends VersionedEntity {
  @Column({ name: 'org_id', type: 'uuid' })
  orgId: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'org_id' })
  organization?: Organization;

  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
