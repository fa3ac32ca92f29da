import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AlertsService } from '@app/alerts';
import { AppConfig, type IsoDate } from '@app/platform';
import { DataSource } from 'typeorm';
import { REPORT_BY_CODE, REPORTS, type ReportScope, type ScopeKind } from './definitions.js';
import { tabulate } from './publication.js';
import { ReportQueries } from './report-queries.js';

export interface RunOutcome {
  runId: string | null;
  status: 'DONE' | 'SKIPPED' | 'FAILED';
  rowCount: number;
  durationMs: number;
  error?: string;
}

/** Attempts per report in a nightly run, and the pause after each failure. */
const ATTEMPTS = 3;
const RETRY_PAUSE_MS = [1_000, 5_000];

/**
 * Computes one report for one scope and date and stores it as a run: its rows, the cells
 * suppression hides, how long it took. One run per report, scope and date (a unique key): a second
 * nightly run of the same night — another worker, a retried job — waits for the first and finds it
 * done; an administrator's rerun recomputes it in place, reproducibly (the as-of date is applied to
 * every dated record).
 */
@Injectable()
export class ReportRunner implements OnModuleInit {
  private readonly logger = new Logger(ReportRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: ReportQueries,
    private readonly alerts: AlertsService,
    private readonly config: AppConfig,
  ) {}

  /** The catalogue's code is the truth for titles and shape; whether a report is enabled is data. */
  async onModuleInit(): Promise<void> {
    const list = (values: readonly string[]) => values.join(',');
    await this.dataSource.query(
      `INSERT INTO report_definition (code, title_ja, title_en, dimensions, measures, audience_roles, scope_kinds)
       SELECT code, title_ja, title_en, string_to_array(dimensions, ','), string_to_array(measures, ','),
              string_to_array(audience, ','), string_to_array(scopes, ',')
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           AS d (code, title_ja, title_en, dimensions, measures, audience, scopes)
       ON CONFLICT (code) DO UPDATE SET title_ja = EXCLUDED.title_ja, title_en = EXCLUDED.title_en,
         dimensions = EXCLUDED.dimensions, measures = EXCLUDED.measures, audience_roles = EXCLUDED.audience_roles,
         scope_kinds = EXCLUDED.scope_kinds, updated_at = now()`,
      [
        REPORTS.map((r) => r.code),
        REPORTS.map((r) => r.title.ja),
        REPORTS.map((r) => r.title.en),
        REPORTS.map((r) => list(r.dimensions)),
        REPORTS.map((r) => list([...r.counts, ...r.derived.map((d) => d.name)])),
        REPORTS.map((r) => list(r.audience)),
        REPORTS.map((r) => list(r.scopes)),
      ],
    );
  }

  async enabledCodes(): Promise<string[]> {
    const rows: Array<{ code: string }> = await this.dataSource.query(
      `SELECT code FROM report_definition WHERE enabled ORDER BY code`,
    );
    return rows.map((row) => row.code).filter((code) => REPORT_BY_CODE.has(code));
  }

  /** Every scope the night covers: each municipality with residents, each PESO office. */
  async scopes(): Promise<ReportScope[]> {
    // Municipalities with residents (an index skip-scan, not a pass over the register) and every city office.
    const cities: Array<{ municipality_code: string }> = await this.dataSource.query(
      `SELECT municipality_code FROM organization WHERE kind = 'CITY'`,
    );
    const municipalities = [
      ...new Set([...(await this.alerts.municipalities()), ...cities.map((city) => city.municipality_code)]),
    ].sort();
    const offices: Array<{ id: string; jurisdiction_codes: string[] }> = await this.dataSource.query(
      `SELECT id, jurisdiction_codes FROM organization WHERE kind = 'PESO' ORDER BY id`,
    );
    return [
      ...municipalities.map((code) => scopeOf('MUNICIPALITY', code, [code])),
      ...offices.map((office) => scopeOf('PESO', office.id, office.jurisdiction_codes)),
    ];
  }

  /** The scope a job names: a municipality, or a PESO office with its jurisdiction as it is now. */
  async scopeFor(kind: ScopeKind, key: string): Promise<ReportScope> {
    if (kind === 'MUNICIPALITY') return scopeOf(kind, key, [key]);
    const [office] = await this.dataSource.query(
      `SELECT jurisdiction_codes FROM organization WHERE id = $1 AND kind = 'PESO'`,
      [key],
    );
    if (!office) throw new Error(`no PESO office ${key}`);
    return scopeOf(kind, key, office.jurisdiction_codes);
  }

