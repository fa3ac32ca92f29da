import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  csvLine,
  DomainEvents,
  JOB_OPTIONS,
  JobName,
  matchRunJobId,
  ProblemException,
  QueueName,
  type RequestContext,
} from '@app/platform';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { prepareRecord, type ExternalRecord, type MatchOutcome } from '../engine/match-engine.js';
import { MatchingService } from '../matching.service.js';
import { checkMatchHeader, MatchFileError, readMatchInput, type InputRow } from './match-input.js';
import { MATCH_SOURCES, type MatchRunResponse, type MatchSource } from './match-run.dto.js';

/** Who asks for a run: the office and its municipalities. */
/** Who reads a run: an office's principal, or the command line (no office). */
export interface RunViewer {
  orgId: string | null;
  municipalityCodes: readonly string[];
}

/**
 * A run is the work of the office that started it: a city's health-insurance roll is not the
 * PESO's to read or review, although the PESO serves the same municipality. Runs started by the
 * system or the command line (no office) are for the staff of their municipality.
 */
function mayRead(viewer: RunViewer, run: MatchRunRow): boolean {
  return (
    viewer.municipalityCodes.includes(run.municipality_code) && (run.org_id === null || run.org_id === viewer.orgId)
  );
}

interface MatchRunRow {
  id: string;
  org_id: string | null;
  created_by_user_id: string | null;
  municipality_code: string;
  source: MatchSource;
  file_name: string;
  file_path: string;
  status: MatchRunResponse['status'];
  encoding: string | null;
  total_rows: number | null;
  percent: number;
  processed_rows: number;
  matched_rows: number;
  review_rows: number;
  unmatched_rows: number;
  error_rows: number;
  failure: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** Rows written per INSERT when a run's results are saved. */
const WRITE_BATCH = 5_000;

/** The key of a reviewer's verdict: the record's content, so an edited record is asked again. */
export function fingerprintOf(record: ExternalRecord): string {
  const prepared = prepareRecord(record);
  return [[...prepared.keys].sort().join(' '), record.birthDate, record.sex ?? ''].join('|');
}

/**
 * Match runs: an external file (katakana names) matched against one municipality's residents as a
 * queued job. The API and the CLI start runs here; the job's body is `run`.
 */
/** Where a row of a match run ended up. */
export interface MatchRowOutcome {
  seq: number;
  line: number;
  decision: 'matched' | 'review' | 'unmatched';
  residentId: string | null;
}

@Injectable()
export class MatchRunsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.matching) private readonly queue: Queue,
    private readonly matching: MatchingService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async start(
    ctx: RequestContext,
    input: { municipalityCode: string; source?: MatchSource; fileName: string; filePath: string },
  ): Promise<MatchRunResponse> {
    const principal = ctx.principal;
    if (principal && !principal.municipalityCodes.includes(input.municipalityCode)) {
      throw ProblemException.validation([{ field: 'municipality', reason: 'is not a municipality of your office' }]);
    }
    try {
      await checkMatchHeader(input.filePath);
    } catch (error) {
      if (error instanceof MatchFileError)
        throw ProblemException.validation([{ field: error.field, reason: error.reason }]);
      throw error;
    }
    const [{ id }] = await this.dataSource.query(
      `INSERT INTO match_run (org_id, municipality_code, source, file_name, file_path, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        principal?.orgId ?? null,
        input.municipalityCode,
        input.source ?? 'OTHER',
        input.fileName,
        input.filePath,
        principal?.userId ?? null,
      ],
    );
    await this.audit.record(ctx, {
      action: 'match_run.start',
      entity: 'match_run',
      entityId: id,
      diff: { municipalityCode: input.municipalityCode, source: input.source ?? 'OTHER' },
    });
    await this.queue.add(
      JobName.matchRun,
      { matchRunId: id },
      { ...JOB_OPTIONS[JobName.matchRun], jobId: matchRunJobId(id) },
    );
    return this.get(id, principal ?? undefined);
  }

  /**
   * Each row's decision and resident: the public read for domains that import through a match run
   * (coverage rolls, employer reports). `seqs` limits it to some rows.
   */
  async outcomes(runId: string, seqs?: readonly number[]): Promise<MatchRowOutcome[]> {
    const rows: Array<{
      seq: number;
      line: number;
      decision: MatchRowOutcome['decision'];
      resident_id: string | null;
    }> = await this.dataSource.query(
      `SELECT seq, line, decision, resident_id FROM match_result
          WHERE run_id = $1 AND ($2::int[] IS NULL OR seq = ANY ($2::int[])) ORDER BY seq`,
      [runId, seqs ?? null],
    );
    return rows.map((row) => ({ seq: row.seq, line: row.line, decision: row.decision, residentId: row.resident_id }));
  }

  async get(id: string, viewer?: RunViewer): Promise<MatchRunResponse> {
    return viewOf(await this.runRow(id, viewer));
  }

  /** Several runs in one query (lists of imports that go through match runs), by id. */
  async getMany(ids: readonly string[]): Promise<Map<string, MatchRunResponse>> {
    if (ids.length === 0) return new Map();
    const rows: MatchRunRow[] = await this.dataSource.query(`SELECT * FROM match_run WHERE id = ANY ($1::uuid[])`, [
      ids,
    ]);
    return new Map(rows.map((row) => [row.id, viewOf(row)]));
  }

  /**
   * The job: reads the file, matches every row, and saves all results with the counters in one
   * transaction, so a retried job starts over without leaving half a run behind.
   */
  async run(id: string, report: (percent: number) => Promise<void> = async () => {}): Promise<MatchRunResponse> {
    const run = await this.runRow(id);
    const onProgress = async (percent: number) => {
      await this.dataSource.query(`UPDATE match_run SET percent = $2, updated_at = now() WHERE id = $1`, [id, percent]);
      await report(percent);
    };
    if (run.status === 'DONE') {
      // A retried job after the results were saved: say so again, the handlers are idempotent.
      await this.events.publish('match-run.completed', { matchRunId: id, municipalityCode: run.municipality_code });
      return viewOf(run);
    }
    await this.dataSource.query(
      `UPDATE match_run SET status = 'RUNNING', started_at = coalesce(started_at, now()), updated_at = now() WHERE id = $1`,
      [id],
    );
    let input;
    try {
      input = await readMatchInput(run.file_path);
    } catch (error) {
      if (error instanceof MatchFileError) {
        await this.fail(id, error.message);
        throw error;
      }
      throw error;
    }
    const rows = input.rows;
    await this.dataSource.query(`UPDATE match_run SET encoding = $2, total_rows = $3 WHERE id = $1`, [
      id,
      input.encoding,
      rows.length,
    ]);
    await onProgress(5);
    const matchable = rows.filter((row) => row.record);
    const verdicts = await this.verdictsFor(run, matchable);
    // Only records someone has judged before need their fingerprint.
    const fingerprints = matchable.map((row) =>
      verdicts.concern(row.cells.source_ref) ? fingerprintOf(row.record!) : '',
    );
    const outcomes = await this.matching.match(
      run.municipality_code,
      matchable.map((row) => row.record!),
      {
        excluded: (index, residentId) =>
          fingerprints[index] !== '' &&
          verdicts.get(verdictKey(matchable[index].cells.source_ref, fingerprints[index], residentId)) === 'REJECTED',
        onProgress: (share) => onProgress(5 + Math.floor(share * 85)),
      },
    );
    const outcomeOf = new Map<InputRow, MatchOutcome>();
    matchable.forEach((row, index) => {
      outcomeOf.set(
        row,
        applyAccepted(outcomes[index], verdicts.acceptedFor(row.cells.source_ref, fingerprints[index])),
      );
    });
    await this.save(id, rows, outcomeOf);
    await report(100);
    await this.events.publish('match-run.completed', { matchRunId: id, municipalityCode: run.municipality_code });
    return this.get(id);
  }

  private async save(id: string, rows: InputRow[], outcomeOf: Map<InputRow, MatchOutcome>): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`DELETE FROM match_result WHERE run_id = $1`, [id]);
      for (let start = 0; start < rows.length; start += WRITE_BATCH) {
        const batch = rows.slice(start, start + WRITE_BATCH);
        const column = <T>(value: (row: InputRow, outcome: MatchOutcome | undefined) => T) =>
          batch.map((row) => value(row, outcomeOf.get(row)));
        await tx.query(
          `INSERT INTO match_result (run_id, seq, line, source_ref, kana_name, birth_date, sex, alphabet_name, nationality,
                                     decision, score, resident_id, resident_key, candidates, error_field, error_reason,
                                     review_status)
           SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                    $9::text[], $10::text[], $11::numeric[], $12::uuid[], $13::text[], $14::jsonb[],
                                    $15::text[], $16::text[], $17::text[])`,
          [
            id,
            column((row) => row.seq),
            column((row) => row.line),
            column((row) => row.cells.source_ref),
            column((row) => row.cells.kana_name || null),
            column((row) => row.cells.birth_date || null),
            column((row) => row.cells.sex || null),
            column((row) => row.cells.alphabet_name || null),
            column((row) => row.cells.nationality || null),
            column((_, outcome) => outcome?.decision ?? 'unmatched'),
            column((_, outcome) => (outcome ? outcome.score.toFixed(3) : '0')),
            column((_, outcome) => (outcome?.decision === 'unmatched' ? null : (outcome?.best?.residentId ?? null))),
            column((_, outcome) => (outcome?.decision === 'unmatched' ? null : (outcome?.best?.residentKey ?? null))),
            column((_, outcome) => JSON.stringify(outcome?.candidates ?? [])),
            column((row) => row.error?.field ?? null),
            column((row) => row.error?.reason ?? null),
            column((_, outcome) => (outcome?.decision === 'review' ? 'PENDING' : null)),
          ],
        );
      }
      await tx.query(`UPDATE match_run SET status = 'DONE', finished_at = now(), failure = NULL WHERE id = $1`, [id]);
      await refreshCounts(tx, id);
    });
  }

  async fail(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE match_run SET status = 'FAILED', failure = $2, finished_at = now(), updated_at = now()
        WHERE id = $1 AND status <> 'DONE'`,
      [id, reason],
    );
  }

  /**
   * The result file: one line per input row, in input order (columns are part of the interface).
   * The run's visibility is checked here, before the first line.
   */
  async resultCsv(id: string, viewer: RunViewer): Promise<AsyncGenerator<string>> {
    await this.runRow(id, viewer);
    return this.resultLines(id);
  }

  private async *resultLines(id: string): AsyncGenerator<string> {
    yield 'source_ref,resident_key,decision,score\n';
    for (let from = 0; ; from += WRITE_BATCH) {
      const rows: Array<{ source_ref: string; resident_key: string | null; decision: string; score: string }> =
        await this.dataSource.query(
          `SELECT source_ref, resident_key, decision, score::text FROM match_result
            WHERE run_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3`,
          [id, from, WRITE_BATCH],
        );
      if (rows.length === 0) return;
      yield rows.map((row) => csvLine([row.source_ref, row.resident_key, row.decision, row.score])).join('');
    }
  }

  /** Rows that could not be matched at all, with the field and the reason. */
  async errorsCsv(id: string, viewer: RunViewer): Promise<string> {
    await this.runRow(id, viewer);
    const rows: Array<{ line: number; source_ref: string; error_field: string; error_reason: string }> =
      await this.dataSource.query(
        `SELECT line, source_ref, error_field, error_reason FROM match_result
          WHERE run_id = $1 AND error_field IS NOT NULL ORDER BY seq`,
        [id],
      );
    return (
      'line,source_ref,field,reason\n' +
      rows.map((row) => csvLine([row.line, row.source_ref, row.error_field, row.error_reason])).join('')
    );
  }

  /** The run, or 404 when `viewer` (if given) may not know of it. */
  async runRow(id: string, viewer?: RunViewer): Promise<MatchRunRow> {
    const [row]: MatchRunRow[] = await this.dataSource.query(`SELECT * FROM match_run WHERE id = $1`, [id]);
    if (!row || (viewer && !mayRead(viewer, row))) throw ProblemException.notFound('Match run');
    return row;
  }

  private async verdictsFor(run: MatchRunRow, rows: InputRow[]): Promise<Verdicts> {
    const found: Array<{
      source_ref: string;
      fingerprint: string;
      resident_id: string;
      resident_key: string | null;
      verdict: 'ACCEPTED' | 'REJECTED';
    }> = await this.dataSource.query(
      `SELECT source_ref, fingerprint, resident_id, resident_key, verdict FROM match_verdict
          WHERE municipality_code = $1 AND source = $2 AND source_ref = ANY($3::text[])`,
      [run.municipality_code, run.source, rows.map((row) => row.cells.source_ref)],
    );
    return new Verdicts(found);
  }
}

