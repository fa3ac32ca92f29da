import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Clock, fiscalYearOf, officeDate, ProblemException, type RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource, QueryFailedError } from 'typeorm';
import type { CreatePensionReliefDto, PensionReliefResponse } from './pension-relief.dto.js';

const COLUMNS = `id, resident_id, fiscal_year, kind, decided_on::text AS decided_on, status, evidence_ref, version,
                 created_at`;

type ReliefRow = {
  id: string;
  resident_id: string;
  fiscal_year: number;
  kind: string;
  decided_on: string | null;
  status: string;
  evidence_ref: string | null;
  version: number;
  created_at: Date;
};

function viewOf(row: ReliefRow): PensionReliefResponse {
  return {
    id: row.id,
    residentId: row.resident_id,
    fiscalYear: row.fiscal_year,
    kind: row.kind,
    decidedOn: row.decided_on,
    status: row.status,
    evidenceRef: row.evidence_ref,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

/** National Pension relief of residents (exemptions and deferrals), one record per relief year and kind. */
@Injectable()
export class PensionReliefService {
  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, residentId: string): Promise<PensionReliefResponse[]> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const rows: ReliefRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM pension_relief WHERE resident_id = $1 ORDER BY fiscal_year DESC, kind`,
      [residentId],
    );
    await this.audit.record(ctx, {
      action: 'pension-relief.read',
      entity: 'resident',
      entityId: residentId,
      residentId,
    });
    return rows.map(viewOf);
  }

  async create(ctx: RequestContext, residentId: string, input: CreatePensionReliefDto): Promise<PensionReliefResponse> {
    const municipalityCode = await this.directory.visibleMunicipalityOf(ctx, residentId);
    // Applications for the coming year are taken before it starts; later years are a typo.
    const latest = fiscalYearOf(officeDate(this.clock.now())) + 1;
    if (input.fiscalYear > latest) {
      throw ProblemException.validation([
        { field: 'fiscalYear', reason: `must not be after ${latest} (the next fiscal year)` },
      ]);
    }
    try {
      return await this.dataSource.transaction(async (tx) => {
        const [row]: ReliefRow[] = await tx.query(
          `INSERT INTO pension_relief (resident_id, municipality_code, fiscal_year, kind, decided_on, status, evidence_ref,
                                       recorded_by_user_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
          [
            residentId,
            municipalityCode,
            input.fiscalYear,
            input.kind,
            input.decidedOn ?? null,
            input.status ?? 'APPROVED',
            input.evidenceRef ?? null,
            ctx.principal?.userId ?? null,
          ],
        );
        await this.audit.record(
          ctx,
          {
            action: 'pension-relief.create',
            entity: 'pension_relief',
            entityId: row.id,
            residentId,
            diff: { fiscalYear: row.fiscal_year, kind: row.kind, status: row.status },
          },
          tx,
        );
        return viewOf(row);
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw await this.duplicate(residentId, input);
      }
      throw error;
    }
  }

  /** A 409 that names the record already held for that year and kind. */
  private async duplicate(residentId: string, input: CreatePensionReliefDto): Promise<ProblemException> {
    const [existing]: ReliefRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM pension_relief WHERE resident_id = $1 AND fiscal_year = $2 AND kind = $3`,
      [residentId, input.fiscalYear, input.kind],
    );
    return ProblemException.of(
      409,
      'pension-relief-exists',
      `The resident already has a ${input.kind} record for ${input.fiscalYear} (${existing?.status ?? '?'}); change that record instead.`,
      { existing: existing ? viewOf(existing) : null },
    );
  }
}
