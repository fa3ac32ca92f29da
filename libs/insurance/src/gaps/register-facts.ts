import type { ObligationFacts, Scheme } from '../obligations/index.js';

/** What the register holds of a resident that the insurance rules read. */
export interface RegisterFacts {
  birthDate: string;
  registryCategory: string;
  statusCode: string | null;
  movedOutOn: string | null;
}

/**
 * The facts of a resident on record, on a date, beside the schemes with coverage on record that
 * day. The resident obligations endpoint and the coverage-gap list both start here, so a gap in
 * the list is exactly a gap in the resident's record. `recorded` holds only recordable facts
 * (see RECORDABLE_FACTS), so it cannot contradict the register.
 */
export function residentObligationFacts(
  resident: RegisterFacts,
  onDate: string,
  covered: ReadonlySet<Scheme>,
  recorded: Partial<ObligationFacts> = {},
): ObligationFacts {
  return {
    onDate,
    birthDate: resident.birthDate,
    registryCategory: resident.registryCategory,
    statusCode: resident.statusCode,
    hasResidentRecord: onRegister(resident, onDate),
    coveredByEmployeeHealthInsurance: covered.has('EHI'),
    // Public assistance is decided by the city's own welfare office, which tells the NHI desk:
    // without a recorded fact saying so, a resident on record is taken as not on it.
    onPublicAssistance: false,
    // What a caseworker recorded (employment until [K5] brings its records, studies, certificates).
    ...recorded,
  };
}

/** Registered and not moved out by the date. `ON_REGISTER_SQL` says the same in SQL. */
export function onRegister(resident: Pick<RegisterFacts, 'registryCategory' | 'movedOutOn'>, onDate: string): boolean {
  return resident.registryCategory !== 'NOT_REGISTERED' && (!resident.movedOutOn || resident.movedOutOn > onDate);
}

/** `onRegister` over the register view `r`, with `$date` standing for the date's parameter. */
export function onRegisterSql(date: string): string {
  return `(r.registry_category <> 'NOT_REGISTERED' AND (r.moved_out_on IS NULL OR r.moved_out_on > ${date}))`;
}
