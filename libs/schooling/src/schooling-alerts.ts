import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDays, schoolYearOf, SqlParams, type IsoDate } from '@app/platform';
import { DataSource } from 'typeorm';
import { LONG_ABSENCE_DAYS } from './schooling-codes.js';
import { absentDaysSql, effectiveStatusSql, schoolAgeChildrenSql, schoolingJoinsSql } from './schooling-query.js';

/** Days after the guide without any news of the child before a home visit is due. */
export const GUIDE_SILENCE_DAYS = 60;
/** Days after moving in by which a school-age newcomer should be at school. */
export const NEWCOMER_SCHOOL_DAYS = 30;
const NEWCOMER_WINDOW_DAYS = 365;

type Scope = readonly string[] | null;

/**
 * What the schooling alert rules find (system use, unaudited, ids only): for a municipality on a day,
 * every child (the nightly sweep) or among `residentIds` (after a change).
 */
@Injectable()
export class SchoolingAlerts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** CHILD_SCHOOL_STATUS_UNCONFIRMED: the guide went out 60+ days ago and nothing is known since. */
  async silentAfterGuide(
    municipalityCode: string,
    on: IsoDate,
    residentIds: Scope,
  ): Promise<Array<{ residentId: string; schoolYear: number; sentOn: string }>> {
    const year = schoolYearOf(on);
    const rows: Array<{ child_id: string; school_year: number; sent_on: string }> = await this.dataSource.query(
      `SELECT g.child_id, g.school_year, min(g.sent_on)::text AS sent_on
         FROM school_guide_recipient g JOIN resident_register r ON r.id = g.child_id
        WHERE g.municipality_code = $1 AND g.school_year IN ($3, $3 + 1) AND g.sent_on <= $4::date
          AND ($5::uuid[] IS NULL OR g.child_id = ANY ($5::uuid[]))
          AND (r.moved_out_on IS NULL OR r.moved_out_on > $2::date)
          AND NOT EXISTS (SELECT 1 FROM school_guide_response p WHERE p.child_id = g.child_id AND p.school_year = g.school_year)
          AND NOT EXISTS (SELECT 1 FROM schooling_status s WHERE s.resident_id = g.child_id AND s.school_year = g.school_year)
          AND NOT EXISTS (SELECT 1 FROM school_enrollment e WHERE e.resident_id = g.child_id
                            AND e.from_date <= greatest($2::date, make_date(g.school_year, 4, 1))
                            AND (e.to_date IS NULL OR e.to_date >= greatest($2::date, make_date(g.school_year, 4, 1))))
        GROUP BY g.child_id, g.school_year`,
      [municipalityCode, on, year, addDays(on, -GUIDE_SILENCE_DAYS), residentIds],
    );
    // One alert per child: the latest school year's guide speaks for it.
    const latest = new Map<string, { residentId: string; schoolYear: number; sentOn: string }>();
    for (const row of rows) {
      const found = latest.get(row.child_id);
      if (!found || found.schoolYear < row.school_year) {
        latest.set(row.child_id, { residentId: row.child_id, schoolYear: row.school_year, sentOn: row.sent_on });
      }
    }
    return [...latest.values()];
  }

  /** CHILD_NOT_ENROLLED: a school-age child the board found attending no school. */
  async notEnrolled(municipalityCode: string, on: IsoDate, residentIds: Scope): Promise<Array<{ residentId: string }>> {
    const rows = await this.children(municipalityCode, on, residentIds, (status) => `${status} = 'NOT_ENROLLED'`);
    return rows.map((row) => ({ residentId: row.id }));
  }

  /** CHILD_LONG_ABSENCE: 30 days or more absent in this school year (長期欠席). */
  async longAbsences(
    municipalityCode: string,
    on: IsoDate,
    residentIds: Scope,
  ): Promise<Array<{ residentId: string; absentDays: number }>> {
    const rows = await this.children(
      municipalityCode,
      on,
      residentIds,
      (_status, absent) => `${absent} >= ${LONG_ABSENCE_DAYS}`,
    );
    return rows.map((row) => ({ residentId: row.id, absentDays: row.absent_days }));
  }

  /** NEWCOMER_CHILD_NO_SCHOOL_30D: moved in 30+ days ago, school age, and at no school. */
  async newcomersWithoutSchool(
    municipalityCode: string,
    on: IsoDate,
    residentIds: Scope,
  ): Promise<Array<{ residentId: string; movedInOn: string }>> {
    const rows = await this.children(
      municipalityCode,
      on,
      residentIds,
      (status) => `${status} NOT IN ('ENROLLED_COMPULSORY', 'ENROLLED_FOREIGN_SCHOOL', 'MOVED_OR_LEFT')`,
      [
        `r.moved_in_on BETWEEN '${addDays(on, -NEWCOMER_WINDOW_DAYS)}'::date AND '${addDays(on, -NEWCOMER_SCHOOL_DAYS)}'::date`,
      ],
    );
    return rows.map((row) => ({ residentId: row.id, movedInOn: row.moved_in_on! }));
  }

  /** School-age children living here on the day, with their category and absences, filtered. */
  private async children(
    municipalityCode: string,
    on: IsoDate,
    residentIds: Scope,
    having: (status: string, absentDays: string) => string,
    extra: string[] = [],
  ): Promise<Array<{ id: string; absent_days: number; moved_in_on: string | null }>> {
    const params = new SqlParams();
    const where = schoolAgeChildrenSql([municipalityCode], on, params, { registeredOnly: false });
    if (residentIds) where.push(`r.id = ANY (${params.add(residentIds, '::uuid[]')})`);
    const status = effectiveStatusSql(params);
    const absent = absentDaysSql(on, params);
    return this.dataSource.query(
      `SELECT r.id, ${status} AS status, ${absent} AS absent_days, r.moved_in_on::text AS moved_in_on
         FROM resident_register r ${schoolingJoinsSql(on, params)}
        WHERE ${[...where, ...extra, having(status, absent)].join(' AND ')}`,
      params.values,
    );
  }
}
