import { VersionedEntity } from '@app/platform';
import { Column, Entity } from 'typeorm';

import { COMMUNICATION_LEVELS, REGISTRY_CATEGORIES, SEXES } from './validation/resident-rules.js';

export { COMMUNICATION_LEVELS, REGISTRY_CATEGORIES, SEXES };
export type RegistryCategory = (typeof REGISTRY_CATEGORIES)[number];

export type CommunicationLevel = (typeof COMMUNICATION_LEVELS)[number];

export type Sex = (typeof SEXES)[number];

/**
 * One foreign resident of a municipality, as the Basic Resident Register and the residence card
 * describe them. NOT_REGISTERED people (e.g. overstayers) are recorded and served too, but never
 * counted as registered. The residence card number is kept only as a keyed hash and its last 4.
 */
@Entity('resident')
export class Resident extends VersionedEntity {
  @Column({ name: 'municipality_code', type: 'char', length: 6 })
  municipalityCode: string;

  @Column({ name: 'resident_key', type: 'text', nullable: true })
  residentKey: string | null;

  @Column({ name: 'family_name', type: 'text' })
  familyName: string;

  @Column({ name: 'given_name', type: 'text', nullable: true })
  givenName: string | null;

  @Column({ name: 'middle_name', type: 'text', nullable: true })
  middleName: string | null;

  @Column({ name: 'kanji_name', type: 'text', nullable: true })
  kanjiName: string | null;

  @Column({ name: 'common_name', type: 'text', nullable: true })
  commonName: string | null;

  @Column({ name: 'common_name_kana', type: 'text', nullable: true })
  commonNameKana: string | null;

  @Column({ name: 'kana_name', type: 'text', nullable: true })
  kanaName: string | null;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ type: 'char', length: 1 })
  sex: Sex;

  @Column({ type: 'char', length: 2 })
  nationality: string;

  @Column({ name: 'registry_category', type: 'text' })
  registryCategory: RegistryCategory;

  @Column({ name: 'status_code', type: 'text', nullable: true })
  statusCode: string | null;

  @Column({ name: 'status_subtype', type: 'text', nullable: true })
  statusSubtype: string | null;

  @Column({ name: 'stay_period', type: 'text', nullable: true })
  stayPeriod: string | null;

  @Column({ name: 'stay_expiry_date', type: 'date', nullable: true })
  stayExpiryDate: string | null;

  @Column({ name: 'card_number_hash', type: 'bytea', nullable: true, select: false })
  cardNumberHash: Buffer | null;

  @Column({ name: 'card_number_last4', type: 'char', length: 4, nullable: true })
  cardNumberLast4: string | null;

  @Column({ name: 'postal_code', type: 'text', nullable: true })
  postalCode: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ name: 'moved_in_on', type: 'date', nullable: true })
  movedInOn: string | null;

  @Column({ name: 'moved_out_on', type: 'date', nullable: true })
  movedOutOn: string | null;

  @Column({ name: 'preferred_language', type: 'text', nullable: true })
  preferredLanguage: string | null;

  @Column({ name: 'communication_level', type: 'text', nullable: true })
  communicationLevel: CommunicationLevel | null;

  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;
}

/** The fields that make up a resident's names, and those whose change is a status change. */
export const NAME_FIELDS = [
  'familyName',
  'givenName',
  'middleName',
  'kanjiName',
  'commonName',
  'commonNameKana',
  'kanaName',
] as const satisfies ReadonlyArray<keyof Resident>;
export const STATUS_FIELDS = [
  'registryCategory',
  'statusCode',
  'statusSubtype',
  'stayPeriod',
  'stayExpiryDate',
] as const satisfies ReadonlyArray<keyof Resident>;
