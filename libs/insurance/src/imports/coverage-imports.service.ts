import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { MatchRunsService, type MatchRunResponse, type MatchSource } from '@app/matching';
import {
  decodeCursor,
  DomainEvents,
  ProblemException,
  systemContext,
  toPage,
  type DomainEventPayloads,
  type Page,
  type RequestContext,
} from '@app/platform';
import { DataSource } from 'typeorm';
import type { Scheme } from '../obligations/index.js';
import type {
  CoverageImportLineQueryDto,
  CoverageImportLineResponse,
  CoverageImportResponse,
  RollSource,
} from './coverage-import.dto.js';
import { CoverageFileError, readCoverageLines } from './coverage-lines.js';

interface ImportRow {
  id: string;
  municipality_code: string;
  match_run_id: string;
  scheme: Scheme;
  source: RollSource;
  file_name: string;
  created_by_user_id: string | null;
  total_lines: number;
  applied_lines: number;
  conflict_lines: number;
  invalid_lines: number;
  last_applied_at: Date | null;
  created_at: Date;
}

/** Who may load or see a roll of a scheme: PESO counselors handle employment insurance only. */
function mayHandle(ctx: RequestContext, scheme: string): boolean {
  const roles = ctx.principal?.roles ?? [];
  return roles.includes('CITY_CASEWORKER') || (roles.includes('PESO_COUNSELOR') && scheme === 'EI');
}

/**
 * Coverage rolls in katakana (the NHI roll, the PESO's employment-insurance list) loaded through
 * a match run: matched lines become coverage periods; lines in review wait for a person and become
 * periods when the reviewer accepts them. Applying is idempotent: a line becomes a period once, and
 * "apply again" after a crash or a batch of reviews picks up whatever is still pending.
 */
