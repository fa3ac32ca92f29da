// The rules a resident record obeys, as plain data: the API's DTOs, the register import and the
// web UI's forms all take them from here, so a clerk's form refuses exactly what the API refuses.
// No imports: the web UI bundles this file as it is.

export const RESIDENCE_CARD_NUMBER = /^[A-Z]{2}\d{8}[A-Z]{2}$/;
export const STATUS_CODE = /^[A-Z0-9_]{2,40}$/;
export const STATUS_SUBTYPE = /^[A-Z]{1,3}$/;
export const STAY_PERIOD = /^\d{1,3}[ymd]$|^UNLIMITED$/;
export const POSTAL_CODE = /^\d{3}-?\d{4}$/;
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export const NAME_MAX = 200;
export const ADDRESS_MAX = 300;
export const RESIDENT_KEY_MAX = 50;

export const SEXES = ['M', 'F', 'X'] as const;
export const REGISTRY_CATEGORIES = [
  'MID_LONG_TERM',
  'SPECIAL_PERMANENT',
  'TEMPORARY_PROTECTION',
  'PROVISIONAL_STAY',
  'NOT_REGISTERED',
] as const;
export const COMMUNICATION_LEVELS = ['JA', 'EASY_JA', 'INTERPRETER_NEEDED'] as const;
