/** The resident's fields in the order the record shows them. */
export const OVERVIEW_FIELDS = [
  'residentKey',
  'familyName',
  'givenName',
  'middleName',
  'kanaName',
  'kanjiName',
  'commonName',
  'commonNameKana',
  'birthDate',
  'sex',
  'nationality',
  'registryCategory',
  'statusCode',
  'statusSubtype',
  'stayPeriod',
  'stayExpiryDate',
  'residenceCardLast4',
  'postalCode',
  'address',
  'movedInOn',
  'movedOutOn',
  'preferredLanguage',
  'communicationLevel',
] as const;

/** Kept by the register or the system, never typed in by a caseworker. */
const READ_ONLY = ['residentKey', 'residenceCardLast4', 'movedInOn', 'movedOutOn'] as const;
type OverviewField = (typeof OVERVIEW_FIELDS)[number];
export type EditableField = Exclude<OverviewField, (typeof READ_ONLY)[number]>;

/** The fields a caseworker edits, in the order of the overview. */
export const EDITABLE_FIELDS = OVERVIEW_FIELDS.filter(
  (field): field is EditableField => !(READ_ONLY as readonly string[]).includes(field),
);
