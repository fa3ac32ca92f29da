import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { ProblemException, type RequestContext } from '@app/platform';
import { DataSource } from 'typeorm';
import type {
  CreateCaseReferralDto,
  CaseReferralQueryDto,
  CaseReferralResponse,
  UpdateCaseReferralDto,
} from './cases.dto.js';
import { CasesService } from './cases.service.js';
import { validConsentSql } from './consents.service.js';

const REFERRAL_COLUMNS = `id, case_id, from_org_id, to_org_id, purpose, consent_id, message, status, response_note,
  responded_at, created_at, version`;

function referralOf(row: Record<string, unknown>): CaseReferralResponse {
  return {
    id: row.id as string,
    caseId: row.case_id as string,
    fromOrgId: row.from_org_id as string,
    toOrgId: row.to_org_id as string,
    purpose: row.purpose as string,
    consentId: row.consent_id as string,
    message: row.message as string | null,
    status: row.status as string,
    responseNote: row.response_note as string | null,
    respondedAt: row.responded_at ? new Date(row.responded_at as string).toISOString() : null,
    createdAt: new Date(row.created_at as string).toISOString(),
    version: row.version as number,
  };
}

/** What the receiving office may do with a referral in each status. */
const NEXT_STATUSES: Record<string, readonly string[]> = {
  SENT: ['ACCEPTED', 'DECLINED'],
  ACCEPTED: ['COMPLETED'],
  DECLINED: [],
  COMPLETED: [],
};

/**
 * Referrals of a case to another office (city ↔ PESO). Sending needs the resident's consent in
 * force for the purpose and that office; accepting gives the office access to the case (and its
 * normal notes) until the referral is completed or the consent withdrawn.
 */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
  ) {}

  async send(ctx: RequestContext, caseId: string, input: CreateCaseReferralDto): Promise<CaseReferralResponse> {
    return this.dataSource.transaction(async (tx) => {
      const { row, access } = await this.cases.access(tx, ctx, caseId, true);
      if (access !== 'OWNER') throw ProblemException.forbidden('Only the office that owns the case refers it.');
      if (row.status === 'CLOSED') throw ProblemException.conflict('The case is closed.', 'case-closed');
      if (input.toOrgId === ctx.principal!.orgId) {
        throw ProblemException.validation([{ field: 'toOrgId', reason: 'is your own office' }]);
      }
      const [office] = await tx.query(`SELECT 1 FROM organization WHERE id = $1`, [input.toOrgId]);
      if (!office) throw ProblemException.validation([{ field: 'toOrgId', reason: 'no such office' }]);
      const [consent] = await tx.query(
        `SELECT k.id FROM consent k WHERE k.resident_id = $1 AND k.purpose = $2 AND k.recipient_org_id = $3
            AND ${validConsentSql('k', '$4')}
          ORDER BY k.granted_on DESC LIMIT 1`,
        [row.resident_id, input.purpose, input.toOrgId, this.cases.today()],
      );
      if (!consent) {
        throw ProblemException.conflict(
          `The resident has not consented (or no longer consents) to sharing for ${input.purpose} with that office. ` +
            'Record the consent first.',
          'consent-required',
        );
      }
      const [referral] = await tx.query(
        `INSERT INTO referral (case_id, from_org_id, to_org_id, purpose, consent_id, message, sent_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${REFERRAL_COLUMNS}`,
        [
          caseId,
          ctx.principal!.orgId,
          input.toOrgId,
          input.purpose,
          consent.id,
          input.message ?? null,
          ctx.principal!.userId,
        ],
      );
      await tx.query(
        `UPDATE support_case SET status = 'REFERRED', version = version + 1, updated_at = now() WHERE id = $1`,
        [caseId],
      );
      if (row.status !== 'REFERRED')
        await this.cases.event(tx, ctx, caseId, 'changed', { status: [row.status, 'REFERRED'] });
      await this.audit.record(
        ctx,
        {
          action: 'referral.send',
          entity: 'referral',
          entityId: referral.id,
          residentId: row.resident_id as string,
          purpose: input.purpose,
          diff: { caseId, toOrgId: input.toOrgId, purpose: input.purpose },
        },
        tx,
      );
      return referralOf(referral);
    });
  }

  async list(ctx: RequestContext, query: CaseReferralQueryDto): Promise<CaseReferralResponse[]> {
    const column = query.direction === 'outgoing' ? 'from_org_id' : 'to_org_id';
    const params: unknown[] = [ctx.principal!.orgId];
    const status = query.status ? `AND status = $${params.push(query.status)}` : '';
    const rows = await this.dataSource.query(
      `SELECT ${REFERRAL_COLUMNS} FROM referral WHERE ${column} = $1 ${status} ORDER BY created_at DESC LIMIT 500`,
      params,
    );
    return rows.map(referralOf);
  }

  /** The receiving office answers: accept or decline a sent referral, complete an accepted one. */
  async respond(ctx: RequestContext, id: string, input: UpdateCaseReferralDto): Promise<CaseReferralResponse> {
    return this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(`SELECT ${REFERRAL_COLUMNS} FROM referral WHERE id = $1 FOR UPDATE`, [id]);
      if (!before || (before.to_org_id !== ctx.principal!.orgId && before.from_org_id !== ctx.principal!.orgId)) {
        throw ProblemException.notFound('Referral');
      }
      if (before.to_org_id !== ctx.principal!.orgId) {
        throw ProblemException.forbidden('Only the office the case was referred to answers the referral.');
      }
      if (before.version !== input.version) {
        throw ProblemException.staleVersion('The referral', input.version);
      }
      if (!NEXT_STATUSES[before.status].includes(input.status)) {
        throw ProblemException.conflict(
          `A ${before.status} referral cannot become ${input.status}.`,
          'referral-status',
        );
      }
      const [[row]] = await tx.query(
        `UPDATE referral SET status = $2, response_note = coalesce($3, response_note), responded_by_user_id = $4,
                responded_at = clock_timestamp(), version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING ${REFERRAL_COLUMNS}`,
        [id, input.status, input.responseNote ?? null, ctx.principal!.userId],
      );
      // A declined or completed referral hands the case back to its owner.
      if (input.status !== 'ACCEPTED') {
        const [[back]] = await tx.query(
          `UPDATE support_case SET status = 'OPEN', version = version + 1, updated_at = now()
            WHERE id = $1 AND status = 'REFERRED' RETURNING id`,
          [before.case_id],
        );
        if (back) await this.cases.event(tx, ctx, before.case_id, 'changed', { status: ['REFERRED', 'OPEN'] });
      }
      const [{ resident_id: residentId }] = await tx.query(`SELECT resident_id FROM support_case WHERE id = $1`, [
        before.case_id,
      ]);
      await this.audit.record(
        ctx,
        {
          action: 'referral.respond',
          entity: 'referral',
          entityId: id,
          residentId,
          purpose: before.purpose,
          diff: { status: [before.status, input.status] },
        },
        tx,
      );
      return referralOf(row);
    });
  }
}
