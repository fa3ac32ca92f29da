import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { MatchRunsService, type MatchRunResponse } from '@app/matching';
import {
  Clock,
  csvLine,
  decodeCursor,
  DomainEvents,
  officeDate,
  ProblemException,
  systemContext,
  toPage,
  type DomainEventPayloads,
  type Page,
  type RequestContext,
} from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource, type EntityManager } from 'typeorm';
import type { EmployerReportImportResponse, EmployerReportLineQueryDto, EmployerReportResponse } from './report.dto.js';
import { NOT_REPORTED_STATUSES, readReportLines, ReportFileError, type ReportLine } from './report-lines.js';

interface ImportRow {
  id: string;
  org_id: string | null;
  municipality_code: string;
  match_run_id: string;
  file_name: string;
  received_on: string;
  created_by_user_id: string | null;
  total_lines: number;
  applied_lines: number;
  rejected_lines: number;
  invalid_lines: number;
  late_lines: number;
  last_applied_at: Date | null;
  created_at: Date;
}

const LATE_COLUMNS = [
  'line',
  'source_ref',
  'report_type',
  'event_date',
  'ei_insured',
  'deadline',
  'received_on',
  'days_late',
  'employer_name',
  'corporate_number',
];

const IMPORT_COLUMNS = `id, org_id, municipality_code, match_run_id, file_name, received_on::text AS received_on,
  created_by_user_id, total_lines, applied_lines, rejected_lines, invalid_lines, late_lines, last_applied_at, created_at`;

/**
 * Employers' reports of hiring and separating foreign workers, loaded through a match run. Each
 * line carries its legal deadline and days late from the start; once its row is matched (at once
 * or by a reviewer) a hire becomes an employment record and a separation ends the open one with
 * that employer. Applying is idempotent (a line becomes a record once) and can be run again.
 */