/** The run's counters from its results (after the run, and after each review). */
export async function refreshCounts(tx: EntityManager, id: string): Promise<void> {
  await tx.query(
    `UPDATE match_run r SET updated_at = now(), processed_rows = c.total, matched_rows = c.matched,
            review_rows = c.review, unmatched_rows = c.unmatched, error_rows = c.errors
       FROM (SELECT count(*) AS total,
                    count(*) FILTER (WHERE decision = 'matched') AS matched,
                    count(*) FILTER (WHERE decision = 'review') AS review,
                    count(*) FILTER (WHERE decision = 'unmatched') AS unmatched,
                    count(*) FILTER (WHERE error_field IS NOT NULL) AS errors
               FROM match_result WHERE run_id = $1) c
      WHERE r.id = $1`,
    [id],
  );
}

const verdictKey = (sourceRef: string, fingerprint: string, residentId: string) =>
  `${sourceRef}\u0000${fingerprint}\u0000${residentId}`;

/** Reviewers' earlier verdicts on the records of this file. */
class Verdicts {
  private readonly byKey = new Map<string, 'ACCEPTED' | 'REJECTED'>();
  private readonly accepted = new Map<string, { residentId: string; residentKey: string | null }>();
  private readonly sourceRefs = new Set<string>();

  constructor(
    rows: Array<{
      source_ref: string;
      fingerprint: string;
      resident_id: string;
      resident_key: string | null;
      verdict: 'ACCEPTED' | 'REJECTED';
    }>,
  ) {
    for (const row of rows) {
      this.sourceRefs.add(row.source_ref);
      this.byKey.set(verdictKey(row.source_ref, row.fingerprint, row.resident_id), row.verdict);
      if (row.verdict === 'ACCEPTED') {
        this.accepted.set(`${row.source_ref}\u0000${row.fingerprint}`, {
          residentId: row.resident_id,
          residentKey: row.resident_key,
        });
      }
    }
  }