@Injectable()
export class CoverageImportsService {
  private readonly logger = new Logger(CoverageImportsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: MatchRunsService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async start(
    ctx: RequestContext,
    input: { municipalityCode: string; scheme: Scheme; source: RollSource; fileName: string; filePath: string },
  ): Promise<CoverageImportResponse> {
    if (!mayHandle(ctx, input.scheme)) {
      throw ProblemException.validation([{ field: 'scheme', reason: 'your office does not keep this coverage' }]);
    }
    let lines;
    try {
      lines = await readCoverageLines(input.filePath, input.scheme);
    } catch (error) {
      if (error instanceof CoverageFileError) {
        throw ProblemException.validation([{ field: error.field, reason: error.reason }]);
      }
      throw error;
    }
    // The match run checks its own columns and the municipality, then queues the matching job.
    const run = await this.runs.start(ctx, {
      municipalityCode: input.municipalityCode,
      source: input.source satisfies MatchSource,
      fileName: input.fileName,
      filePath: input.filePath,
    });
    const id = await this.dataSource.transaction(async (tx) => {
      const invalid = lines.filter((line) => line.error).length;
      const [{ id }] = await tx.query(
        `INSERT INTO coverage_import (municipality_code, match_run_id, scheme, source, file_name, created_by_user_id,
                                      total_lines, invalid_lines)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          input.municipalityCode,
          run.id,
          input.scheme,
          input.source,
          input.fileName,
          ctx.principal?.userId ?? null,
          lines.length,
          invalid,
        ],
      );
      await tx.query(
        `INSERT INTO coverage_import_line (import_id, seq, line, source_ref, role, start_date, end_date, outcome,
                                           error_field, error_reason)
         SELECT $1, l.seq, l.line, l.source_ref, l.role, l.start_date, l.end_date,
                CASE WHEN l.error_field IS NULL THEN 'PENDING' ELSE 'INVALID' END, l.error_field, l.error_reason
           FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::text[])
                AS l (seq, line, source_ref, role, start_date, end_date, error_field, error_reason)`,
        [
          id,
          lines.map((line) => line.seq),
          lines.map((line) => line.line),
          lines.map((line) => line.sourceRef),
          lines.map((line) => line.role),
          lines.map((line) => line.startDate),
          lines.map((line) => line.endDate),
          lines.map((line) => line.error?.field ?? null),
          lines.map((line) => line.error?.reason ?? null),
        ],
      );
      await this.audit.record(
        ctx,
        {
          action: 'coverage_import.start',
          entity: 'coverage_import',
          entityId: id,
          diff: { scheme: input.scheme, source: input.source, matchRunId: run.id, lines: lines.length },
        },
        tx,
      );
      return id as string;
    });
    // A small roll may have been matched before the import row existed: its event found nothing.
    if ((await this.runs.get(run.id)).status === 'DONE') await this.apply(systemContext(`coverage-import-${id}`), id);
    return this.get(ctx, id);
  }

  async get(ctx: RequestContext, id: string): Promise<CoverageImportResponse> {
    const row = await this.visibleImport(ctx, id);
    return viewOf(row, await this.runs.get(row.match_run_id));
  }

  async list(ctx: RequestContext): Promise<CoverageImportResponse[]> {
    const rows: ImportRow[] = await this.dataSource.query(
      `SELECT * FROM coverage_import WHERE municipality_code = ANY ($1::char(6)[]) ORDER BY created_at DESC LIMIT 50`,
      [ctx.principal?.municipalityCodes ?? []],
    );
    const visible = rows.filter((row) => mayHandle(ctx, row.scheme));
    const runs = await this.runs.getMany(visible.map((row) => row.match_run_id));
    return visible.map((row) => viewOf(row, runs.get(row.match_run_id)!));
  }

  async lines(
    ctx: RequestContext,
    id: string,
    query: CoverageImportLineQueryDto,
  ): Promise<Page<CoverageImportLineResponse>> {
    await this.visibleImport(ctx, id);
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<{ seq: string }>(query.cursor, ['seq']);
    const rows = await this.dataSource.query(
      `SELECT seq, line, source_ref, outcome, role, start_date::text AS start_date, end_date::text AS end_date,
              error_field, error_reason, resident_id, coverage_period_id
         FROM coverage_import_line
        WHERE import_id = $1 AND ($2::text IS NULL OR outcome = $2) AND seq > $3
        ORDER BY seq LIMIT $4`,
      [id, query.outcome ?? null, cursor ? Number(cursor.seq) : -1, limit + 1],
    );
    const page = toPage(rows as Array<Record<string, unknown>>, limit, (row) => ({ seq: String(row.seq) }));
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((row) => ({
        seq: row.seq as number,
        line: row.line as number,
        sourceRef: row.source_ref as string,
        outcome: row.outcome as string,
        role: row.role as string | null,
        startDate: row.start_date as string | null,
        endDate: row.end_date as string | null,
        errorField: row.error_field as string | null,
        errorReason: row.error_reason as string | null,
        residentId: row.resident_id as string | null,
        coveragePeriodId: row.coverage_period_id as string | null,
      })),
    };
  }

  /** "Apply again": turns every matched, still-pending line into a coverage period. */
  async applyAgain(ctx: RequestContext, id: string): Promise<CoverageImportResponse> {
    await this.visibleImport(ctx, id);
    await this.apply(ctx, id);
    return this.get(ctx, id);
  }

  @OnEvent('match-run.completed', { promisify: true })
  async onMatchRunCompleted(event: DomainEventPayloads['match-run.completed']): Promise<void> {
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM coverage_import WHERE match_run_id = $1`,
      [event.matchRunId],
    );
    if (row) await this.apply(systemContext(`coverage-import-${row.id}`), row.id);
  }

  @OnEvent('match-review.accepted', { promisify: true })
  async onReviewAccepted(event: DomainEventPayloads['match-review.accepted']): Promise<void> {
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM coverage_import WHERE match_run_id = $1`,
      [event.matchRunId],
    );
    if (!row) return;
    const ctx = systemContext(`coverage-import-${row.id}`);
    await this.apply(ctx, row.id, [event.seq], event.reviewerUserId);
  }

  /**
   * Matched lines (all, or the `seqs` given) that are still pending become periods in one
   * statement; a line whose period would overlap one on record is marked CONFLICT instead.
   * The import row is locked first, so two appliers (the job's event and a person's "apply
   * again") take turns and never make a line's period twice.
   */
  private async apply(ctx: RequestContext, id: string, seqs?: number[], actorUserId?: string | null): Promise<void> {
    const [importRow]: ImportRow[] = await this.dataSource.query(`SELECT * FROM coverage_import WHERE id = $1`, [id]);
    const outcomes = (await this.runs.outcomes(importRow.match_run_id, seqs)).filter(
      (outcome) => outcome.decision === 'matched' && outcome.residentId,
    );
    if (outcomes.length === 0) return;
    const applied = await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM coverage_import WHERE id = $1 FOR UPDATE`, [id]);
      const [rows]: [Array<{ seq: number; outcome: string; resident_id: string; coverage_period_id: string | null }>] =
        await tx.query(
          `WITH candidate AS MATERIALIZED (
             SELECT l.seq, l.line, l.source_ref, m.resident_id, l.role, l.start_date, l.end_date,
                    gen_random_uuid() AS period_id
               FROM coverage_import_line l
               JOIN unnest($2::int[], $3::uuid[]) AS m (seq, resident_id) ON m.seq = l.seq
              WHERE l.import_id = $1 AND l.outcome = 'PENDING'),
           inserted AS (
             INSERT INTO coverage_period (id, resident_id, municipality_code, scheme, role, start_date, end_date, source,
                                          evidence_ref, verified_by_user_id)
             SELECT period_id, resident_id, $4, $5, role, start_date, end_date, $6,
                    $7 || ' line ' || line || ' (' || source_ref || ')', $8::uuid
               FROM candidate
             ON CONFLICT DO NOTHING
             RETURNING id)
           UPDATE coverage_import_line l
              SET outcome = CASE WHEN i.id IS NULL THEN 'CONFLICT' ELSE 'APPLIED' END,
                  resident_id = c.resident_id, coverage_period_id = i.id
             FROM candidate c LEFT JOIN inserted i ON i.id = c.period_id
            WHERE l.import_id = $1 AND l.seq = c.seq
           RETURNING l.seq, l.outcome, l.resident_id, l.coverage_period_id`,
          [
            id,
            outcomes.map((outcome) => outcome.seq),
            outcomes.map((outcome) => outcome.residentId),
            importRow.municipality_code,
            importRow.scheme,
            importRow.source,
            importRow.file_name,
            actorUserId ?? null,
          ],
        );
      await tx.query(
        `UPDATE coverage_import SET
           applied_lines = (SELECT count(*) FROM coverage_import_line WHERE import_id = $1 AND outcome = 'APPLIED'),
           conflict_lines = (SELECT count(*) FROM coverage_import_line WHERE import_id = $1 AND outcome = 'CONFLICT'),
           last_applied_at = now(), updated_at = now()
         WHERE id = $1`,
        [id],
      );
      const made = rows.filter((row) => row.outcome === 'APPLIED');
      await this.audit.recordMany(
        ctx,
        made.map((row) => ({
          action: 'coverage.create',
          entity: 'coverage_period',
          entityId: row.coverage_period_id,
          residentId: row.resident_id,
          actorUserId: actorUserId ?? importRow.created_by_user_id,
          diff: { scheme: importRow.scheme, coverageImportId: id, seq: row.seq },
        })),
        tx,
      );
      return made;
    });
    if (applied.length > 0) {
      this.logger.log(`coverage import ${id}: ${applied.length} periods recorded`);
    }
    for (const row of applied) {
      await this.events.publish('coverage.changed', {
        residentId: row.resident_id,
        municipalityCode: importRow.municipality_code,
        scheme: importRow.scheme,
      });
    }
  }

  private async visibleImport(ctx: RequestContext, id: string): Promise<ImportRow> {
    const [row]: ImportRow[] = await this.dataSource.query(`SELECT * FROM coverage_import WHERE id = $1`, [id]);
    if (!row || !ctx.principal?.municipalityCodes.includes(row.municipality_code) || !mayHandle(ctx, row.scheme)) {
      throw ProblemException.notFound('Coverage import');
    }
    return row;
  }
}

function viewOf(row: ImportRow, matchRun: MatchRunResponse): CoverageImportResponse {
  return {
    id: row.id,
    municipalityCode: row.municipality_code,
    scheme: row.scheme,
    source: row.source,
    fileName: row.file_name,
    matchRun,
    totalLines: row.total_lines,
    appliedLines: row.applied_lines,
    conflictLines: row.conflict_lines,
    invalidLines: row.invalid_lines,
    pendingLines: row.total_lines - row.applied_lines - row.conflict_lines - row.invalid_lines,
    lastAppliedAt: row.last_applied_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
