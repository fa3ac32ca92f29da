import { schoolYearOf, SqlParams, type IsoDate } from '@app/platform';
import { compulsoryBirthRange } from './school-age.js';
import { COMPULSORY_SCHOOL_KINDS } from './schooling-codes.js';

/**
 * The children of compulsory-school age living in the municipality on `on`, as conditions on the
 * register's view `r`: born in the range of the nine year groups (the April-1 rule), moved in on or
 * before the day and not moved out. `registeredOnly` keeps to the Basic Resident Register (the
 * MEXT survey's total); the board's roster also lists children living here unregistered.
 */
export function schoolAgeChildrenSql(
  municipalityCodes: readonly string[],
  on: IsoDate,
  params: SqlParams,
  options: { registeredOnly: boolean },
): string[] {
  const { bornAfter, bornOnOrBefore } = compulsoryBirthRange(on);
  const date = params.add(on, '::date');
  return [
    municipalityCodes.length === 1
      ? `r.municipality_code = ${params.add(municipalityCodes[0], '::char(6)')}`
      : `r.municipality_code = ANY (${params.add([...municipalityCodes], '::char(6)[]')})`,
    `r.birth_date > ${params.add(bornAfter, '::date')} AND r.birth_date <= ${params.add(bornOnOrBefore, '::date')}`,
    `(r.moved_in_on IS NULL OR r.moved_in_on <= ${date})`,
    `(r.moved_out_on IS NULL OR r.moved_out_on > ${date})`,
    ...(options.registeredOnly ? [`r.registry_category <> 'NOT_REGISTERED'`] : []),
  ];
}

/**
 * For the child `r` on `on`: the school attended that day (`enr`: school_id, school_name, kind,
 * grade, japanese_instruction_needed) and the status recorded for the school year (`st`), as
 * LATERAL joins to add after `FROM resident_register r`.
 */
export function schoolingJoinsSql(on: IsoDate, params: SqlParams): string {
  const date = params.add(on, '::date');
  return `LEFT JOIN LATERAL (
            SELECT e.school_id, sc.name AS school_name, sc.kind, e.grade, e.japanese_instruction_needed
              FROM school_enrollment e JOIN school sc ON sc.id = e.school_id
             WHERE e.resident_id = r.id AND e.from_date <= ${date} AND (e.to_date IS NULL OR e.to_date >= ${date})
             LIMIT 1) enr ON true
          LEFT JOIN schooling_status st ON st.resident_id = r.id AND st.school_year = ${params.add(schoolYearOf(on), '::int')}`;
}

/**
 * The child's MEXT category on the day: a school attended that day decides (compulsory schools →
 * ENROLLED_COMPULSORY, foreign and other schools → ENROLLED_FOREIGN_SCHOOL); otherwise the status
 * the board recorded for the school year; otherwise NOT_TRACKED. Exactly one per child.
 */
export function effectiveStatusSql(params: SqlParams): string {
  return `CASE WHEN enr.kind IS NOT NULL THEN
                 CASE WHEN enr.kind = ANY (${params.add(COMPULSORY_SCHOOL_KINDS, '::text[]')})
                      THEN 'ENROLLED_COMPULSORY' ELSE 'ENROLLED_FOREIGN_SCHOOL' END
               ELSE coalesce(st.status, 'NOT_TRACKED') END`;
}

/** Days absent in the child's school year of `on` (0 when none recorded). */
export function absentDaysSql(on: IsoDate, params: SqlParams): string {
  return `coalesce((SELECT sum(a.days_absent)::int FROM absence_month a
                     WHERE a.resident_id = r.id AND a.school_year = ${params.add(schoolYearOf(on), '::int')}), 0)`;
}