  /** Whether any verdict exists for this record reference. */
  concern(sourceRef: string): boolean {
    return this.sourceRefs.has(sourceRef);
  }

  get(key: string): 'ACCEPTED' | 'REJECTED' | undefined {
    return this.byKey.get(key);
  }

  acceptedFor(sourceRef: string, fingerprint: string): { residentId: string; residentKey: string | null } | undefined {
    return this.accepted.get(`${sourceRef}\u0000${fingerprint}`);
  }
}

/** A person already confirmed this record: the run reports that resident as matched. */
function applyAccepted(
  outcome: MatchOutcome,
  accepted: { residentId: string; residentKey: string | null } | undefined,
): MatchOutcome {
  if (!accepted) return outcome;
  const candidate = outcome.candidates.find((c) => c.residentId === accepted.residentId);
  const best = candidate ?? {
    residentId: accepted.residentId,
    residentKey: accepted.residentKey,
    score: outcome.score,
    nameSimilarity: 0,
    weakestWord: 0,
    form: 'ALPHABET' as const,
    alphabetSimilarity: null,
    birthDateSwapped: false,
    sexMatches: true,
    nationalityMatches: null,
  };
  return { decision: 'matched', score: Math.max(best.score, outcome.score), best, candidates: outcome.candidates };
}

function viewOf(row: MatchRunRow): MatchRunResponse {
  const total = row.total_rows;
  return {
    id: row.id,
    municipalityCode: row.municipality_code,
    source: row.source,
    fileName: row.file_name,
    status: row.status,
    encoding: row.encoding,
    percent: row.status === 'DONE' ? 100 : row.percent,
    totalRows: total,
    processedRows: row.processed_rows,
    matchedRows: row.matched_rows,
    reviewRows: row.review_rows,
    unmatchedRows: row.unmatched_rows,
    errorRows: row.error_rows,
    failure: row.failure,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

export { MATCH_SOURCES };
