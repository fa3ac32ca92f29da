import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDays, fiscalYearOf, SqlParams, type IsoDate } from '@app/platform';
import { SchoolAgeChildrenService, SCHOOLING_STATUSES } from '@app/schooling';
import { DataSource } from 'typeorm';
import type { ReportScope } from './definitions.js';

export interface RawRow {
  dims: Record<string, string>;
  values: Record<string, number>;
}

export const AGE_BANDS = ['0-5', '6-14', '15-19', '20-29', '30-39', '40-49', '50-59', '60-64', '65+'] as const;
const WINDOW_DAYS = 30;

/**
 * How each report is computed, for a scope and an as-of date applied to every dated record (the
 * register's moves, status history, coverage periods, enrolments, attendance, alerts, reports), so
 * that a rerun for a past date gives the figures of that date. Reporting is the one read model that
 * reads across domains: these queries read other domains' tables, read-only, and name them here.
 */
@Injectable()
export class ReportQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schooling: SchoolAgeChildrenService,
  ) {}

  async rows(code: string, scope: ReportScope, asOf: IsoDate): Promise<RawRow[]> {
    switch (code) {
      case 'RESIDENTS':
        return this.residents(scope, asOf);
      case 'COVERAGE':
        return this.coverage(scope, asOf);
      case 'LANGUAGE_COURSES':
        return this.languageCourses(scope, asOf);
      case 'PROFICIENCY':
        return this.proficiency(scope, asOf);
      case 'ORIENTATION_REACH':
        return this.orientationReach(scope, asOf);
      case 'SCHOOL_ENROLMENT':
        return this.schoolEnrolment(scope, asOf);
      case 'ALERTS':
        return this.alerts(scope, asOf);
      case 'EMPLOYER_REPORTS':
        return this.employerReports(scope, asOf);
      default:
        throw new Error(`no query for report ${code}`);
    }
  }

  /**
   * Residents on the Basic Resident Register of the scope at the end of the day: moved in by then and
   * not moved out, PESO scopes without special permanent residents.
   */
  private population(scope: ReportScope, asOf: IsoDate, params: SqlParams): string {
    const date = params.add(asOf, '::date');
    return `resident_register r
      WHERE r.municipality_code = ANY (${params.add(scope.municipalityCodes, '::char(6)[]')})
        AND r.registry_category <> 'NOT_REGISTERED'
        ${scope.excludeSpecialPermanent ? `AND r.registry_category <> 'SPECIAL_PERMANENT'` : ''}
        AND (r.moved_in_on IS NULL OR r.moved_in_on <= ${date})
        AND (r.moved_out_on IS NULL OR r.moved_out_on > ${date})`;
  }

  /** The end of the as-of day in office time, for records dated by a timestamp. */
  private endOf(asOf: IsoDate, params: SqlParams): string {
    return `(${params.add(addDays(asOf, 1), '::date')}::timestamp AT TIME ZONE 'Asia/Tokyo')`;
  }

  private async residents(scope: ReportScope, asOf: IsoDate): Promise<RawRow[]> {
    const params = new SqlParams();
    const end = this.endOf(asOf, params);
    const date = params.add(asOf, '::date');
    // The status held at the end of the day: the latest change recorded by then.
    const rows: Array<{ nationality: string | null; status: string | null; band: number | null; residents: number }> =
      await this.dataSource.query(
        `SELECT nationality, status, band, count(*)::int AS residents
           FROM (SELECT r.nationality,
                        coalesce((SELECT h.status_code FROM status_history h
                                   WHERE h.resident_id = r.id AND h.created_at < ${end}
                                   ORDER BY h.created_at DESC LIMIT 1), r.status_code, 'NONE') AS status,
                        -- The band's index in AGE_BANDS: one age computation per resident.
                        width_bucket(extract(year FROM age(${date}::timestamp, r.birth_date::timestamp)),
                                     ARRAY[6, 15, 20, 30, 40, 50, 60, 65]) AS band
                   FROM ${this.population(scope, asOf, params)}) p
          GROUP BY GROUPING SETS ((nationality), (status), (band))`,
        params.values,
      );
    const out: RawRow[] = [];
    for (const row of rows) {
      if (row.nationality !== null) out.push(this.row({ breakdown: 'NATIONALITY', value: row.nationality }, row));
      else if (row.status !== null) out.push(this.row({ breakdown: 'STATUS', value: row.status }, row));
      else if (row.band !== null) out.push(this.row({ breakdown: 'AGE_BAND', value: AGE_BANDS[row.band] }, row));
    }
    // Every age band, even an empty one, so that series line up night after night.
    for (const band of AGE_BANDS) {
      if (!out.some((row) => row.dims.breakdown === 'AGE_BAND' && row.dims.value === band)) {
        out.push({ dims: { breakdown: 'AGE_BAND', value: band }, values: { residents: 0 } });
      }
    }
    return out.sort((a, b) =>
      a.dims.breakdown === b.dims.breakdown
        ? a.dims.breakdown === 'AGE_BAND'
          ? AGE_BANDS.indexOf(a.dims.value as never) - AGE_BANDS.indexOf(b.dims.value as never)
          : a.dims.value.localeCompare(b.dims.value)
        : a.dims.breakdown.localeCompare(b.dims.breakdown),
    );
  }

  /**
   * Health insurance among all residents; pension among those aged 20–59; employment insurance
   * among those with an employment on record that day (the 2012 survey's three rates).
   */
  private async coverage(scope: ReportScope, asOf: IsoDate): Promise<RawRow[]> {
    const params = new SqlParams();
    const date = params.add(asOf, '::date');
    const covered = (schemes: string[]) =>
      `EXISTS (SELECT 1 FROM coverage_period c WHERE c.resident_id = r.id
                 AND c.scheme = ANY (${params.add(schemes, '::text[]')})
                 AND c.start_date <= ${date} AND (c.end_date IS NULL OR c.end_date >= ${date}))`;
    const [row]: Array<Record<string, number>> = await this.dataSource.query(
      `SELECT count(*)::int AS health_population,
              count(*) FILTER (WHERE health)::int AS health_covered,
              count(*) FILTER (WHERE pension_age)::int AS pension_population,
              count(*) FILTER (WHERE pension_age AND pension)::int AS pension_covered,
              count(*) FILTER (WHERE employed)::int AS ei_population,
              count(*) FILTER (WHERE employed AND ei)::int AS ei_covered
         FROM (SELECT ${covered(['NHI', 'EHI', 'LATE_ELDERLY'])} AS health,
                      extract(year FROM age(${date}::timestamp, r.birth_date::timestamp)) BETWEEN 20 AND 59 AS pension_age,
                      ${covered(['NP', 'EPI'])} AS pension,
                      EXISTS (SELECT 1 FROM employment_on_record e WHERE e.resident_id = r.id
                                AND e.hired_on <= ${date} AND (e.separated_on IS NULL OR e.separated_on >= ${date})) AS employed,
                      ${covered(['EI'])} AS ei
                 FROM ${this.population(scope, asOf, params)}) p`,
      params.values,
    );
    return (['HEALTH', 'PENSION', 'EMPLOYMENT_INSURANCE'] as const).map((scheme) => {
      const prefix = { HEALTH: 'health', PENSION: 'pension', EMPLOYMENT_INSURANCE: 'ei' }[scheme];
      const population = row[`${prefix}_population`];
      const coveredCount = row[`${prefix}_covered`];
      return { dims: { scheme }, values: { population, covered: coveredCount, uncovered: population - coveredCount } };
    });
  }

  /** Courses of the scope that started in the fiscal year of the date, by their starting level. */
  private async languageCourses(scope: ReportScope, asOf: IsoDate): Promise<RawRow[]> {
    const params = new SqlParams();
    const date = params.add(asOf, '::date');
    const rows: Array<{ level: string; enrolled: number; completed: number; dropped: number }> =
      await this.dataSource.query(
        `SELECT l.level, count(e.id) FILTER (WHERE e.enrolled_on <= ${date})::int AS enrolled,
                count(e.id) FILTER (WHERE e.enrolled_on <= ${date} AND e.status = 'COMPLETED' AND e.ended_on <= ${date})::int
                  AS completed,
                count(e.id) FILTER (WHERE e.enrolled_on <= ${date} AND e.status IN ('DROPPED', 'WITHDRAWN')
                                      AND e.ended_on <= ${date})::int AS dropped
           FROM (VALUES ('A1'), ('A2'), ('B1'), ('B2'), ('C1'), ('C2')) AS l (level)
           LEFT JOIN language_course c ON c.level_from = l.level
                 AND c.municipality_code = ANY (${params.add(scope.municipalityCodes, '::char(6)[]')})
                 AND c.starts_on BETWEEN ${params.add(`${fiscalYearOf(asOf)}-04-01`, '::date')} AND ${date}
           LEFT JOIN enrollment e ON e.course_id = c.id
          GROUP BY l.level ORDER BY l.level`,
        params.values,
      );
    return rows.map((row) => ({
      dims: { courseLevel: row.level },
      values: {
        enrolled: row.enrolled,
        completed: row.completed,
        dropped: row.dropped,
        ongoing: row.enrolled - row.completed - row.dropped,
      },
    }));
  }

  /** Each resident's latest assessment per framework made by the date. */
  private async proficiency(scope: ReportScope, asOf: IsoDate): Promise<RawRow[]> {
    const params = new SqlParams();
    const date = params.add(asOf, '::date');
    const rows: Array<{ framework: string; level: string; residents: number }> = await this.dataSource.query(
      `SELECT framework, level, count(*)::int AS residents
         FROM (SELECT DISTINCT ON (a.resident_id, a.framework) a.framework, a.level
                 FROM proficiency_assessment a
                 JOIN (SELECT r.id FROM ${this.population(scope, asOf, params)}) p ON p.id = a.resident_id
                WHERE a.assessed_on <= ${date}
                ORDER BY a.resident_id, a.framework, a.assessed_on DESC, a.created_at DESC) latest
        GROUP BY framework, level ORDER BY framework, level`,
      params.values,
    );
    return rows.map((row) => this.row({ framework: row.framework, level: row.level }, row));
  }

  /** Residents who moved in during the twelve months up to the date, and whether they attended orientation by then. */
  private async orientationReach(scope: ReportScope, asOf: IsoDate): Promise<RawRow[]> {
    const params = new SqlParams();
    const date = params.add(asOf, '::date');
    const rows: Array<{ month: string; newcomers: number; attended: number }> = await this.dataSource.query(
      `SELECT to_char(m.month, 'YYYY-MM') AS month, count(p.id)::int AS newcomers,
              count(p.id) FILTER (WHERE p.attended)::int AS attended
         FROM generate_series(date_trunc('month', ${date} - interval '11 months'), date_trunc('month', ${date}::timestamp),
                              interval '1 month') AS m (month)
         LEFT JOIN (SELECT r.id, r.moved_in_on,
                           EXISTS (SELECT 1 FROM orientation_attendance a JOIN orientation_session s ON s.id = a.session_id
                                    WHERE a.resident_id = r.id AND a.status = 'ATTENDED' AND s.held_on <= ${date}) AS attended
                      FROM ${this.population(scope, asOf, params)}
                       AND r.moved_in_on > (date_trunc('month', ${date} - interval '11 months'))::date - 1) p
                ON date_trunc('month', p.moved_in_on::timestamp) = m.month
        GROUP BY m.month ORDER BY m.month`,
      params.values,
    );
    return rows.map((row) => ({
      dims: { movedInMonth: row.month },
      values: { newcomers: row.newcomers, attended: row.attended, notAttended: row.newcomers - row.attended },
    }));
  }

  private async schoolEnrolment(scope: ReportScope, asOf: IsoDate): Promise<RawRow[]> {
    const totals = new Map<string, { elementary: number; lowerSecondary: number }>();
    for (const code of scope.municipalityCodes) {
      for (const [status, counts] of await this.schooling.counts(code, asOf)) {
        const sum = totals.get(status) ?? { elementary: 0, lowerSecondary: 0 };
        totals.set(status, {
          elementary: sum.elementary + counts.elementary,
          lowerSecondary: sum.lowerSecondary + counts.lowerSecondary,
        });
      }
    }
    return SCHOOLING_STATUSES.map((category) => {
      const counts = totals.get(category) ?? { elementary: 0, lowerSecondary: 0 };
      return {
        dims: { category },
        values: { ...counts, total: counts.elementary + counts.lowerSecondary },
      };
    });
  }

  /** Alerts of the scope's own rules: opened and resolved in the 30 days up to the date, open at its end. */
  private async alerts(scope: ReportScope, asOf: IsoDate): Promise<RawRow[]> {
    const params = new SqlParams();
    const end = this.endOf(asOf, params);
    const start = `(${params.add(addDays(asOf, 1 - WINDOW_DAYS), '::date')}::timestamp AT TIME ZONE 'Asia/Tokyo')`;
    const owners = scope.kind === 'PESO' ? `'PESO_COUNSELOR'` : `'CITY_CASEWORKER', 'SCHOOL_OFFICER', 'CASE_OWNER'`;
    const rows: Array<{
      rule_code: string;
      opened: number;
      resolved: number;
      open_at_end: number;
      median: number | null;
    }> = await this.dataSource.query(
      `SELECT ar.rule_code,
                count(a.id) FILTER (WHERE a.opened_at >= ${start} AND a.opened_at < ${end})::int AS opened,
                count(a.id) FILTER (WHERE a.status = 'RESOLVED' AND a.closed_at >= ${start} AND a.closed_at < ${end})::int
                  AS resolved,
                count(a.id) FILTER (WHERE a.opened_at < ${end} AND (a.closed_at IS NULL OR a.closed_at >= ${end}))::int
                  AS open_at_end,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.closed_at - a.opened_at) / 86400)
                  FILTER (WHERE a.status = 'RESOLVED' AND a.closed_at >= ${start} AND a.closed_at < ${end}) AS median
           FROM alert_rule ar
           LEFT JOIN alert a ON a.rule_code = ar.rule_code
                 AND a.municipality_code = ANY (${params.add(scope.municipalityCodes, '::char(6)[]')})
                 AND a.opened_at < ${end}
          WHERE ar.owner IN (${owners})
          GROUP BY ar.rule_code ORDER BY ar.rule_code`,
      params.values,
    );
    return rows.map((row) => ({
      dims: { ruleCode: row.rule_code },
      values: {
        opened: row.opened,
        resolved: row.resolved,
        openAtEnd: row.open_at_end,
        ...(row.median === null ? {} : { medianDaysToResolve: Math.round(Number(row.median) * 10) / 10 }),
      },
    }));
  }

  /** Reports received in the 30 days up to the date (refused and invalid ones are not reports PESO counts). */
  private async employerReports(scope: ReportScope, asOf: IsoDate): Promise<RawRow[]> {
    const params = new SqlParams();
    const date = params.add(asOf, '::date');
    const rows: Array<{ report_type: string; received: number; late: number }> = await this.dataSource.query(
      `SELECT t.report_type, count(l.seq)::int AS received, count(l.seq) FILTER (WHERE l.days_late > 0)::int AS late
         FROM (VALUES ('HIRE'), ('SEPARATION')) AS t (report_type)
         LEFT JOIN employer_report l ON l.report_type = t.report_type AND l.outcome IN ('APPLIED', 'PENDING')
               AND l.received_on BETWEEN ${params.add(addDays(asOf, 1 - WINDOW_DAYS), '::date')} AND ${date}
               AND l.import_id IN (SELECT i.id FROM employer_report_import i
                                    WHERE i.municipality_code = ANY (${params.add(scope.municipalityCodes, '::char(6)[]')}))
        GROUP BY t.report_type ORDER BY t.report_type`,
      params.values,
    );
    return rows.map((row) => ({
      dims: { reportType: row.report_type },
      values: { received: row.received, onTime: row.received - row.late, late: row.late },
    }));
  }

  private row(dims: Record<string, string>, row: Record<string, unknown>): RawRow {
    return { dims, values: { residents: row.residents as number } };
  }
}
