import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  addDays,
  AppConfig,
  Clock,
  decodeCursor,
  encodeCursor,
  JOB_OPTIONS,
  JobName,
  officeDate,
  ProblemException,
  QueueName,
  spreadsheetCsvLine,
  type IsoDate,
  type RequestContext,
} from '@app/platform';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { REPORT_BY_CODE, type ReportDefinition, type ReportScope } from './definitions.js';
import { publishedValue, type StoredRow } from './publication.js';
import { scopeOf } from './report-runner.js';
import type {
  AdminRunsQueryDto,
  PublishedReportResponse,
  ReportDefinitionResponse,
  ReportRunPage,
  ReportRunResponse,
  ReportRunsQueryDto,
  ReportSeriesQueryDto,
  ReportSeriesResponse,
  RerunAcceptedResponse,
  RerunReportDto,
} from './reports.dto.js';

const RUN_COLUMNS = `id, report_code, scope_kind, scope_key, as_of::text AS as_of, status, trigger, attempts, min_cell,
  row_count, suppressed_cells, duration_ms, error, started_at, finished_at`;

function runOf(row: Record<string, unknown>, withError: boolean): ReportRunResponse {
  return {
    id: row.id as string,
    reportCode: row.report_code as string,
    scopeKind: row.scope_kind as string,
    scopeKey: row.scope_key as string,
    asOf: row.as_of as string,
    status: row.status as string,
    trigger: row.trigger as string,
    attempts: row.attempts as number,
    minCell: row.min_cell as number,
    rowCount: row.row_count as number | null,
    suppressedCells: row.suppressed_cells as number | null,
    durationMs: row.duration_ms as number | null,
    error: withError ? (row.error as string | null) : null,
    startedAt: new Date(row.started_at as string).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at as string).toISOString() : null,
  };
}

