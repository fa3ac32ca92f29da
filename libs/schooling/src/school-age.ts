import { compulsorySchooling, schoolYearOf, type IsoDate } from '@app/platform';

export const SCHOOL_STAGES = ['PRESCHOOL', 'ELEMENTARY', 'LOWER_SECONDARY', 'PAST_COMPULSORY'] as const;
export type SchoolStage = (typeof SCHOOL_STAGES)[number];

export interface SchoolAge {
  stage: SchoolStage;
  /** 1–6 in elementary, 1–3 in lower secondary, otherwise null. */
  grade: number | null;
  elementaryEntryDate: IsoDate;
  compulsoryEndDate: IsoDate;
}

/**
 * Where a child born on `birthDate` stands in compulsory schooling on `on` (domain reference §5.1):
 * elementary from the first 1 April after legally turning 6 (children born on 1 April join the
 * earlier year group), lower secondary six school years later, compulsory schooling over after
 * 31 March nine school years after entry. The grade is the school year counted from entry.
 */
export function schoolAge(birthDate: IsoDate, on: IsoDate): SchoolAge {
  const { elementaryEntry, end } = compulsorySchooling(birthDate);
  const entryYear = Number(elementaryEntry.slice(0, 4));
  const year = schoolYearOf(on);
  const base = { elementaryEntryDate: elementaryEntry, compulsoryEndDate: end };
  if (on < elementaryEntry) return { stage: 'PRESCHOOL', grade: null, ...base };
  if (on > end) return { stage: 'PAST_COMPULSORY', grade: null, ...base };
  const grade = year - entryYear + 1;
  return grade <= 6 ? { stage: 'ELEMENTARY', grade, ...base } : { stage: 'LOWER_SECONDARY', grade: grade - 6, ...base };
}

/**
 * Birth dates of the children in compulsory schooling on `on`: born after 1 April of (school year
 * − 15) and on or before 1 April of (school year − 6). For SQL ranges over the register.
 */
export function compulsoryBirthRange(on: IsoDate): { bornAfter: IsoDate; bornOnOrBefore: IsoDate } {
  const year = schoolYearOf(on);
  return { bornAfter: `${year - 15}-04-01`, bornOnOrBefore: `${year - 6}-04-01` };
}
