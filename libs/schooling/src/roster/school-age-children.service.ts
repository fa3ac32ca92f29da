import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  AppConfig,
  Clock,
  csvLine,
  decodeCursor,
  encodeCursor,
  officeDate,
  schoolYearOf,
  SqlParams,
  type IsoDate,
  type RequestContext,
} from '@app/platform';
import { DataSource } from 'typeorm';
import { schoolAge } from '../school-age.js';
import type {
  MextSurveyResponse,
  MextSurveyRow,
  SchoolAgeChildrenPage,
  SchoolAgeChildrenQueryDto,
  SchoolAgeChildResponse,
} from '../schooling.dto.js';
import { assertSchoolingDuty } from '../schooling-access.js';
import { LONG_ABSENCE_DAYS, SCHOOLING_STATUSES, type SchoolingStatus } from '../schooling-codes.js';
import { absentDaysSql, effectiveStatusSql, schoolAgeChildrenSql, schoolingJoinsSql } from '../schooling-query.js';

/** The MEXT survey's rows (domain reference §5.2), in its order, with its Japanese labels. */
const SURVEY_ROWS: ReadonlyArray<{ category: string; label: string }> = [
  { category: 'TOTAL', label: '学齢相当の外国人の子供（住民基本台帳）' },
  { category: 'ENROLLED_COMPULSORY', label: '義務教育諸学校' },
  { category: 'ENROLLED_FOREIGN_SCHOOL', label: '外国人学校等' },
  { category: 'NOT_ENROLLED', label: '不就学' },
  { category: 'MOVED_OR_LEFT', label: '出国・転居（予定含む）' },
  { category: 'UNCONFIRMED', label: '就学状況確認できず' },
  { category: 'NOT_TRACKED', label: '住民基本台帳の人数との差' },
  { category: 'POSSIBLY_NOT_ENROLLED', label: '不就学の可能性があると考えられる子供（不就学＋確認できず＋差）' },
];
const POSSIBLY_NOT_ENROLLED: readonly SchoolingStatus[] = ['NOT_ENROLLED', 'UNCONFIRMED', 'NOT_TRACKED'];

interface ChildRow {
  id: string;
  family_name: string;
  given_name: string | null;
  middle_name: string | null;
  common_name: string | null;
  kana_name: string | null;
  kanji_name: string | null;
  birth_date: string;
  nationality: string;
  registry_category: string;
  moved_in_on: string | null;
  status: SchoolingStatus;
  school_name: string | null;
  japanese_instruction_needed: boolean | null;
  absent_days: number;
}

/**
 * The board's roster of foreign children of compulsory-school age (学齢簿に準ずるもの), computed from
 * the register with the April-1 rule for any date, each with the MEXT category of that day; and the
 * MEXT survey's table from the same rule, so that the categories add up to the total by construction.
 */
