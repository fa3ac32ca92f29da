import { addDays } from '@app/platform';
import { EASY_JAPANESE } from '../orientation-topics.js';

/**
 * The newcomer invitation list as SQL over the register's published view `r` (`resident_register`). Shared by the service and the benchmark, which runs it straight
 * through pg as its baseline.
 *
 * Listed: residents of the municipalities who moved in between `today - withinDays` and today, are
 * still resident (no move-out, or one after today) and have not ATTENDED any orientation session.
 * Every registry category is listed: a resident NOT_REGISTERED on the basic resident register (a
 * short-term stay, a provisional release) who has a move-in date is living here and can still be
 * invited; so are special permanent residents moving in from another municipality (the city's own
 * rules — garbage, procedures, disaster drills — are new to them too). Registration for a session
 * or a NO_SHOW keeps a resident listed, so that a missed session leads to a new invitation.
 */
export const NEWCOMER_COLUMNS = `r.id, r.family_name, r.given_name, r.middle_name, r.kana_name,
  r.moved_in_on::text AS moved_in_on, r.preferred_language, r.communication_level`;

export interface NewcomerRow {
  id: string;
  family_name: string;
  given_name: string | null;
  middle_name: string | null;
  kana_name: string | null;
  moved_in_on: string;
  preferred_language: string | null;
  communication_level: string | null;
}

/** The conditions; parameters are appended to `params`. */
export function newcomerConditions(
  municipalityCodes: readonly string[],
  today: string,
  withinDays: number,
  params: unknown[],
): string[] {
  const on = `$${params.push(today)}::date`;
  // One municipality compared with `=`, so that move-in order comes from the index (municipality_code, moved_in_on, id).
  const municipality =
    municipalityCodes.length === 1
      ? `r.municipality_code = $${params.push(municipalityCodes[0])}::char(6)`
      : `r.municipality_code = ANY ($${params.push([...municipalityCodes])}::char(6)[])`;
  return [
    municipality,
    `r.moved_in_on BETWEEN $${params.push(movedInFrom(today, withinDays))}::date AND ${on}`,
    `(r.moved_out_on IS NULL OR r.moved_out_on > ${on})`,
    // One probe of orientation_attendance (resident_id, status) per newcomer: an anti-join.
    `NOT EXISTS (SELECT 1 FROM orientation_attendance a WHERE a.resident_id = r.id AND a.status = 'ATTENDED')`,
  ];
}

/** After the cursor's position in move-in order. */
export function newcomerAfter(cursor: { k: string; id: string }, params: unknown[]): string {
  return `(r.moved_in_on, r.id) > ($${params.push(cursor.k)}::date, $${params.push(cursor.id)}::uuid)`;
}

export function newcomerSelectSql(conditions: readonly string[], limitPlaceholder: string): string {
  return `SELECT ${NEWCOMER_COLUMNS} FROM resident_register r WHERE ${conditions.join(' AND ')}
           ORDER BY r.moved_in_on, r.id LIMIT ${limitPlaceholder}`;
}

export function movedInFrom(today: string, withinDays: number): string {
  return addDays(today, -withinDays);
}

/**
 * The language to invite a resident in: やさしい日本語 when that is their communication level or
 * no language is recorded; otherwise their preferred language, as its primary subtag (the register
 * holds BCP 47 tags such as pt-BR; sessions offer ISO 639-1 codes).
 */
export function invitationLanguage(preferredLanguage: string | null, communicationLevel: string | null): string {
  if (communicationLevel === 'EASY_JA' || !preferredLanguage) return EASY_JAPANESE;
  return preferredLanguage.split('-')[0].toLowerCase();
}
