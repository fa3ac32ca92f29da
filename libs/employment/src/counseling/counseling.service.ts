import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { ProblemException, type RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource } from 'typeorm';
import {
  JOB_STATUSES,
  TRAINING_STATUSES,
  type CounselingSessionResponse,
  type CreateCounselingSessionDto,
  type CreateReferralDto,
  type ReferralResponse,
  type UpdateReferralDto,
} from './counseling.dto.js';

const SESSION_COLUMNS = `id, resident_id, counselor_user_id, held_on::text AS held_on, topics, languages, interpreter,
  outcome, next_step_on::text AS next_step_on, version`;
const REFERRAL_COLUMNS = `id, resident_id, kind, referred_on::text AS referred_on, vacancy_ref, employer_name,
  course_name, language_support, status, note, version`;

function sessionOf(row: Record<string, unknown>): CounselingSessionResponse {
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    counselorUserId: row.counselor_user_id as string | null,
    heldOn: row.held_on as string,
    topics: row.topics as string[],
    languages: row.languages as string[],
    interpreter: row.interpreter as boolean,
    outcome: row.outcome as string | null,
    nextStepOn: row.next_step_on as string | null,
    version: row.version as number,
  };
}

function referralOf(row: Record<string, unknown>): ReferralResponse {
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    kind: row.kind as string,
    referredOn: row.referred_on as string,
    vacancyRef: row.vacancy_ref as string | null,
    employerName: row.employer_name as string | null,
    courseName: row.course_name as string | null,
    languageSupport: row.language_support as string[],
    status: row.status as string,
    note: row.note as string | null,
    version: row.version as number,
  };
}

/**
 * A PESO counselor's work with a resident: counseling sessions, and referrals to a job or to a
 * training course with language support. Kept by the PESO that wrote them; every read and write
 * is audited.
 */
@Injectable()
export class CounselingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
  ) {}

  async sessions(ctx: RequestContext, residentId: string): Promise<CounselingSessionResponse[]> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const rows = await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS} FROM counseling_session WHERE resident_id = $1 AND org_id = $2
        ORDER BY held_on DESC, created_at DESC`,
      [residentId, ctx.principal!.orgId],
    );
    await this.audit.record(ctx, { action: 'counseling.read', entity: 'resident', entityId: residentId, residentId });
    return rows.map(sessionOf);
  }

  async recordSession(
    ctx: RequestContext,
    residentId: string,
    input: CreateCounselingSessionDto,
  ): Promise<CounselingSessionResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    return this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO counseling_session (resident_id, org_id, counselor_user_id, held_on, topics, languages, interpreter,
                                         outcome, next_step_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${SESSION_COLUMNS}`,
        [
          residentId,
          ctx.principal!.orgId,
          ctx.principal!.userId,
          input.heldOn,
          [...new Set(input.topics)],
          [...new Set(input.languages ?? [])],
          input.interpreter ?? false,
          input.outcome ?? null,
          input.nextStepOn ?? null,
        ],
      );
      await this.audit.record(
        ctx,
        {
          action: 'counseling.create',
          entity: 'counseling_session',
          entityId: row.id,
          residentId,
          diff: { heldOn: input.heldOn, topics: input.topics },
        },
        tx,
      );
      return sessionOf(row);
    });
  }

  async referrals(ctx: RequestContext, residentId: string): Promise<ReferralResponse[]> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const rows = await this.dataSource.query(
      `SELECT ${REFERRAL_COLUMNS} FROM referral_to_work WHERE resident_id = $1 AND org_id = $2
        ORDER BY referred_on DESC, created_at DESC`,
      [residentId, ctx.principal!.orgId],
    );
    await this.audit.record(ctx, { action: 'referral.read', entity: 'resident', entityId: residentId, residentId });
    return rows.map(referralOf);
  }

  async refer(ctx: RequestContext, residentId: string, input: CreateReferralDto): Promise<ReferralResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    return this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO referral_to_work (resident_id, org_id, counselor_user_id, kind, referred_on, vacancy_ref,
                                       employer_name, course_name, language_support, status, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'REFERRED', $10) RETURNING ${REFERRAL_COLUMNS}`,
        [
          residentId,
          ctx.principal!.orgId,
          ctx.principal!.userId,
          input.kind,
          input.referredOn,
          input.kind === 'JOB' ? (input.vacancyRef ?? null) : null,
          input.kind === 'JOB' ? (input.employerName ?? null) : null,
          input.kind === 'TRAINING' ? input.courseName : null,
          [...new Set(input.languageSupport ?? [])],
          input.note ?? null,
        ],
      );
      await this.audit.record(
        ctx,
        {
          action: 'referral.create',
          entity: 'referral_to_work',
          entityId: row.id,
          residentId,
          diff: { kind: input.kind },
        },
        tx,
      );
      return referralOf(row);
    });
  }

  /** Follows a referral: interview, hired or not; enrolled, completed or not. */
  async updateReferral(ctx: RequestContext, id: string, input: UpdateReferralDto): Promise<ReferralResponse> {
    return this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(
        `SELECT ${REFERRAL_COLUMNS} FROM referral_to_work WHERE id = $1 AND org_id = $2 FOR UPDATE`,
        [id, ctx.principal!.orgId],
      );
      if (!before) throw ProblemException.notFound('Referral');
      await this.directory.visibleMunicipalityOf(ctx, before.resident_id);
      if (before.version !== input.version) {
        throw ProblemException.staleVersion('The referral', input.version);
      }
      const allowed: readonly string[] = before.kind === 'JOB' ? JOB_STATUSES : TRAINING_STATUSES;
      if (!allowed.includes(input.status)) {
        throw ProblemException.validation([
          { field: 'status', reason: `a ${before.kind} referral's status is one of ${allowed.join(', ')}` },
        ]);
      }
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [[row]] = await tx.query(
        `UPDATE referral_to_work SET status = $2, note = coalesce($3, note), version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING ${REFERRAL_COLUMNS}`,
        [id, input.status, input.note ?? null],
      );
      await this.audit.record(
        ctx,
        {
          action: 'referral.update',
          entity: 'referral_to_work',
          entityId: id,
          residentId: before.resident_id,
          diff: { status: [before.status, input.status] },
        },
        tx,
      );
      return referralOf(row);
    });
  }
}