  /**
   * Runs a report with its retries; after the last failure the run is recorded FAILED and the
   * administrators get an alert (resolved by itself when a later run of the same report succeeds).
   */
  async runWithRetries(
    code: string,
    scope: ReportScope,
    asOf: IsoDate,
    trigger: 'NIGHTLY' | 'MANUAL',
  ): Promise<RunOutcome> {
    let last: RunOutcome | null = null;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      last = await this.run(code, scope, asOf, trigger);
      if (last.status !== 'FAILED') break;
      if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS[attempt - 1]));
    }
    const subject = `${code}|${scope.kind}|${scope.key}`;
    const where = scope.municipalityCodes[0];
    if (last!.status === 'FAILED') {
      await this.alerts.raise(
        'REPORT_FAILED',
        where,
        subject,
        {
          ja: `レポート ${code}（${scope.kind} ${scope.key}、${asOf}時点）の作成が${ATTEMPTS}回失敗しました: ${last!.error}`,
          en: `Report ${code} (${scope.kind} ${scope.key}, as of ${asOf}) failed ${ATTEMPTS} times: ${last!.error}`,
        },
        { reportCode: code, scopeKind: scope.kind, scopeKey: scope.key, asOf },
      );
    } else if (last!.status === 'DONE') {
      await this.alerts.raise('REPORT_FAILED', where, subject, null);
    }
    return last!;
  }

  async run(code: string, scope: ReportScope, asOf: IsoDate, trigger: 'NIGHTLY' | 'MANUAL'): Promise<RunOutcome> {
    const definition = REPORT_BY_CODE.get(code);
    if (!definition) throw new Error(`unknown report ${code}`);
    const k = this.config.get('REPORT_MIN_CELL');
    const started = performance.now();
    const startedAt = new Date();
    try {
      return await this.dataSource.transaction(async (tx) => {
        // A run lost to a crash before it reached the disk is simply computed again (it is unique per
        // report, scope and date, and nothing else depends on it): no need to wait for the WAL flush.
        await tx.query(`SET LOCAL synchronous_commit = off`);
        // The run's row is the lock: a second run of the same night waits here, then finds it done.
        const inserted: unknown[] = await tx.query(
          `INSERT INTO report_run (report_code, scope_kind, scope_key, as_of, status, trigger, min_cell)
           VALUES ($1, $2, $3, $4, 'RUNNING', $5, $6)
           ON CONFLICT (report_code, scope_kind, scope_key, as_of) DO NOTHING RETURNING id`,
          [code, scope.kind, scope.key, asOf, trigger, k],
        );
        const fresh = inserted.length > 0;
        const [run] = await tx.query(
          `SELECT id, status FROM report_run
            WHERE report_code = $1 AND scope_kind = $2 AND scope_key = $3 AND as_of = $4 FOR UPDATE`,
          [code, scope.kind, scope.key, asOf],
        );
        if (trigger === 'NIGHTLY' && run.status === 'DONE') {
          return { runId: run.id, status: 'SKIPPED' as const, rowCount: 0, durationMs: 0 };
        }
        const rows = tabulate(definition, await this.queries.rows(code, scope, asOf), k);
        const durationMs = Math.round(performance.now() - started);
        // A rerun's old rows go first (statements of one WITH share a snapshot: an insert there would
        // still see them); then the rows and the run marked done in one statement.
        await tx.query(`DELETE FROM report_row WHERE run_id = $1`, [run.id]);
        await tx.query(
          `WITH added AS (
                  INSERT INTO report_row (run_id, seq, is_total, dims, "values", suppressed)
                  SELECT $1, seq, is_total, dims, v, string_to_array(s, ',')
                    FROM unnest($2::int[], $3::boolean[], $4::jsonb[], $5::jsonb[], $6::text[]) AS x (seq, is_total, dims, v, s))
           UPDATE report_run SET status = 'DONE', trigger = $7, min_cell = $8, row_count = $9, suppressed_cells = $10,
                  duration_ms = $11, error = NULL, finished_at = now(),
                  attempts = CASE WHEN $12::boolean THEN attempts ELSE attempts + 1 END, started_at = $13
            WHERE id = $1`,
          [
            run.id,
            rows.map((_, index) => index),
            rows.map((row) => row.isTotal),
            rows.map((row) => JSON.stringify(row.dims)),
            rows.map((row) => JSON.stringify(row.values)),
            rows.map((row) => row.suppressed.join(',')),
            trigger,
            k,
            rows.length,
            rows.reduce((sum, row) => sum + row.suppressed.length, 0),
            durationMs,
            fresh,
            startedAt,
          ],
        );
        return { runId: run.id as string, status: 'DONE' as const, rowCount: rows.length, durationMs };
      });
    } catch (error) {
      const message = String((error as Error).message).slice(0, 500);
      this.logger.error({ code, scope: `${scope.kind}:${scope.key}`, asOf, error: message }, 'report failed');
      const [failed] = await this.dataSource.query(
        `INSERT INTO report_run (report_code, scope_kind, scope_key, as_of, status, trigger, min_cell, error, finished_at,
                                 duration_ms)
         VALUES ($1, $2, $3, $4, 'FAILED', $5, $6, $7, now(), $8)
         ON CONFLICT (report_code, scope_kind, scope_key, as_of) DO UPDATE
           SET status = CASE WHEN report_run.status = 'DONE' THEN 'DONE' ELSE 'FAILED' END,
               error = EXCLUDED.error, attempts = report_run.attempts + 1, finished_at = now()
         RETURNING id`,
        [code, scope.kind, scope.key, asOf, trigger, k, message, Math.round(performance.now() - started)],
      );
      return {
        runId: failed?.id ?? null,
        status: 'FAILED',
        rowCount: 0,
        durationMs: Math.round(performance.now() - started),
        error: message,
      };
    }
  }

  /** Runs older than the retention (3 years by default) go, with their rows. */
  async forgetOldRuns(asOf: IsoDate): Promise<number> {
    const years = this.config.get('REPORT_RETENTION_YEARS');
    const [{ deleted }] = await this.dataSource.query(
      `WITH d AS (DELETE FROM report_run WHERE as_of < $1::date - make_interval(years => $2) RETURNING 1)
       SELECT count(*)::int AS deleted FROM d`,
      [asOf, years],
    );
    return deleted;
  }
}

export function scopeOf(kind: ScopeKind, key: string, municipalityCodes: string[]): ReportScope {
  return { kind, key, municipalityCodes, excludeSpecialPermanent: kind === 'PESO' };
}
