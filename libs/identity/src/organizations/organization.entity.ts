import { VersionedEntity, type OrganizationKind } from '@app/platform';
import { Column, Entity } from 'typeorm';

/** A city office (with its municipality code) or a PESO office (with the municipalities it covers). */
@Entity('organization')
export class Organization extends VersionedEntity {
  @Column({ type: 'text' })
  kind: OrganizationKind;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'municipality_code', type: 'char', length: 6, nullable: true })
  municipalityCode: string | null;

  @Column({ name: 'jurisdiction_codes', type: 'char', length: 6, array: true, default: () => "'{}'" })
  jurisdictionCodes: string[];

  /** The municipalities whose residents this office serves. */
  servedMunicipalities(): string[] {
    return this.kind === 'CITY' && this.municipalityCode ? [this.municipalityCode] : [...this.jurisdictionCodes];
  }
}