@Injectable()
export class SchoolAgeChildrenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  today(): IsoDate {
    return officeDate(this.clock.now(), this.config.get('TZ_OFFICE'));
  }

  async page(ctx: RequestContext, query: SchoolAgeChildrenQueryDto): Promise<SchoolAgeChildrenPage> {
    assertSchoolingDuty(ctx);
    const on = query.on ?? this.today();
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<{ b: string; id: string }>(query.cursor, ['b', 'id']);
    const params = new SqlParams();
    const where = this.filters(on, query, params);
    if (cursor)
      where.push(
        `(x.birth_date::date, x.id) > (${params.add(cursor.b, '::date')}, ${params.add(cursor.id, '::uuid')})`,
      );
    const rows: ChildRow[] = await this.dataSource.query(
      `${this.childrenSql(ctx.principal!.municipalityCodes, on, params, false)}
       SELECT * FROM children x WHERE ${where.length ? where.join(' AND ') : 'true'}
        ORDER BY x.birth_date::date, x.id LIMIT ${params.add(limit + 1, '::int')}`,
      params.values,
    );
    const items = rows.slice(0, limit);
    await this.audit.recordMany(
      ctx,
      items.map((row) => ({
        action: 'schooling.roster.read',
        entity: 'resident',
        entityId: row.id,
        residentId: row.id,
        diff: { on },
      })),
    );
    const last = items[items.length - 1];
    return {
      on,
      items: items.map((row) => this.childOf(row, on)),
      nextCursor: rows.length > limit && last ? encodeCursor({ b: last.birth_date, id: last.id }) : null,
    };
  }

  /** The MEXT survey table for the reference date (1 May of the school year by default). */
  async survey(ctx: RequestContext, on?: IsoDate, municipalityCode?: string): Promise<MextSurveyResponse> {
    const principal = ctx.principal!;
    if (!principal.roles.includes('REPORT_VIEWER')) assertSchoolingDuty(ctx, 'Survey');
    const date = on ?? this.defaultSurveyDate();
    const municipality = municipalityCode ?? principal.municipalityCodes[0];
    const byStatus = await this.counts(municipality, date);
    const cell = (statuses: readonly SchoolingStatus[]) => {
      const elementary = statuses.reduce((sum, s) => sum + (byStatus.get(s)?.elementary ?? 0), 0);
      const lowerSecondary = statuses.reduce((sum, s) => sum + (byStatus.get(s)?.lowerSecondary ?? 0), 0);
      return { elementary, lowerSecondary, total: elementary + lowerSecondary };
    };
    const rows: MextSurveyRow[] = SURVEY_ROWS.map(({ category, label }) => ({
      category,
      label,
      ...cell(
        category === 'TOTAL'
          ? SCHOOLING_STATUSES
          : category === 'POSSIBLY_NOT_ENROLLED'
            ? POSSIBLY_NOT_ENROLLED
            : [category as SchoolingStatus],
      ),
    }));
    await this.audit.record(ctx, {
      action: 'schooling.mext-survey.read',
      entity: 'report',
      entityId: null,
      diff: { on: date, municipalityCode: municipality },
    });
    return { municipalityCode: municipality, on: date, rows };
  }

  /**
   * The register's school-age children of a municipality on a day, counted per MEXT category and
   * stage (system use, unaudited: counts only). The survey and the nightly report read this.
   */
  async counts(
    municipalityCode: string,
    on: IsoDate,
  ): Promise<Map<SchoolingStatus, { elementary: number; lowerSecondary: number }>> {
    const params = new SqlParams();
    // Only what the counts need: the category and the birth date (no names, no absences).
    const conditions = schoolAgeChildrenSql([municipalityCode], on, params, { registeredOnly: true });
    const split = params.add(`${schoolYearOf(on) - 12}-04-01`, '::date');
    const rows: Array<{ status: SchoolingStatus; elementary: number; lower_secondary: number }> =
      await this.dataSource.query(
        `SELECT status, count(*) FILTER (WHERE birth_date > ${split})::int AS elementary,
                count(*) FILTER (WHERE birth_date <= ${split})::int AS lower_secondary
           FROM (SELECT ${effectiveStatusSql(params)} AS status, r.birth_date
                   FROM resident_register r ${schoolingJoinsSql(on, params)}
                  WHERE ${conditions.join(' AND ')}) x
          GROUP BY status`,
        params.values,
      );
    return new Map(
      rows.map((row) => [row.status, { elementary: row.elementary, lowerSecondary: row.lower_secondary }]),
    );
  }

  async *surveyCsv(survey: MextSurveyResponse): AsyncGenerator<string> {
    yield csvLine(['category', 'label', 'elementary', 'lower_secondary', 'total']);
    for (const row of survey.rows)
      yield csvLine([row.category, row.label, row.elementary, row.lowerSecondary, row.total]);
  }

  async surveyXlsx(survey: MextSurveyResponse): Promise<Buffer> {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Kyosei';
    const sheet = workbook.addWorksheet(`MEXT ${survey.on}`);
    sheet.addRow([`外国人の子供の就学状況等調査 — ${survey.municipalityCode} — ${survey.on}`]);
    sheet.addRow(['区分', 'category', '小学校相当', '中学校相当', '計']);
    for (const row of survey.rows)
      sheet.addRow([row.label, row.category, row.elementary, row.lowerSecondary, row.total]);
    sheet.getRow(2).font = { bold: true };
    sheet.columns.forEach((column, index) => (column.width = index === 0 ? 60 : 22));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /** 1 May of the school year, or of the previous one before 1 May. */
  private defaultSurveyDate(): IsoDate {
    const today = this.today();
    const year = schoolYearOf(today);
    const may = `${year}-05-01`;
    return today >= may ? may : `${year - 1}-05-01`;
  }

  /** `WITH children AS (…)`: the children of the day with their category, school and absences. */
  private childrenSql(
    municipalityCodes: readonly string[],
    on: IsoDate,
    params: SqlParams,
    registeredOnly: boolean,
  ): string {
    const conditions = schoolAgeChildrenSql(municipalityCodes, on, params, { registeredOnly });
    return `WITH children AS (
              SELECT r.id, r.family_name, r.given_name, r.middle_name, r.common_name, r.kana_name, r.kanji_name,
                     r.birth_date::text AS birth_date,
                     r.nationality, r.registry_category, r.moved_in_on::text AS moved_in_on,
                     ${effectiveStatusSql(params)} AS status, enr.school_name, enr.japanese_instruction_needed,
                     ${absentDaysSql(on, params)} AS absent_days
                FROM resident_register r ${schoolingJoinsSql(on, params)}
               WHERE ${conditions.join(' AND ')})`;
  }

  private filters(on: IsoDate, query: SchoolAgeChildrenQueryDto, params: SqlParams): string[] {
    const where: string[] = [];
    const split = `${schoolYearOf(on) - 12}-04-01`;
    if (query.stage === 'ELEMENTARY') where.push(`x.birth_date::date > ${params.add(split, '::date')}`);
    if (query.stage === 'LOWER_SECONDARY') where.push(`x.birth_date::date <= ${params.add(split, '::date')}`);
    if (query.status) where.push(`x.status = ${params.add(query.status)}`);
    if (query.longAbsence === 'true') where.push(`x.absent_days >= ${LONG_ABSENCE_DAYS}`);
    if (query.longAbsence === 'false') where.push(`x.absent_days < ${LONG_ABSENCE_DAYS}`);
    return where;
  }

  private childOf(row: ChildRow, on: IsoDate): SchoolAgeChildResponse {
    const age = schoolAge(row.birth_date, on);
    return {
      residentId: row.id,
      familyName: row.family_name,
      givenName: row.given_name,
      middleName: row.middle_name,
      kanaName: row.kana_name,
      kanjiName: row.kanji_name,
      commonName: row.common_name,
      birthDate: row.birth_date,
      nationality: row.nationality,
      registryCategory: row.registry_category,
      movedInOn: row.moved_in_on,
      stage: age.stage as 'ELEMENTARY' | 'LOWER_SECONDARY',
      grade: age.grade!,
      status: row.status,
      schoolName: row.school_name,
      japaneseInstructionNeeded: row.japanese_instruction_needed ?? false,
      absentDays: row.absent_days,
    };
  }
}