/**
 * Published reports for managers (REPORT_VIEWER) and administrators of the caller's own scope: a
 * city office sees its municipality, a PESO office its jurisdiction. Only the published form leaves:
 * hidden cells replaced, never the figures behind them. Every read and export is audited.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.reports) private readonly queue: Queue,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  today(): IsoDate {
    return officeDate(this.clock.now(), this.config.get('TZ_OFFICE'));
  }

  /** The caller's scope: their municipality, or their PESO office. */
  scopeOf(ctx: RequestContext): ReportScope {
    const principal = ctx.principal!;
    if (principal.orgKind === 'PESO') return scopeOf('PESO', principal.orgId, [...principal.municipalityCodes]);
    return scopeOf('MUNICIPALITY', principal.municipalityCodes[0], [principal.municipalityCodes[0]]);
  }

  async definitions(ctx: RequestContext): Promise<ReportDefinitionResponse[]> {
    const scope = this.scopeOf(ctx);
    const [office] = await this.dataSource.query(`SELECT name FROM organization WHERE id = $1`, [ctx.principal!.orgId]);
    const enabled: Array<{ code: string; latest: string | null }> = await this.dataSource.query(
      `SELECT d.code, (SELECT max(r.as_of)::text FROM report_run r WHERE r.report_code = d.code AND r.scope_kind = $1
                          AND r.scope_key = $2 AND r.status = 'DONE') AS latest
         FROM report_definition d WHERE d.enabled ORDER BY d.code`,
      [scope.kind, scope.key],
    );
    return enabled
      .map((row) => ({ row, definition: REPORT_BY_CODE.get(row.code) }))
      .filter(({ definition }) => definition && this.mayRead(ctx, definition, scope))
      .map(({ row, definition }) => ({
        code: definition!.code,
        title: definition!.title,
        dimensions: [...definition!.dimensions],
        counts: [...definition!.counts],
        derived: definition!.derived.map((d) => d.name),
        scopeKind: scope.kind,
        scopeKey: scope.key,
        scopeName: (office?.name as string | undefined) ?? scope.key,
        latestAsOf: row.latest,
      }));
  }

  async runs(ctx: RequestContext, code: string, query: ReportRunsQueryDto): Promise<ReportRunPage> {
    const { scope } = this.readable(ctx, code);
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<{ d: string; id: string }>(query.cursor, ['d', 'id']);
    const params: unknown[] = [
      code,
      scope.kind,
      scope.key,
      query.from ?? '1900-01-01',
      query.to ?? '2999-12-31',
      limit + 1,
    ];
    const after = cursor ? `AND (as_of, id) < ($${params.push(cursor.d)}::date, $${params.push(cursor.id)}::uuid)` : '';
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${RUN_COLUMNS} FROM report_run
        WHERE report_code = $1 AND scope_kind = $2 AND scope_key = $3 AND as_of BETWEEN $4::date AND $5::date ${after}
        ORDER BY as_of DESC, id DESC LIMIT $6`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const admin = ctx.principal!.roles.includes('ADMIN');
    return {
      items: items.map((row) => runOf(row, admin)),
      nextCursor: rows.length > limit && last ? encodeCursor({ d: last.as_of as string, id: last.id as string }) : null,
    };
  }

  async published(ctx: RequestContext, code: string, runId: string): Promise<PublishedReportResponse> {
    const { definition, scope } = this.readable(ctx, code);
    const [run] = await this.dataSource.query(
      `SELECT ${RUN_COLUMNS} FROM report_run WHERE id = $1 AND report_code = $2 AND scope_kind = $3 AND scope_key = $4`,
      [runId, code, scope.kind, scope.key],
    );
    if (!run) throw ProblemException.notFound('Report run');
    if (run.status !== 'DONE')
      throw ProblemException.conflict(`This run is ${run.status}: it has no figures.`, 'run-not-done');
    const stored: Array<{
      is_total: boolean;
      dims: Record<string, string>;
      values: Record<string, number | null>;
      suppressed: string[];
    }> = await this.dataSource.query(
      `SELECT is_total, dims, "values", suppressed FROM report_row WHERE run_id = $1 ORDER BY seq`,
      [runId],
    );
    const measures = [...definition.counts, ...definition.derived.map((d) => d.name)];
    await this.audit.record(ctx, {
      action: 'report.read',
      entity: 'report_run',
      entityId: runId,
      diff: { reportCode: code, asOf: run.as_of },
    });
    return {
      run: runOf(run, ctx.principal!.roles.includes('ADMIN')),
      title: definition.title,
      dimensions: [...definition.dimensions],
      measures,
      rows: stored.map((row) => {
        const asStored: StoredRow = {
          isTotal: row.is_total,
          dims: row.dims,
          values: row.values,
          suppressed: row.suppressed,
        };
        return {
          dims: row.dims,
          isTotal: row.is_total,
          values: Object.fromEntries(
            measures.map((measure) => [measure, publishedValue(asStored, measure, run.min_cell, definition.counts)]),
          ),
        };
      }),
    };
  }

  async *csv(report: PublishedReportResponse): AsyncGenerator<string> {
    yield spreadsheetCsvLine([...report.dimensions, ...report.measures]);
    for (const row of report.rows) {
      yield spreadsheetCsvLine([
        ...report.dimensions.map((dim) => row.dims[dim]),
        ...report.measures.map((m) => row.values[m]),
      ]);
    }
  }

  async xlsx(report: PublishedReportResponse, language: 'ja' | 'en'): Promise<Buffer> {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Kyosei';
    const sheet = workbook.addWorksheet(report.run.reportCode);
    sheet.addRow([`${report.title[language]} — ${report.run.scopeKind} ${report.run.scopeKey} — ${report.run.asOf}`]);
    sheet.addRow([`k = ${report.run.minCell}: counts under k are shown as <${report.run.minCell}`]);
    const header = sheet.addRow([...report.dimensions, ...report.measures]);
    header.font = { bold: true };
    for (const row of report.rows) {
      const added = sheet.addRow([
        ...report.dimensions.map((dim) => row.dims[dim]),
        ...report.measures.map((measure) => row.values[measure]),
      ]);
      if (row.isTotal) added.font = { bold: true };
    }
    sheet.columns.forEach((column) => (column.width = 18));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /** A measure over the nights, for charts: each DONE run's published values of that measure. */
  async series(ctx: RequestContext, code: string, query: ReportSeriesQueryDto): Promise<ReportSeriesResponse> {
    const { definition, scope } = this.readable(ctx, code);
    const measures = [...definition.counts, ...definition.derived.map((d) => d.name)];
    if (!measures.includes(query.measure)) {
      throw ProblemException.validation([{ field: 'measure', reason: `must be one of ${measures.join(', ')}` }]);
    }
    const to = query.to ?? this.today();
    const from = query.from ?? addDays(to, -365);
    const [whereDim, whereValue] = query.where ? query.where.split(/:(.*)/s) : [null, null];
    if (whereDim && !definition.dimensions.includes(whereDim)) {
      throw ProblemException.validation([
        { field: 'where', reason: `dimension must be one of ${definition.dimensions.join(', ')}` },
      ]);
    }
    const rows: Array<{
      as_of: string;
      min_cell: number;
      dims: Record<string, string>;
      values: Record<string, number | null>;
      suppressed: string[];
      is_total: boolean;
    }> = await this.dataSource.query(
      `SELECT r.as_of::text AS as_of, r.min_cell, w.dims, w."values", w.suppressed, w.is_total
           FROM report_run r JOIN report_row w ON w.run_id = r.id
          WHERE r.report_code = $1 AND r.scope_kind = $2 AND r.scope_key = $3 AND r.status = 'DONE'
            AND r.as_of BETWEEN $4::date AND $5::date AND ($6::text IS NULL OR w.dims ->> $6 = $7)
          ORDER BY r.as_of, w.seq`,
      [code, scope.kind, scope.key, from, to, whereDim, whereValue],
    );
    const points = new Map<string, ReportSeriesResponse['points'][number]>();
    for (const row of rows) {
      const point = points.get(row.as_of) ?? { asOf: row.as_of, rows: [] };
      const stored: StoredRow = {
        isTotal: row.is_total,
        dims: row.dims,
        values: row.values,
        suppressed: row.suppressed,
      };
      point.rows.push({
        dims: row.dims,
        value: publishedValue(stored, query.measure, row.min_cell, definition.counts),
      });
      points.set(row.as_of, point);
    }
    await this.audit.record(ctx, {
      action: 'report.series',
      entity: 'report',
      entityId: code,
      diff: { from, to, measure: query.measure },
    });
    return { reportCode: code, measure: query.measure, points: [...points.values()] };
  }

  /** An administrator recomputes a report of their scope for a date (queued; the run is replaced in place). */
  async rerun(ctx: RequestContext, code: string, input: RerunReportDto): Promise<RerunAcceptedResponse> {
    const { scope } = this.readable(ctx, code);
    if (input.asOf > this.today()) {
      throw ProblemException.validation([{ field: 'asOf', reason: 'must be today or earlier' }]);
    }
    const job = await this.queue.add(
      JobName.reportRun,
      { reportCode: code, scopeKind: scope.kind, scopeKey: scope.key, asOf: input.asOf },
      JOB_OPTIONS[JobName.reportRun],
    );
    await this.audit.record(ctx, {
      action: 'report.rerun',
      entity: 'report',
      entityId: code,
      diff: { asOf: input.asOf, scope: `${scope.kind}:${scope.key}` },
    });
    return { jobId: job.id!, reportCode: code, asOf: input.asOf };
  }

  /** For administrators: runs of every report of their scope, failures first to see. */
  async adminRuns(ctx: RequestContext, query: AdminRunsQueryDto): Promise<ReportRunPage> {
    const scope = this.scopeOf(ctx);
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<{ s: string; id: string }>(query.cursor, ['s', 'id']);
    const params: unknown[] = [scope.kind, scope.key, query.status ?? null, limit + 1];
    const after = cursor
      ? `AND (started_at, id) < ($${params.push(cursor.s)}::timestamptz, $${params.push(cursor.id)}::uuid)`
      : '';
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${RUN_COLUMNS} FROM report_run
        WHERE scope_kind = $1 AND scope_key = $2 AND ($3::text IS NULL OR status = $3) ${after}
        ORDER BY started_at DESC, id DESC LIMIT $4`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((row) => runOf(row, true)),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ s: new Date(last.started_at as string).toISOString(), id: last.id as string })
          : null,
    };
  }

  /** The report and the caller's scope, when the caller's roles and office may read it (404 otherwise). */
  private readable(ctx: RequestContext, code: string): { definition: ReportDefinition; scope: ReportScope } {
    const definition = REPORT_BY_CODE.get(code);
    const scope = this.scopeOf(ctx);
    if (!definition || !this.mayRead(ctx, definition, scope)) throw ProblemException.notFound('Report');
    return { definition, scope };
  }

  private mayRead(ctx: RequestContext, definition: ReportDefinition, scope: ReportScope): boolean {
    return (
      definition.scopes.includes(scope.kind) && definition.audience.some((role) => ctx.principal!.roles.includes(role))
    );
  }
}
