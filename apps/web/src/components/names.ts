import type { Resident } from '../api/types';

/** The residence-card alphabet name: FAMILY Given Middle. */
export function alphabetName(
  resident: Pick<Resident, 'familyName'> & { givenName?: string | null; middleName?: string | null },
): string {
  return [resident.familyName, resident.givenName, resident.middleName].filter(Boolean).join(' ');
}

/** Kanji name and common name (通称), as many as the record has. */
export function otherNames(resident: Resident): string {
  return [resident.kanjiName, resident.commonName].filter(Boolean).join(' / ');
}
