import type { Principal } from '@app/platform';
import { NAME_FIELDS, STATUS_FIELDS, type Resident } from './resident.entity.js';

/**
 * What each role may read of a resident (docs/architecture.md, "Roles and what they see").
 * PESO counselors: identity, status of residence and language, not the address or household.
 * School officers: what an enrolment guide needs, not the status of residence or the card.
 */
export type ResidentView = Partial<Omit<Resident, 'cardNumberHash' | 'createdAt' | 'updatedAt'>> & {
  id: string;
  version: number;
  residenceCardLast4?: string | null;
  createdAt: string;
  updatedAt: string;
};

type Field = keyof Omit<Resident, 'cardNumberHash' | 'createdAt' | 'updatedAt' | 'id' | 'version'>;

const IDENTITY: Field[] = [
  'municipalityCode',
  ...NAME_FIELDS,
  'birthDate',
  'sex',
  'nationality',
  'preferredLanguage',
  'communicationLevel',
  'movedInOn',
  'movedOutOn',
];
const STATUS: Field[] = [...STATUS_FIELDS];
const HOME: Field[] = ['postalCode', 'address', 'householdId'];

export type ResidentAudience = 'CITY' | 'PESO' | 'SCHOOL';

const FIELDS: Record<ResidentAudience, Field[]> = {
  CITY: ['residentKey', ...IDENTITY, ...STATUS, ...HOME],
  PESO: [...IDENTITY, ...STATUS],
  SCHOOL: [...IDENTITY, ...HOME],
};

/** The broadest audience among the principal's roles, or null when no role reads residents. */
export function audienceOf(principal: Principal): ResidentAudience | null {
  if (principal.roles.includes('CITY_CASEWORKER')) return 'CITY';
  if (principal.roles.includes('PESO_COUNSELOR')) return 'PESO';
  if (principal.roles.includes('SCHOOL_OFFICER')) return 'SCHOOL';
  return null;
}

export function residentView(resident: Resident, audience: ResidentAudience): ResidentView {
  const view: ResidentView = {
    id: resident.id,
    version: resident.version,
    createdAt: resident.createdAt.toISOString(),
    updatedAt: resident.updatedAt.toISOString(),
  };
  for (const field of FIELDS[audience]) (view as Record<string, unknown>)[field] = resident[field];
  if (audience === 'CITY') view.residenceCardLast4 = resident.cardNumberLast4;
  return view;
}
