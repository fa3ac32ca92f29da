import { TimestampedEntity, VersionedEntity } from '@app/platform';
import { Column, Entity } from 'typeorm';

/** A household of the register: members point to it; one member may be its head. */
@Entity('household')
export class Household extends VersionedEntity {
  @Column({ name: 'municipality_code', type: 'char', length: 6 })
  municipalityCode: string;

  @Column({ name: 'household_key', type: 'text', nullable: true })
  householdKey: string | null;

  @Column({ name: 'head_resident_id', type: 'uuid', nullable: true })
  headResidentId: string | null;
}

/** A child's guardian (parent or other), for the board of education and notices. */
@Entity('guardian_link')
export class GuardianLink extends TimestampedEntity {
  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  @Column({ name: 'guardian_id', type: 'uuid' })
  guardianId: string;

  @Column({ type: 'text' })
  relationship: string;
}
