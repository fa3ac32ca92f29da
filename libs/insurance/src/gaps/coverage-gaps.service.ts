import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  Clock,
  containsPattern,
  daysBetween,
  preparedQuery,
  decodeCursor,
  encodeCursor,
  officeDate,
  SqlParams,
  type RequestContext,
} from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource } from 'typeorm';
import { addDays, ageInYears } from '../obligations/dates.js';
import { obligationsOf, type Scheme } from '../obligations/index.js';
import { ResidentFactsService } from '../facts/resident-facts.service.js';
import { EMPLOYMENT_SCHEMES } from '../obligations.service.js';
import { EmploymentRecordsService } from '@app/employment';
import type {
  CoverageGapCountResponse,
  CoverageGapFilterDto,
  CoverageGapPageResponse,
  CoverageGapQueryDto,
  GapResidentResponse,
  RenewalCheckPageResponse,
  RenewalCheckQueryDto,
} from './coverage-gaps.dto.js';
import { REGISTRY_CATEGORIES } from '@app/residents/validation/resident-rules.js';
import { gapTable, type GapTable, type GapTerm } from './gap-table.js';
import { RecordedGaps } from './recorded-gaps.js';
import { onRegisterSql, residentObligationFacts, type RegisterFacts } from './register-facts.js';

/** Health insurance in any form: what immigration asks to see at a renewal. */
const HEALTH_SCHEMES: Scheme[] = ['NHI', 'EHI', 'LATE_ELDERLY'];

const REGISTER_COLUMNS = `r.id, r.family_name, r.given_name, r.middle_name, r.kana_name, r.kanji_name,
  r.birth_date::text AS birth_date, r.nationality, r.registry_category, r.status_code,
  r.stay_expiry_date::text AS stay_expiry_date, r.moved_out_on::text AS moved_out_on, r.address`;

interface RegisterRow {
  id: string;
  family_name: string;
  given_name: string | null;
  middle_name: string | null;
  kana_name: string | null;
  kanji_name: string | null;
  birth_date: string;
  nationality: string;
  registry_category: string;
  status_code: string | null;
  stay_expiry_date: string | null;
  moved_out_on: string | null;
  address: string | null;
}

/** Coverage of `schemes` on record on the date, for the resident `r`. */
function coveredSql(schemes: readonly Scheme[], params: SqlParams, date: string): string {
  return `EXISTS (SELECT 1 FROM coverage_period c WHERE c.resident_id = r.id
            AND c.scheme = ANY (${params.add(schemes)}::text[])
            AND c.start_date <= ${date} AND (c.end_date IS NULL OR c.end_date >= ${date}))`;
}

/**
 * The decision table's terms as a WHERE clause. A fact that all terms share is lifted out, so that
 * "no employees' health insurance" stays a top-level NOT EXISTS the planner runs as an anti-join.
 */
function gapSql(
  scheme: Scheme,
  terms: readonly GapTerm[],
  statusCount: number,
  params: SqlParams,
  date: string,
): string {
  const shared: string[] = [];
  // Never a gap while the scheme itself is on record; with "no EHI either" it is one anti-join.
  const uncovered: Scheme[] = [scheme];
  const ehiValues = new Set(terms.map((term) => JSON.stringify(term.ehiCovered)));
  const sharedEhi = ehiValues.size === 1 ? terms[0].ehiCovered : null;
  if (sharedEhi?.length === 1) {
    if (sharedEhi[0]) shared.push(coveredSql(['EHI'], params, date));
    else if (scheme !== 'EHI') uncovered.push('EHI');
  }
  shared.unshift(`NOT ${coveredSql(uncovered, params, date)}`);
  const sharedRegister = new Set(terms.map((term) => term.onRegister)).size === 1 ? terms[0].onRegister : null;
  if (sharedRegister !== null) shared.push(sharedRegister ? onRegisterSql(date) : `NOT ${onRegisterSql(date)}`);

  const alternatives = terms.map((term) => {
    const parts: string[] = [];
    if (term.registryCategories.length < REGISTRY_CATEGORIES.length) {
      parts.push(`r.registry_category = ANY (${params.add(term.registryCategories)}::text[])`);
    }
    const codes = term.statusCodes.filter((code): code is string => code !== null);
    const withoutStatus = term.statusCodes.includes(null);
    if (!(withoutStatus && codes.length === statusCount)) {
      const held = codes.length ? `r.status_code = ANY (${params.add(codes)}::text[])` : 'false';
      parts.push(withoutStatus ? `(r.status_code IS NULL OR ${held})` : held);
    }
    if (sharedRegister === null) parts.push(term.onRegister ? onRegisterSql(date) : `NOT ${onRegisterSql(date)}`);
    if (sharedEhi === null && term.ehiCovered.length === 1) {
      const ehi = coveredSql(['EHI'], params, date);
      parts.push(term.ehiCovered[0] ? ehi : `NOT ${ehi}`);
    }
    const births = term.births
      .filter((range) => range.after !== null || range.until !== null)
      .map((range) =>
        [
          range.after === null ? null : `r.birth_date > ${params.add(range.after, '::date')}`,
          range.until === null ? null : `r.birth_date <= ${params.add(range.until, '::date')}`,
        ]
          .filter(Boolean)
          .join(' AND '),
      );
    if (births.length === term.births.length && births.length > 0) parts.push(`(${births.join(' OR ')})`);
    return parts.length ? `(${parts.join(' AND ')})` : 'true';
  });
  return [...shared, `(${alternatives.join(' OR ')})`].join(' AND ');
}

