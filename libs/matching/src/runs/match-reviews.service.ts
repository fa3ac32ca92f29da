import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { decodeCursor, DomainEvents, ProblemException, toPage, type Page, type RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource, type EntityManager } from 'typeorm';
import { REVIEW_AT, type CandidateScore } from '../engine/match-engine.js';
import { checkRow, type MatchColumn } from './match-input.js';
import type { MatchReviewItem, ReviewQueryDto } from './match-run.dto.js';
import { fingerprintOf, MatchRunsService, refreshCounts } from './match-runs.service.js';

interface ResultRow {
  id: string;
  run_id: string;
  seq: number;
  line: number;
  source_ref: string;
  kana_name: string | null;
  birth_date: string | null;
  sex: string | null;
  alphabet_name: string | null;
  nationality: string | null;
  decision: string;
  score: string;
  resident_id: string | null;
  candidates: CandidateScore[];
  review_status: string | null;
}

/**
 * The review queue: plausible matches a person decides. A verdict is audited against the resident
 * and remembered for the external record, so the next run over the same record does not ask again.
 */
@Injectable()
export class MatchReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: MatchRunsService,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async list(ctx: RequestContext, runId: string, query: ReviewQueryDto): Promise<Page<MatchReviewItem>> {
    const municipalities = ctx.principal!.municipalityCodes;
    await this.runs.runRow(runId, ctx.principal!);
    const limit = query.limit ?? 50;
    const after = decodeCursor<{ seq: string }>(query.cursor, ['seq']);
    const rows: ResultRow[] = await this.dataSource.query(
      `SELECT * FROM match_result WHERE run_id = $1 AND review_status = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
      [runId, query.status ?? 'PENDING', after ? Number(after.seq) : -1, limit + 1],
    );
    const page = toPage(rows, limit, (row) => ({ seq: String(row.seq) }));
    const residentIds = [...new Set(page.items.flatMap((row) => row.candidates.map((c) => c.residentId)))];
    const residents = new Map(
      (await this.directory.byIds(municipalities, residentIds)).map((resident) => [resident.id, resident]),
    );
    await this.audit.record(ctx, {
      action: 'match_review.read',
      entity: 'match_run',
      entityId: runId,
      diff: { residentIds },
    });
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((row) => ({
        ...itemOf(row),
        candidates: row.candidates.map((candidate) => {
          const resident = residents.get(candidate.residentId);
          return {
            ...candidate,
            resident: resident && {
              familyName: resident.familyName,
              givenName: resident.givenName,
              middleName: resident.middleName,
              kanaName: resident.kanaName,
              commonName: resident.commonName,
              commonNameKana: resident.commonNameKana,
              birthDate: resident.birthDate,
              sex: resident.sex,
              nationality: resident.nationality,
            },
          };
        }),
      })),
    };
  }

  /** "This record is this resident": the row becomes matched and the verdict is remembered. */
  accept(ctx: RequestContext, runId: string, seq: number, residentId?: string): Promise<MatchReviewItem> {
    return this.decideOn(ctx, runId, seq, residentId, 'ACCEPTED');
  }

  /**
   * "This record is not this resident": the candidate is set aside for good; the next plausible
   * candidate, if any, is asked about instead.
   */
  reject(ctx: RequestContext, runId: string, seq: number, residentId?: string): Promise<MatchReviewItem> {
    return this.decideOn(ctx, runId, seq, residentId, 'REJECTED');
  }

  private async decideOn(
    ctx: RequestContext,
    runId: string,
    seq: number,
    residentId: string | undefined,
    verdict: 'ACCEPTED' | 'REJECTED',
  ): Promise<MatchReviewItem> {
    const run = await this.runs.runRow(runId, ctx.principal!);
    const item = await this.dataSource.transaction(async (tx) => {
      const [row]: ResultRow[] = await tx.query(
        `SELECT * FROM match_result WHERE run_id = $1 AND seq = $2 FOR UPDATE`,
        [runId, seq],
      );
      if (!row) throw ProblemException.notFound('Match result');
      const chosen = row.candidates.find(
        (c) => c.residentId === (residentId ?? row.resident_id ?? row.candidates[0]?.residentId),
      );
      if (!chosen) {
        throw ProblemException.validation([{ field: 'residentId', reason: 'is not a candidate of this record' }]);
      }
      const record = checkRow(cellsOf(row)).record;
      if (!record)
        throw ProblemException.validation([{ field: 'seq', reason: 'this row could not be matched at all' }]);
      await this.remember(tx, run, row, fingerprintOf(record), chosen, verdict, ctx.principal!.userId);
      const remaining = row.candidates.filter((c) => c.residentId !== chosen.residentId);
      const next = verdict === 'REJECTED' ? remaining.find((c) => c.score >= REVIEW_AT) : undefined;
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [[updated]]: [ResultRow[], number] = await tx.query(
        `UPDATE match_result
            SET decision = $3, resident_id = $4, resident_key = $5, candidates = $6::jsonb, review_status = $7,
                reviewed_by_user_id = $8, reviewed_at = now(), version = version + 1, updated_at = now()
          WHERE run_id = $1 AND seq = $2
          RETURNING *`,
        verdict === 'ACCEPTED'
          ? [
              runId,
              seq,
              'matched',
              chosen.residentId,
              chosen.residentKey,
              JSON.stringify(row.candidates),
              'ACCEPTED',
              ctx.principal!.userId,
            ]
          : [
              runId,
              seq,
              next ? 'review' : 'unmatched',
              next?.residentId ?? null,
              next?.residentKey ?? null,
              JSON.stringify(remaining),
              next ? 'PENDING' : 'REJECTED',
              ctx.principal!.userId,
            ],
      );
      await refreshCounts(tx, runId);
      await this.audit.record(
        ctx,
        {
          action: verdict === 'ACCEPTED' ? 'match_review.accept' : 'match_review.reject',
          entity: 'match_result',
          entityId: row.id,
          residentId: chosen.residentId,
          diff: { runId, seq, sourceRef: row.source_ref, score: chosen.score },
        },
        tx,
      );
      return itemOf(updated);
    });
    if (verdict === 'ACCEPTED' && item.residentId) {
      await this.events.publish('match-review.accepted', {
        matchRunId: runId,
        seq,
        residentId: item.residentId,
        reviewerUserId: ctx.principal?.userId ?? null,
      });
    }
    return item;
  }

  private async remember(
    tx: EntityManager,
    run: { municipality_code: string; source: string; id: string },
    row: ResultRow,
    fingerprint: string,
    chosen: CandidateScore,
    verdict: 'ACCEPTED' | 'REJECTED',
    userId: string | null,
  ): Promise<void> {
    if (verdict === 'ACCEPTED') {
      // One accepted resident per record: a new acceptance replaces an earlier one.
      await tx.query(
        `DELETE FROM match_verdict WHERE municipality_code = $1 AND source = $2 AND source_ref = $3
            AND fingerprint = $4 AND verdict = 'ACCEPTED' AND resident_id <> $5`,
        [run.municipality_code, run.source, row.source_ref, fingerprint, chosen.residentId],
      );
    }
    await tx.query(
      `INSERT INTO match_verdict (municipality_code, source, source_ref, fingerprint, resident_id, resident_key, verdict,
                                  decided_by_user_id, run_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (municipality_code, source, source_ref, fingerprint, resident_id)
       DO UPDATE SET verdict = EXCLUDED.verdict, decided_by_user_id = EXCLUDED.decided_by_user_id,
                     run_id = EXCLUDED.run_id, updated_at = now()`,
      [
        run.municipality_code,
        run.source,
        row.source_ref,
        fingerprint,
        chosen.residentId,
        chosen.residentKey,
        verdict,
        userId,
        run.id,
      ],
    );
  }
}

function cellsOf(row: ResultRow): Record<MatchColumn, string> {
  return {
    source_ref: row.source_ref,
    kana_name: row.kana_name ?? '',
    birth_date: row.birth_date ?? '',
    sex: row.sex ?? '',
    alphabet_name: row.alphabet_name ?? '',
    nationality: row.nationality ?? '',
  };
}

function itemOf(row: ResultRow): MatchReviewItem {
  return {
    seq: row.seq,
    line: row.line,
    sourceRef: row.source_ref,
    kanaName: row.kana_name,
    birthDate: row.birth_date,
    sex: row.sex,
    alphabetName: row.alphabet_name,
    nationality: row.nationality,
    decision: row.decision,
    score: Number(row.score),
    residentId: row.resident_id,
    reviewStatus: row.review_status,
    candidates: row.candidates,
  };
}
