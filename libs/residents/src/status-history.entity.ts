import { TimestampedEntity } from '@app/platform';
import { Column, Entity } from 'typeorm';

/** One row per change of registry category or status of residence, never updated. */
@Entity('status_history')
export class StatusHistory extends TimestampedEntity {
  @Column({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  @Column({ name: 'registry_category', type: 'text' })
  registryCategory: string;

  @Column({ name: 'status_code', type: 'text', nullable: true })
  statusCode: string | null;

  @Column({ name: 'status_subtype', type: 'text', nullable: true })
  statusSubtype: string | null;

  @Column({ name: 'stay_period', type: 'text', nullable: true })
  stayPeriod: string | null;

  @Column({ name: 'stay_expiry_date', type: 'date', nullable: true })
  stayExpiryDate: string | null;

  @Column({ type: 'text' })
  source: 'API' | 'IMPORT';

  @Column({ name: 'changed_by_user_id', type: 'uuid', nullable: true })
  changedByUserId: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;
}