/** The caller's municipalities; one code is compared with `=` so that name order comes from the index. */
function municipalitySql(codes: readonly string[], params: SqlParams): string {
  return codes.length === 1
    ? `r.municipality_code = ${params.add(codes[0], '::char(6)')}`
    : `r.municipality_code = ANY (${params.add(codes, '::char(6)[]')})`;
}

/**
 * The gap list over the register view `r` in two parts: residents with no recorded facts, decided
 * by the decision table in SQL, and residents with recorded facts, decided one by one by the engine
 * (`recordedGapIds`). Shared by the page, the count and the benchmark (which runs it beside
 * hand-written SQL). Callers may push more conditions (a cursor) on `common`.
 */
export interface GapQuery {
  params: SqlParams;
  /** Conditions both parts share: municipality and filters. */
  common: string[];
  /** The decision table's conditions for residents without recorded facts. */
  ruled: string[];
  /** The condition for residents with recorded facts. */
  recorded: string;
}

export function gapQuery(
  municipalityCodes: readonly string[],
  query: CoverageGapFilterDto,
  on: string,
  table: GapTable,
  statusCount: number,
  recordedGapIds: readonly string[],
): GapQuery {
  const params = new SqlParams();
  // Added on first use: a parameter no condition mentions has no type PostgreSQL could infer.
  let datePlaceholder: string | undefined;
  const date = () => (datePlaceholder ??= params.add(on, '::date'));
  const common = [municipalitySql(municipalityCodes, params)];
  if (query.nationality) common.push(`r.nationality = ${params.add(query.nationality)}`);
  if (query.statusCode) common.push(`r.status_code = ${params.add(query.statusCode)}`);
  if (query.ageFrom !== undefined) {
    common.push(`r.birth_date <= (${date()} - make_interval(years => ${params.add(query.ageFrom, '::int')}))::date`);
  }
  if (query.ageTo !== undefined) {
    common.push(`r.birth_date > (${date()} - make_interval(years => ${params.add(query.ageTo + 1, '::int')}))::date`);
  }
  if (query.district) common.push(`r.address LIKE ${params.add(containsPattern(query.district))}`);
  const terms = table[query.scheme];
  const ruled =
    terms.length === 0
      ? ['false'] // no one can have a gap (e.g. the employees' schemes while employment is unknown)
      : [
          gapSql(query.scheme, terms, statusCount, params, date()),
          'NOT EXISTS (SELECT 1 FROM resident_insurance_facts f WHERE f.resident_id = r.id)',
          // Employed residents are decided with their employment's facts (the employment domain's view).
          `NOT EXISTS (SELECT 1 FROM employment_on_record e WHERE e.resident_id = r.id AND e.hired_on <= ${date()}
                         AND (e.separated_on IS NULL OR e.separated_on >= ${date()}))`,
        ];
  return { params, common, ruled, recorded: `r.id = ANY (${params.add(recordedGapIds, '::uuid[]')})` };
}

/** One page in name order: each part walks the name index and stops early; the union merges them. */
export function gapPageSql(query: GapQuery, columns: string, limit: number): string {
  const limitParam = query.params.add(limit, '::int');
  const part = (conditions: string[]) =>
    `(SELECT ${columns} FROM resident_register r WHERE ${[...query.common, ...conditions].join(' AND ')}
       ORDER BY r.family_name, r.id LIMIT ${limitParam})`;
  return `SELECT * FROM (${part(query.ruled)} UNION ALL ${part([query.recorded])}) page
           ORDER BY family_name, id LIMIT ${limitParam}`;
}

