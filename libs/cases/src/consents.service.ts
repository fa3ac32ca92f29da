import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { AppConfig, Clock, officeDate, ProblemException, type RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource } from 'typeorm';
import type { ConsentResponse, CreateConsentDto, WithdrawConsentDto } from './cases.dto.js';

/** SQL: consent `k` is in force on `day` — granted, not expired, not withdrawn. */
export function validConsentSql(k: string, day: string): string {
  return `${k}.withdrawn_on IS NULL AND ${k}.granted_on <= ${day}::date
          AND (${k}.expires_on IS NULL OR ${k}.expires_on >= ${day}::date)`;
}

const CONSENT_COLUMNS = `id, resident_id, purpose, recipient_org_id, recorded_by_org_id, granted_on::text AS granted_on,
  expires_on::text AS expires_on, withdrawn_on::text AS withdrawn_on, evidence_ref, explanation_language, version`;

function consentOf(row: Record<string, unknown>, today: string): ConsentResponse {
  const expiresOn = row.expires_on as string | null;
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    purpose: row.purpose as string,
    recipientOrgId: row.recipient_org_id as string,
    recordedByOrgId: row.recorded_by_org_id as string,
    grantedOn: row.granted_on as string,
    expiresOn,
    withdrawnOn: row.withdrawn_on as string | null,
    evidenceRef: row.evidence_ref as string,
    explanationLanguage: row.explanation_language as string,
    valid:
      row.withdrawn_on === null && (row.granted_on as string) <= today && (expiresOn === null || expiresOn >= today),
    version: row.version as number,
  };
}

/**
 * A resident's consents to share their case with another office for a purpose: recorded with the
 * date, the recipient, the signed form and the language it was explained in. Withdrawal takes
 * effect at once: the recipient's access to the cases referred under it ends with it.
 */
@Injectable()
export class ConsentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  today(): string {
    return officeDate(this.clock.now(), this.config.get('TZ_OFFICE'));
  }

  async record(ctx: RequestContext, residentId: string, input: CreateConsentDto): Promise<ConsentResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const today = this.today();
    const problems = [];
    if (input.grantedOn > today) problems.push({ field: 'grantedOn', reason: 'must not be in the future' });
    if (input.expiresOn && input.expiresOn < input.grantedOn) {
      problems.push({ field: 'expiresOn', reason: 'must not be before grantedOn' });
    }
    if (input.recipientOrgId === ctx.principal!.orgId) {
      problems.push({ field: 'recipientOrgId', reason: 'is your own office; consent is for sharing with another' });
    }
    if (problems.length) throw ProblemException.validation(problems);
    return this.dataSource.transaction(async (tx) => {
      const [recipient] = await tx.query(`SELECT 1 FROM organization WHERE id = $1`, [input.recipientOrgId]);
      if (!recipient) throw ProblemException.validation([{ field: 'recipientOrgId', reason: 'no such office' }]);
      const [row] = await tx.query(
        `INSERT INTO consent (resident_id, purpose, recipient_org_id, recorded_by_org_id, granted_on, expires_on,
                              evidence_ref, explanation_language)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${CONSENT_COLUMNS}`,
        [
          residentId,
          input.purpose,
          input.recipientOrgId,
          ctx.principal!.orgId,
          input.grantedOn,
          input.expiresOn ?? null,
          input.evidenceRef,
          input.explanationLanguage,
        ],
      );
      await this.audit.record(
        ctx,
        {
          action: 'consent.create',
          entity: 'consent',
          entityId: row.id,
          residentId,
          diff: { purpose: input.purpose, recipientOrgId: input.recipientOrgId },
        },
        tx,
      );
      return consentOf(row, today);
    });
  }

  async ofResident(ctx: RequestContext, residentId: string): Promise<ConsentResponse[]> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const rows = await this.dataSource.query(
      `SELECT ${CONSENT_COLUMNS} FROM consent WHERE resident_id = $1 ORDER BY granted_on DESC, created_at DESC`,
      [residentId],
    );
    await this.audit.record(ctx, { action: 'consent.read', entity: 'resident', entityId: residentId, residentId });
    const today = this.today();
    return rows.map((row: Record<string, unknown>) => consentOf(row, today));
  }

  /** Withdraws a consent (today unless an earlier day is given); sharing under it stops at once. */
  async withdraw(ctx: RequestContext, id: string, input: WithdrawConsentDto): Promise<ConsentResponse> {
    const today = this.today();
    const withdrawnOn = input.withdrawnOn ?? today;
    if (withdrawnOn > today) {
      throw ProblemException.validation([{ field: 'withdrawnOn', reason: 'must not be in the future' }]);
    }
    return this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(`SELECT ${CONSENT_COLUMNS} FROM consent WHERE id = $1 FOR UPDATE`, [id]);
      if (!before) throw ProblemException.notFound('Consent');
      await this.directory.visibleMunicipalityOf(ctx, before.resident_id).catch(() => {
        throw ProblemException.notFound('Consent');
      });
      if (before.withdrawn_on) {
        throw ProblemException.conflict(`The consent was withdrawn on ${before.withdrawn_on}.`, 'consent-withdrawn');
      }
      if (withdrawnOn < before.granted_on) {
        throw ProblemException.validation([
          { field: 'withdrawnOn', reason: 'must not be before the consent was granted' },
        ]);
      }
      const [[row]] = await tx.query(
        `UPDATE consent SET withdrawn_on = $2, version = version + 1, updated_at = now() WHERE id = $1
         RETURNING ${CONSENT_COLUMNS}`,
        [id, withdrawnOn],
      );
      await this.audit.record(
        ctx,
        {
          action: 'consent.withdraw',
          entity: 'consent',
          entityId: id,
          residentId: before.resident_id,
          diff: { withdrawnOn },
        },
        tx,
      );
      return consentOf(row, today);
    });
  }
}