@Injectable()
export class EmployerReportsService {
  private readonly logger = new Logger(EmployerReportsService.name);

  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: MatchRunsService,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async start(
    ctx: RequestContext,
    input: { municipalityCode: string; fileName: string; filePath: string; receivedOn?: string },
  ): Promise<EmployerReportImportResponse> {
    const receivedOn = input.receivedOn ?? officeDate(this.clock.now());
    let lines: ReportLine[];
    try {
      lines = await readReportLines(input.filePath, receivedOn);
    } catch (error) {
      if (error instanceof ReportFileError) {
        throw ProblemException.validation([{ field: error.field, reason: error.reason }]);
      }
      throw error;
    }
    const run = await this.runs.start(ctx, {
      municipalityCode: input.municipalityCode,
      source: 'EMPLOYER_REPORT',
      fileName: input.fileName,
      filePath: input.filePath,
    });
    const id = await this.dataSource.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO employer_report_import (org_id, municipality_code, match_run_id, file_name, received_on,
                                             created_by_user_id, total_lines, invalid_lines, rejected_lines, late_lines)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          ctx.principal?.orgId ?? null,
          input.municipalityCode,
          run.id,
          input.fileName,
          receivedOn,
          ctx.principal?.userId ?? null,
          lines.length,
          lines.filter((line) => line.outcome === 'INVALID').length,
          lines.filter((line) => line.outcome === 'REJECTED').length,
          lines.filter((line) => line.outcome !== 'INVALID' && (line.daysLate ?? 0) > 0).length,
        ],
      );
      await insertLines(tx, id, lines);
      await this.audit.record(
        ctx,
        {
          action: 'employer_report_import.start',
          entity: 'employer_report_import',
          entityId: id,
          diff: { matchRunId: run.id, lines: lines.length },
        },
        tx,
      );
      return id as string;
    });
    // A small file may have been matched before the import row existed: its event found nothing.
    if ((await this.runs.get(run.id)).status === 'DONE') await this.apply(systemContext(`employer-report-${id}`), id);
    return this.get(ctx, id);
  }

  async get(ctx: RequestContext, id: string): Promise<EmployerReportImportResponse> {
    const row = await this.visibleImport(ctx, id);
    return viewOf(row, await this.runs.get(row.match_run_id));
  }

  async list(ctx: RequestContext): Promise<EmployerReportImportResponse[]> {
    const rows: ImportRow[] = await this.dataSource.query(
      `SELECT ${IMPORT_COLUMNS} FROM employer_report_import WHERE municipality_code = ANY ($1::char(6)[])
        ORDER BY created_at DESC LIMIT 50`,
      [ctx.principal?.municipalityCodes ?? []],
    );
    const runs = await this.runs.getMany(rows.map((row) => row.match_run_id));
    return rows.map((row) => viewOf(row, runs.get(row.match_run_id)!));
  }

  /** The reports of an import, e.g. only the late ones or the rejected ones. */
  async reports(
    ctx: RequestContext,
    id: string,
    query: EmployerReportLineQueryDto,
  ): Promise<Page<EmployerReportResponse>> {
    await this.visibleImport(ctx, id);
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<{ seq: string }>(query.cursor, ['seq']);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT seq, line, source_ref, report_type, event_date::text AS event_date, received_on::text AS received_on,
              ei_insured, deadline::text AS deadline, days_late, status_code, employer->>'name' AS employer_name,
              outcome, error_field, error_reason, resident_id, employment_record_id
         FROM employer_report
        WHERE import_id = $1 AND ($2::text IS NULL OR outcome = $2) AND (NOT $3::boolean OR days_late > 0) AND seq > $4
        ORDER BY seq LIMIT $5`,
      [id, query.outcome ?? null, query.late === true, cursor ? Number(cursor.seq) : -1, limit + 1],
    );
    const page = toPage(rows, limit, (row) => ({ seq: String(row.seq) }));
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((row) => ({
        seq: row.seq as number,
        line: row.line as number,
        sourceRef: row.source_ref as string,
        reportType: row.report_type as string | null,
        eventDate: row.event_date as string | null,
        receivedOn: row.received_on as string | null,
        eiInsured: row.ei_insured as boolean | null,
        deadline: row.deadline as string | null,
        daysLate: row.days_late as number | null,
        statusCode: row.status_code as string | null,
        employerName: row.employer_name as string | null,
        outcome: row.outcome as string,
        errorField: row.error_field as string | null,
        errorReason: row.error_reason as string | null,
        residentId: row.resident_id as string | null,
        employmentRecordId: row.employment_record_id as string | null,
      })),
    };
  }

  /**
   * The late reports as CSV, to follow up with the employers: what was reported, when it was due
   * and when it came. No names: the employer's reference and the dates identify the report.
   */
  async lateCsv(ctx: RequestContext, id: string): Promise<AsyncGenerator<string>> {
    await this.visibleImport(ctx, id);
    await this.audit.record(ctx, {
      action: 'employer_report.export_late',
      entity: 'employer_report_import',
      entityId: id,
    });
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT line, source_ref, report_type, event_date::text AS event_date, ei_insured, deadline::text AS deadline,
              received_on::text AS received_on, days_late, employer->>'name' AS employer_name,
              employer->>'corporateNumber' AS corporate_number
         FROM employer_report WHERE import_id = $1 AND days_late > 0 AND outcome <> 'INVALID' ORDER BY seq`,
      [id],
    );
    return (async function* () {
      yield csvLine(LATE_COLUMNS);
      for (const row of rows) yield csvLine(LATE_COLUMNS.map((column) => row[column]));
    })();
  }

  async applyAgain(ctx: RequestContext, id: string): Promise<EmployerReportImportResponse> {
    await this.visibleImport(ctx, id);
    await this.apply(ctx, id);
    return this.get(ctx, id);
  }

  @OnEvent('match-run.completed', { promisify: true })
  async onMatchRunCompleted(event: DomainEventPayloads['match-run.completed']): Promise<void> {
    const id = await this.importOfRun(event.matchRunId);
    if (id) await this.apply(systemContext(`employer-report-${id}`), id);
  }

  @OnEvent('match-review.accepted', { promisify: true })
  async onReviewAccepted(event: DomainEventPayloads['match-review.accepted']): Promise<void> {
    const id = await this.importOfRun(event.matchRunId);
    if (id) await this.apply(systemContext(`employer-report-${id}`), id, [event.seq], event.reviewerUserId);
  }

  private async importOfRun(matchRunId: string): Promise<string | null> {
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM employer_report_import WHERE match_run_id = $1`,
      [matchRunId],
    );
    return row?.id ?? null;
  }

  /**
   * Matched, pending reports (all, or the `seqs` given) become employment records in a few
   * statements: people the law excludes are refused, hires insert a record (employers are created
   * or refreshed on the way), separations end the open record with that employer. The import row
   * is locked first, so two appliers take turns.
   */
  private async apply(ctx: RequestContext, id: string, seqs?: number[], actorUserId?: string | null): Promise<void> {
    const [importRow]: ImportRow[] = await this.dataSource.query(
      `SELECT ${IMPORT_COLUMNS} FROM employer_report_import WHERE id = $1`,
      [id],
    );
    const matched = (await this.runs.outcomes(importRow.match_run_id, seqs)).filter(
      (outcome) => outcome.decision === 'matched' && outcome.residentId,
    );
    if (matched.length === 0) return;
    const statuses = await this.directory.statusesOf([...new Set(matched.map((outcome) => outcome.residentId!))]);
    const excluded = matched.filter((outcome) => {
      const resident = statuses.get(outcome.residentId!);
      return (
        resident?.registryCategory === 'SPECIAL_PERMANENT' || NOT_REPORTED_STATUSES.includes(resident?.statusCode ?? '')
      );
    });
    const included = matched.filter((outcome) => !excluded.includes(outcome));
    const seqsOf = (list: typeof matched) => list.map((outcome) => outcome.seq);
    const residentsOf = (list: typeof matched) => list.map((outcome) => outcome.residentId);
    const changed = await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM employer_report_import WHERE id = $1 FOR UPDATE`, [id]);
      await tx.query(
        `UPDATE employer_report l SET outcome = 'REJECTED', resident_id = m.resident_id, error_field = 'resident',
                error_reason = 'the matched resident is a special permanent resident or holds Diplomat or Official, outside foreign-employment reporting'
           FROM unnest($2::int[], $3::uuid[]) AS m (seq, resident_id)
          WHERE l.import_id = $1 AND l.seq = m.seq AND l.outcome = 'PENDING'`,
        [id, seqsOf(excluded), residentsOf(excluded)],
      );
      const params = [id, seqsOf(included), residentsOf(included), importRow.municipality_code];
      // Employers named by the pending reports: created once, headcount and industry refreshed.
      await tx.query(
        `INSERT INTO employer (corporate_number, name, establishment_name, establishment_number, is_corporation,
                               insured_headcount, industry)
         SELECT DISTINCT ON (coalesce(e."corporateNumber", ''), e.name, coalesce(e."establishmentName", ''))
                e."corporateNumber", e.name, e."establishmentName", e."establishmentNumber", e."isCorporation",
                e."insuredHeadcount", e.industry
           FROM employer_report l
           JOIN unnest($2::int[]) AS m (seq) ON m.seq = l.seq
           CROSS JOIN LATERAL jsonb_to_record(l.employer) AS e ("corporateNumber" text, name text,
                 "establishmentName" text, "establishmentNumber" text, "isCorporation" boolean,
                 "insuredHeadcount" int, industry text)
          WHERE l.import_id = $1 AND l.outcome = 'PENDING'
          ORDER BY coalesce(e."corporateNumber", ''), e.name, coalesce(e."establishmentName", ''), l.seq DESC
         ON CONFLICT ((coalesce(corporate_number, '')), name, (coalesce(establishment_name, '')))
         DO UPDATE SET insured_headcount = coalesce(EXCLUDED.insured_headcount, employer.insured_headcount),
                       industry = coalesce(EXCLUDED.industry, employer.industry), updated_at = now()`,
        [id, seqsOf(included)],
      );
      const pending = `SELECT l.*, m.resident_id AS matched_resident, emp.id AS employer_id
           FROM employer_report l
           JOIN unnest($2::int[], $3::uuid[]) AS m (seq, resident_id) ON m.seq = l.seq
           JOIN employer emp ON coalesce(emp.corporate_number, '') = coalesce(l.employer->>'corporateNumber', '')
                            AND emp.name = l.employer->>'name'
                            AND coalesce(emp.establishment_name, '') = coalesce(l.employer->>'establishmentName', '')
          WHERE l.import_id = $1 AND l.outcome = 'PENDING'`;
      const [hired]: [Array<{ seq: number; resident_id: string; id: string }>] = await tx.query(
        `WITH hire AS (${pending} AND l.report_type = 'HIRE'),
         made AS (
           INSERT INTO employment_record (resident_id, municipality_code, employer_id, hired_on, weekly_contract_hours,
                                          monthly_scheduled_wage, occupation, ei_insured, dispatch, contract_end,
                                          source, source_import_id, source_seq)
           SELECT matched_resident, $4, employer_id, event_date, weekly_contract_hours, monthly_scheduled_wage,
                  occupation, ei_insured, coalesce(dispatch, false), contract_end, 'EMPLOYER_REPORT', import_id, seq
             FROM hire
           ON CONFLICT (source_import_id, source_seq) DO NOTHING
           RETURNING id, resident_id, source_seq)
         UPDATE employer_report l SET outcome = 'APPLIED', resident_id = made.resident_id, employment_record_id = made.id
           FROM made WHERE l.import_id = $1 AND l.seq = made.source_seq
         RETURNING l.seq, l.resident_id, made.id`,
        params,
      );
      const [ended]: [Array<{ seq: number; resident_id: string; id: string }>] = await tx.query(
        `WITH separation AS (${pending} AND l.report_type = 'SEPARATION'),
         closed AS (
           UPDATE employment_record er SET separated_on = s.event_date, version = er.version + 1, updated_at = now()
             FROM separation s
            WHERE er.resident_id = s.matched_resident AND er.employer_id = s.employer_id
              AND er.separated_on IS NULL AND er.hired_on <= s.event_date
           RETURNING er.id, er.resident_id, s.seq)
         UPDATE employer_report l SET outcome = 'APPLIED', resident_id = closed.resident_id,
                employment_record_id = closed.id
           FROM closed WHERE l.import_id = $1 AND l.seq = closed.seq
         RETURNING l.seq, l.resident_id, closed.id`,
        params.slice(0, 3),
      );
      // A separation with no open employment at that employer cannot end anything: say so.
      await tx.query(
        `UPDATE employer_report l SET outcome = 'REJECTED', resident_id = m.resident_id, error_field = 'event_date',
                error_reason = 'no open employment with this employer is on record for the person'
           FROM unnest($2::int[], $3::uuid[]) AS m (seq, resident_id)
          WHERE l.import_id = $1 AND l.seq = m.seq AND l.outcome = 'PENDING' AND l.report_type = 'SEPARATION'`,
        params.slice(0, 3),
      );
      await tx.query(
        `UPDATE employer_report_import SET
           applied_lines = (SELECT count(*) FROM employer_report WHERE import_id = $1 AND outcome = 'APPLIED'),
           rejected_lines = (SELECT count(*) FROM employer_report WHERE import_id = $1 AND outcome = 'REJECTED'),
           last_applied_at = now(), updated_at = now()
         WHERE id = $1`,
        [id],
      );
      const made = [...hired, ...ended];
      await this.audit.recordMany(
        ctx,
        made.map((row) => ({
          action: 'employment_record.from_report',
          entity: 'employment_record',
          entityId: row.id,
          residentId: row.resident_id,
          actorUserId: actorUserId ?? importRow.created_by_user_id,
          diff: { employerReportImportId: id, seq: row.seq },
        })),
        tx,
      );
      return made;
    });
    if (changed.length > 0) this.logger.log(`employer reports ${id}: ${changed.length} employment records changed`);
    for (const row of changed) {
      await this.events.publish('employment.changed', {
        residentId: row.resident_id,
        municipalityCode: importRow.municipality_code,
      });
    }
  }

  private async visibleImport(ctx: RequestContext, id: string): Promise<ImportRow> {
    const [row]: ImportRow[] = await this.dataSource.query(
      `SELECT ${IMPORT_COLUMNS} FROM employer_report_import WHERE id = $1`,
      [id],
    );
    if (!row || !ctx.principal?.municipalityCodes.includes(row.municipality_code)) {
      throw ProblemException.notFound('Employer report import');
    }
    return row;
  }
}