export function gapCountSql(query: GapQuery): string {
  const part = (conditions: string[]) =>
    `(SELECT count(*) FROM resident_register r WHERE ${[...query.common, ...conditions].join(' AND ')})`;
  return `SELECT (${part(query.ruled)} + ${part([query.recorded])})::int AS count`;
}

function registerFactsOf(row: RegisterRow): RegisterFacts {
  return {
    birthDate: row.birth_date,
    registryCategory: row.registry_category,
    statusCode: row.status_code,
    movedOutOn: row.moved_out_on,
  };
}

function residentOf(row: RegisterRow, onDate: string): GapResidentResponse {
  return {
    residentId: row.id,
    familyName: row.family_name,
    givenName: row.given_name,
    middleName: row.middle_name,
    kanaName: row.kana_name,
    kanjiName: row.kanji_name,
    birthDate: row.birth_date,
    age: ageInYears(row.birth_date, onDate),
    nationality: row.nationality,
    registryCategory: row.registry_category,
    statusCode: row.status_code,
    stayExpiryDate: row.stay_expiry_date,
    address: row.address,
  };
}

/**
 * Residents of the caller's municipality who lack a coverage the law requires on a date, and those
 * whose period of stay ends soon with no health insurance on record (the renewal check).
 */
@Injectable()
export class CoverageGapsService {
  /** Decision tables by date and status list; a handful of dates are asked about at a time. */
  private readonly tables = new Map<string, GapTable>();

  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
    private readonly facts: ResidentFactsService,
    private readonly recorded: RecordedGaps,
    private readonly employment: EmploymentRecordsService,
  ) {}

  /**
   * Builds today's decision table and recorded-facts answer, so that the first list of the day
   * does not wait for them (nor for the engine's first, unoptimised runs). The API calls it once
   * it listens; a failure only means the first request builds them instead.
   */
  async warmUp(): Promise<void> {
    const today = officeDate(this.clock.now());
    try {
      this.tableFor(today, await this.directory.statusCodes());
      await this.recorded.warm(today);
    } catch {
      // nothing lost: built on demand
    }
  }

  async page(ctx: RequestContext, query: CoverageGapQueryDto): Promise<CoverageGapPageResponse> {
    const on = query.on ?? officeDate(this.clock.now());
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<{ k: string; id: string }>(query.cursor, ['k', 'id']);
    const gaps = await this.gapQuery(ctx, query, on);
    if (cursor) {
      gaps.common.push(
        `(r.family_name, r.id) > (${gaps.params.add(cursor.k)}, ${gaps.params.add(cursor.id, '::uuid')})`,
      );
    }
    // Prepared: a page runs in under a millisecond, and planning the decision table's terms took as long.
    const rows = await preparedQuery<RegisterRow>(
      this.dataSource,
      gapPageSql(gaps, REGISTER_COLUMNS, limit + 1),
      gaps.params.values,
    );
    const pageRows = rows.slice(0, limit);
    const ids = pageRows.map((row) => row.id);
    const [covered, recorded, employed] = await Promise.all([
      this.coveredSchemes(ids, on),
      this.facts.factsOfMany(ids),
      this.employment.employedOn({ residentIds: ids }, on),
    ]);
    const items = pageRows.map((row) => {
      const schemes = covered.get(row.id) ?? new Set<Scheme>();
      const employment = employed.get(row.id);
      const known = { ...employment?.facts, ...recorded.get(row.id) };
      const facts = residentObligationFacts(registerFactsOf(row), on, schemes, known);
      const result = obligationsOf(facts, schemes).find((candidate) => candidate.scheme === query.scheme)!;
      return {
        ...residentOf(row, on),
        scheme: query.scheme,
        reasonCode: result.reasonCode,
        reasonText: result.reasonText,
        ruleId: result.ruleId,
        effectiveFrom: result.effectiveFrom,
        employmentRecordId:
          employment && EMPLOYMENT_SCHEMES.includes(query.scheme) ? employment.employmentRecordId : null,
      };
    });
    await this.audit.record(ctx, {
      action: 'coverage-gaps.read',
      entity: 'resident',
      diff: { scheme: query.scheme, on, filters: filtersOf(query), returned: items.map((item) => item.residentId) },
    });
    const last = pageRows[pageRows.length - 1];
    return {
      on,
      items,
      nextCursor: rows.length > limit && last ? encodeCursor({ k: last.family_name, id: last.id }) : null,
    };
  }

  async count(ctx: RequestContext, query: CoverageGapFilterDto): Promise<CoverageGapCountResponse> {
    const on = query.on ?? officeDate(this.clock.now());
    const gaps = await this.gapQuery(ctx, query, on);
    const [row]: Array<{ count: number }> = await this.dataSource.query(gapCountSql(gaps), gaps.params.values);
    return { on, scheme: query.scheme, count: row.count };
  }

  /** Residents on the register whose period of stay ends within the window and who have no health insurance on record today. */
  async renewalChecks(ctx: RequestContext, query: RenewalCheckQueryDto): Promise<RenewalCheckPageResponse> {
    const today = officeDate(this.clock.now());
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<{ k: string; id: string }>(query.cursor, ['k', 'id']);
    const params = new SqlParams();
    const date = params.add(today, '::date');
    const where = [
      municipalitySql(ctx.principal?.municipalityCodes ?? [], params),
      `r.stay_expiry_date BETWEEN ${date} AND ${params.add(addDays(today, query.expiresWithinDays ?? 90), '::date')}`,
      onRegisterSql(date),
      `NOT ${coveredSql(HEALTH_SCHEMES, params, date)}`,
    ];
    if (cursor) {
      where.push(
        `(r.stay_expiry_date, r.id) > (${params.add(cursor.k, '::date')}, ${params.add(cursor.id, '::uuid')})`,
      );
    }
    const rows: RegisterRow[] = await this.dataSource.query(
      `SELECT ${REGISTER_COLUMNS} FROM resident_register r WHERE ${where.join(' AND ')}
        ORDER BY r.stay_expiry_date, r.id LIMIT ${params.add(limit + 1, '::int')}`,
      params.values,
    );
    const pageRows = rows.slice(0, limit);
    const items = pageRows.map((row) => {
      const expiry = row.stay_expiry_date!;
      const daysLeft = daysBetween(today, expiry);
      return {
        ...residentOf(row, today),
        daysLeft,
        reasonCode: 'STATUS_EXPIRING_NO_HEALTH_INSURANCE',
        reasonText: {
          ja: `在留期間が${expiry}（あと${daysLeft}日）で満了しますが、健康保険の加入記録がありません。在留期間更新の申請では保険証の提示を求められます。`,
          en: `The period of stay ends on ${expiry} (in ${daysLeft} days) and no health insurance is on record; the renewal application asks to see the insurance card.`,
        },
      };
    });
    await this.audit.record(ctx, {
      action: 'renewal-checks.read',
      entity: 'resident',
      diff: { expiresWithinDays: query.expiresWithinDays ?? 90, returned: items.map((item) => item.residentId) },
    });
    const last = pageRows[pageRows.length - 1];
    return {
      today,
      items,
      nextCursor: rows.length > limit && last ? encodeCursor({ k: last.stay_expiry_date!, id: last.id }) : null,
    };
  }

  /**
   * For the nightly alert sweep: per scheme, the residents of a municipality with a gap on a day,
   * decided as the gap list decides them (residents with recorded facts evaluated afresh).
   */
  async gapResidentIds(
    municipalityCode: string,
    schemes: readonly Scheme[],
    on: string,
  ): Promise<Map<Scheme, string[]>> {
    const statusCodes = await this.directory.statusCodes();
    this.recorded.forgetMunicipality(municipalityCode);
    const answer = new Map<Scheme, string[]>();
    for (const scheme of schemes) {
      const query = gapQuery(
        [municipalityCode],
        { scheme } as CoverageGapFilterDto,
        on,
        this.tableFor(on, statusCodes),
        statusCodes.length,
        await this.recorded.of([municipalityCode], scheme, on),
      );
      const part = (conditions: string[]) =>
        `SELECT r.id FROM resident_register r WHERE ${[...query.common, ...conditions].join(' AND ')}`;
      const rows: Array<{ id: string }> = await this.dataSource.query(
        `${part(query.ruled)} UNION ${part([query.recorded])}`,
        query.params.values,
      );
      answer.set(
        scheme,
        rows.map((row) => row.id),
      );
    }
    return answer;
  }

  /**
   * For alerts: residents on the register whose period of stay ends within `withinDays` with no
   * health insurance on record (the renewal check), among `residentIds` when given.
   */
  async expiringWithoutHealthCoverage(
    municipalityCode: string,
    on: string,
    withinDays: number,
    residentIds: readonly string[] | null,
  ): Promise<Array<{ residentId: string; stayExpiryDate: string }>> {
    const params = new SqlParams();
    const date = params.add(on, '::date');
    const where = [
      municipalitySql([municipalityCode], params),
      `r.stay_expiry_date BETWEEN ${date} AND ${params.add(addDays(on, withinDays), '::date')}`,
      onRegisterSql(date),
      `NOT ${coveredSql(HEALTH_SCHEMES, params, date)}`,
    ];
    if (residentIds) where.push(`r.id = ANY (${params.add(residentIds, '::uuid[]')})`);
    const rows: Array<{ id: string; stay_expiry_date: string }> = await this.dataSource.query(
      `SELECT r.id, r.stay_expiry_date::text AS stay_expiry_date FROM resident_register r WHERE ${where.join(' AND ')}`,
      params.values,
    );
    return rows.map((row) => ({ residentId: row.id, stayExpiryDate: row.stay_expiry_date }));
  }

  /**
   * For alerts: newcomers on the register who moved in between `fromDays` and `toDays` days ago and
   * have no coverage period of any scheme on record (the 14-day enrolment rule), among `residentIds`.
   */
  async newcomersWithoutEnrolment(
    municipalityCode: string,
    on: string,
    fromDays: number,
    toDays: number,
    residentIds: readonly string[] | null,
  ): Promise<Array<{ residentId: string; movedInOn: string }>> {
    const params = new SqlParams();
    const date = params.add(on, '::date');
    const where = [
      municipalitySql([municipalityCode], params),
      `r.moved_in_on BETWEEN ${params.add(addDays(on, -toDays), '::date')} AND ${params.add(addDays(on, -fromDays), '::date')}`,
      onRegisterSql(date),
      'NOT EXISTS (SELECT 1 FROM coverage_period c WHERE c.resident_id = r.id)',
    ];
    if (residentIds) where.push(`r.id = ANY (${params.add(residentIds, '::uuid[]')})`);
    const rows: Array<{ id: string; moved_in_on: string }> = await this.dataSource.query(
      `SELECT r.id, r.moved_in_on::text AS moved_in_on FROM resident_register r WHERE ${where.join(' AND ')}`,
      params.values,
    );
    return rows.map((row) => ({ residentId: row.id, movedInOn: row.moved_in_on }));
  }

  /** The query shared by the page and the count: the decision table for the date, and the recorded-facts residents. */
  private async gapQuery(ctx: RequestContext, query: CoverageGapFilterDto, on: string): Promise<GapQuery> {
    const codes = ctx.principal?.municipalityCodes ?? [];
    const statusCodes = await this.directory.statusCodes();
    const table = this.tableFor(on, statusCodes);
    return gapQuery(codes, query, on, table, statusCodes.length, await this.recorded.of(codes, query.scheme, on));
  }

  private tableFor(on: string, statusCodes: string[]): GapTable {
    const key = `${on}|${statusCodes.join(',')}`;
    let table = this.tables.get(key);
    if (!table) {
      table = gapTable(on, statusCodes);
      if (this.tables.size >= 16) this.tables.delete(this.tables.keys().next().value!);
      this.tables.set(key, table);
    }
    return table;
  }

  private async coveredSchemes(residentIds: string[], on: string): Promise<Map<string, Set<Scheme>>> {
    if (residentIds.length === 0) return new Map();
    const rows: Array<{ resident_id: string; schemes: Scheme[] }> = await this.dataSource.query(
      `SELECT resident_id, array_agg(DISTINCT scheme) AS schemes FROM coverage_period
        WHERE resident_id = ANY ($1::uuid[]) AND start_date <= $2::date AND (end_date IS NULL OR end_date >= $2::date)
        GROUP BY resident_id`,
      [residentIds, on],
    );
    return new Map(rows.map((row) => [row.resident_id, new Set(row.schemes)]));
  }
}

function filtersOf(query: CoverageGapFilterDto): Record<string, unknown> {
  const { nationality, statusCode, ageFrom, ageTo, district } = query;
  return Object.fromEntries(
    Object.entries({ nationality, statusCode, ageFrom, ageTo, district }).filter(([, value]) => value !== undefined),
  );
}
