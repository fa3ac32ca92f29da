import { isIsoDate } from '@app/platform';
import { isISO31661Alpha2 } from 'class-validator';
import {
  COMMUNICATION_LEVELS,
  ADDRESS_MAX,
  LANGUAGE_TAG,
  NAME_MAX,
  POSTAL_CODE,
  REGISTRY_CATEGORIES,
  RESIDENCE_CARD_NUMBER,
  RESIDENT_KEY_MAX,
  SEXES,
  STATUS_CODE,
  STATUS_SUBTYPE,
  STAY_PERIOD,
} from '../validation/resident-rules.js';

/** The register extract's columns. Header names are part of the interface ([K2]). */
export const IMPORT_COLUMNS = [
  'resident_key',
  'family_name',
  'given_name',
  'middle_name',
  'kanji_name',
  'common_name',
  'common_name_kana',
  'kana_name',
  'birth_date',
  'sex',
  'nationality',
  'registry_category',
  'status_code',
  'status_subtype',
  'stay_period',
  'stay_expiry_date',
  'residence_card_number',
  'postal_code',
  'address',
  'household_key',
  'household_head',
  'moved_in_on',
  'moved_out_on',
  'preferred_language',
  'communication_level',
  'event',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: ImportColumn[] = [
  'resident_key',
  'family_name',
  'given_name',
  'birth_date',
  'sex',
  'nationality',
];
export const IMPORT_EVENTS = ['REGISTER', 'UPDATE', 'MOVED_OUT'] as const;

export type ImportRow = Partial<Record<ImportColumn, string>>;
export interface RowProblem {
  field: string;
  reason: string;
}

interface Rule {
  required?: boolean;
  /** Applied before the check: what the cell means (upper-case codes, card numbers without spaces). */
  clean?: (value: string) => string;
  check: (value: string) => boolean;
  reason: string;
}

const upper = (value: string) => value.toUpperCase();
const length = (min: number, max: number) => (value: string) => value.length >= min && value.length <= max;
const oneOf = (values: readonly string[]) => (value: string) => values.includes(value);
const matches = (pattern: RegExp) => (value: string) => pattern.test(value);
const name = (required: boolean, column: string): Rule => ({
  required,
  check: length(1, NAME_MAX),
  reason: `${column} must be at most ${NAME_MAX} characters`,
});
const date = (column: string): Rule => ({ check: isIsoDate, reason: `${column} must be a date written YYYY-MM-DD` });

/**
 * What each cell must hold: the API's rules (same patterns and lists), written as plain checks
 * because an extract has a million rows and a decorator-based validator costs ~10 µs per row.
 */
const RULES: Record<ImportColumn, Rule> = {
  resident_key: {
    required: true,
    check: length(1, RESIDENT_KEY_MAX),
    reason: `resident_key must be 1 to ${RESIDENT_KEY_MAX} characters`,
  },
  family_name: name(true, 'family_name'),
  given_name: name(true, 'given_name'),
  middle_name: name(false, 'middle_name'),
  kanji_name: name(false, 'kanji_name'),
  common_name: name(false, 'common_name'),
  common_name_kana: name(false, 'common_name_kana'),
  kana_name: name(false, 'kana_name'),
  birth_date: { ...date('birth_date'), required: true },
  sex: { required: true, clean: upper, check: oneOf(SEXES), reason: 'sex must be M, F or X' },
  nationality: {
    required: true,
    clean: upper,
    check: (value) => isISO31661Alpha2(value),
    reason: 'nationality must be an ISO 3166-1 alpha-2 code such as VN',
  },
  registry_category: {
    clean: upper,
    check: oneOf(REGISTRY_CATEGORIES),
    reason: `registry_category must be one of ${REGISTRY_CATEGORIES.join(', ')}`,
  },
  status_code: { clean: upper, check: matches(STATUS_CODE), reason: 'status_code is not a status code' },
  status_subtype: { clean: upper, check: matches(STATUS_SUBTYPE), reason: 'status_subtype is not a subtype' },
  stay_period: {
    check: matches(STAY_PERIOD),
    reason: 'stay_period must look like 3y, 6m or 90d',
  },
  stay_expiry_date: date('stay_expiry_date'),
  residence_card_number: {
    clean: (value) => value.replace(/\s/g, '').toUpperCase(),
    check: matches(RESIDENCE_CARD_NUMBER),
    reason: 'residence_card_number must be 2 letters, 8 digits, 2 letters',
  },
  postal_code: { check: matches(POSTAL_CODE), reason: 'postal_code must look like 430-0929' },
  address: { check: length(1, ADDRESS_MAX), reason: `address must be at most ${ADDRESS_MAX} characters` },
  household_key: { check: length(1, 50), reason: 'household_key must be 1 to 50 characters' },
  household_head: { clean: upper, check: oneOf(['Y', 'N']), reason: 'household_head must be Y or N' },
  moved_in_on: date('moved_in_on'),
  moved_out_on: date('moved_out_on'),
  preferred_language: {
    check: matches(LANGUAGE_TAG),
    reason: 'preferred_language must be a language tag such as vi',
  },
  communication_level: {
    clean: upper,
    check: oneOf(COMMUNICATION_LEVELS),
    reason: `communication_level must be one of ${COMMUNICATION_LEVELS.join(', ')}`,
  },
  event: { clean: upper, check: oneOf(IMPORT_EVENTS), reason: 'event must be REGISTER, UPDATE or MOVED_OUT' },
};

/**
 * Checks one data line. `cells` holds the trimmed text per column (empty cells absent); the
 * result holds the cleaned values, and every problem found (one per column at most).
 * `statuses` maps each status of residence to its subtypes.
 */
export function checkRow(
  cells: ImportRow,
  statuses: ReadonlyMap<string, readonly string[]>,
): { row: ImportRow; problems: RowProblem[] } {
  const row: ImportRow = {};
  const problems: RowProblem[] = [];
  for (const column of IMPORT_COLUMNS) {
    const rule = RULES[column];
    const raw = cells[column];
    if (raw === undefined) {
      if (rule.required) problems.push({ field: column, reason: `${column} is required` });
      continue;
    }
    const value = rule.clean ? rule.clean(raw) : raw;
    if (!rule.check(value)) problems.push({ field: column, reason: rule.reason });
    else row[column] = value;
  }
  if (row.status_code && !statuses.has(row.status_code)) {
    problems.push({ field: 'status_code', reason: `unknown status of residence ${row.status_code}` });
  } else if (row.status_subtype && !(row.status_code && statuses.get(row.status_code)?.includes(row.status_subtype))) {
    problems.push({
      field: 'status_subtype',
      reason: `${row.status_code ?? 'no status'} has no subtype ${row.status_subtype}`,
    });
  }
  if (row.moved_in_on && row.moved_out_on && row.moved_out_on < row.moved_in_on) {
    problems.push({ field: 'moved_out_on', reason: 'moved_out_on is before moved_in_on' });
  }
  return { row, problems };
}