async function insertLines(tx: EntityManager, importId: string, lines: ReportLine[]): Promise<void> {
  // In slices: a 50,000-line file is one transaction but not one giant statement.
  for (let start = 0; start < lines.length; start += 5_000) {
    const slice = lines.slice(start, start + 5_000);
    await tx.query(
      `INSERT INTO employer_report (import_id, seq, line, source_ref, report_type, event_date, received_on, ei_insured,
                                    deadline, days_late, status_code, employer, weekly_contract_hours,
                                    monthly_scheduled_wage, occupation, dispatch, outcome, error_field, error_reason,
                                    contract_end)
       SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::date[], $7::date[], $8::boolean[],
                                $9::date[], $10::int[], $11::text[], $12::jsonb[], $13::numeric[], $14::int[],
                                $15::text[], $16::boolean[], $17::text[], $18::text[], $19::text[], $20::date[])`,
      [
        importId,
        slice.map((line) => line.seq),
        slice.map((line) => line.line),
        slice.map((line) => line.sourceRef),
        slice.map((line) => line.reportType),
        slice.map((line) => line.eventDate),
        slice.map((line) => line.receivedOn),
        slice.map((line) => line.eiInsured),
        slice.map((line) => line.deadline),
        slice.map((line) => line.daysLate),
        slice.map((line) => line.statusCode),
        slice.map((line) => (line.employer ? JSON.stringify(line.employer) : null)),
        slice.map((line) => line.weeklyContractHours),
        slice.map((line) => line.monthlyScheduledWage),
        slice.map((line) => line.occupation),
        slice.map((line) => line.dispatch),
        slice.map((line) => line.outcome),
        slice.map((line) => line.error?.field ?? null),
        slice.map((line) => line.error?.reason ?? null),
        slice.map((line) => line.contractEnd),
      ],
    );
  }
}

function viewOf(row: ImportRow, matchRun: MatchRunResponse): EmployerReportImportResponse {
  return {
    id: row.id,
    municipalityCode: row.municipality_code,
    fileName: row.file_name,
    receivedOn: row.received_on,
    matchRun,
    totalLines: row.total_lines,
    appliedLines: row.applied_lines,
    rejectedLines: row.rejected_lines,
    invalidLines: row.invalid_lines,
    lateLines: row.late_lines,
    pendingLines: row.total_lines - row.applied_lines - row.rejected_lines - row.invalid_lines,
    lastAppliedAt: row.last_applied_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
