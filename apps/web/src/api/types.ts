// Response bodies. Those the OpenAPI document describes come from schema.d.ts; the resident
// registry's are written out here until its controllers declare their response types.
import type { components } from './schema';

export type Me = components['schemas']['MeView'];
export type User = components['schemas']['UserView'];
export type Role = User['roles'][number];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What the role may see of a resident: fields it may not see are absent. */
export interface Resident {
  id: string;
  version: number;
  municipalityCode?: string;
  residentKey?: string | null;
  familyName?: string;
  givenName?: string | null;
  middleName?: string | null;
  kanjiName?: string | null;
  commonName?: string | null;
  commonNameKana?: string | null;
  kanaName?: string | null;
  birthDate?: string;
  sex?: string;
  nationality?: string;
  registryCategory?: string;
  statusCode?: string | null;
  statusSubtype?: string | null;
  stayPeriod?: string | null;
  stayExpiryDate?: string | null;
  residenceCardLast4?: string | null;
  postalCode?: string | null;
  address?: string | null;
  movedInOn?: string | null;
  movedOutOn?: string | null;
  preferredLanguage?: string | null;
  communicationLevel?: string | null;
  householdId?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StatusChange {
  id: string;
  registryCategory: string;
  statusCode: string | null;
  statusSubtype: string | null;
  stayPeriod: string | null;
  stayExpiryDate: string | null;
  source: 'API' | 'IMPORT';
  createdAt: string;
}

export interface Household {
  id: string;
  householdKey: string | null;
  headResidentId: string | null;
  members: Resident[];
}

export interface ImportRun {
  id: string;
  fileName: string;
  status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  encoding: string | null;
  percent: number;
  processedRows: number;
  insertedRows: number;
  updatedRows: number;
  unchangedRows: number;
  failedRows: number;
  unknownColumns: string[];
  failure: string | null;
}

export interface AuditEvent {
  id: string;
  at: string;
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  purpose: string | null;
}
