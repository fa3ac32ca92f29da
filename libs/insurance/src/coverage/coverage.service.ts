import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { DomainEvents, ProblemException, type RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource, QueryFailedError } from 'typeorm';
import type {
  CoveragePeriodResponse,
  CreateCoveragePeriodDto,
  UpdateCoveragePeriodDto,
} from './coverage-period.dto.js';

const COLUMNS = `id, resident_id, scheme, role, start_date::text AS start_date, end_date::text AS end_date, source,
                 evidence_ref, version, created_at`;

type PeriodRow = {
  id: string;
  resident_id: string;
  scheme: string;
  role: string;
  start_date: string;
  end_date: string | null;
  source: string;
  evidence_ref: string | null;
  version: number;
  created_at: Date;
};

function viewOf(row: PeriodRow): CoveragePeriodResponse {
  return {
    id: row.id,
    residentId: row.resident_id,
    scheme: row.scheme,
    role: row.role,
    startDate: row.start_date,
    endDate: row.end_date,
    source: row.source,
    evidenceRef: row.evidence_ref,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

/** Coverage periods of residents: recorded with their evidence, never overlapping within a scheme. */
@Injectable()
export class CoverageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async list(ctx: RequestContext, residentId: string): Promise<CoveragePeriodResponse[]> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const rows: PeriodRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM coverage_period WHERE resident_id = $1 ORDER BY scheme, start_date`,
      [residentId],
    );
    await this.audit.record(ctx, { action: 'coverage.read', entity: 'resident', entityId: residentId, residentId });
    return rows.map(viewOf);
  }

  async create(
    ctx: RequestContext,
    residentId: string,
    input: CreateCoveragePeriodDto,
  ): Promise<CoveragePeriodResponse> {
    const municipalityCode = await this.directory.visibleMunicipalityOf(ctx, residentId);
    if (input.endDate && input.endDate < input.startDate) {
      throw ProblemException.validation([{ field: 'endDate', reason: 'must not be before startDate' }]);
    }
    let period: CoveragePeriodResponse;
    try {
      period = await this.dataSource.transaction(async (tx) => {
        const [row]: PeriodRow[] = await tx.query(
          `INSERT INTO coverage_period (resident_id, municipality_code, scheme, role, start_date, end_date, source,
                                        evidence_ref, verified_by_user_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
          [
            residentId,
            municipalityCode,
            input.scheme,
            input.role,
            input.startDate,
            input.endDate ?? null,
            input.source ?? 'MANUAL',
            input.evidenceRef ?? null,
            ctx.principal?.userId ?? null,
          ],
        );
        await this.audit.record(
          ctx,
          {
            action: 'coverage.create',
            entity: 'coverage_period',
            entityId: row.id,
            residentId,
            diff: { scheme: input.scheme, startDate: input.startDate, endDate: input.endDate ?? null },
          },
          tx,
        );
        return viewOf(row);
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23P01') {
        throw await this.overlap(residentId, input.scheme, input.startDate, input.endDate ?? null);
      }
      throw error;
    }
    await this.events.publish('coverage.changed', { residentId, municipalityCode, scheme: input.scheme });
    return period;
  }

  /** Ends, reopens or corrects a period; the version the caller read must still be current. */
  async update(
    ctx: RequestContext,
    residentId: string,
    periodId: string,
    input: UpdateCoveragePeriodDto,
  ): Promise<CoveragePeriodResponse> {
    const municipalityCode = await this.directory.visibleMunicipalityOf(ctx, residentId);
    let before: PeriodRow | undefined;
    let period: CoveragePeriodResponse;
    try {
      period = await this.dataSource.transaction(async (tx) => {
        [before] = await tx.query(
          `SELECT ${COLUMNS} FROM coverage_period WHERE id = $1 AND resident_id = $2 FOR UPDATE`,
          [periodId, residentId],
        );
        if (!before) throw ProblemException.notFound('Coverage period');
        if (before.version !== input.version) {
          throw ProblemException.staleVersion('The coverage period', input.version);
        }
        const endDate = input.endDate === undefined ? before.end_date : input.endDate;
        if (endDate && endDate < before.start_date) {
          throw ProblemException.validation([{ field: 'endDate', reason: 'must not be before startDate' }]);
        }
        const role = input.role ?? before.role;
        const evidenceRef = input.evidenceRef === undefined ? before.evidence_ref : input.evidenceRef;
        // TypeORM answers an UPDATE … RETURNING with [rows, affected].
        const [[row]]: [PeriodRow[], number] = await tx.query(
          `UPDATE coverage_period SET end_date = $2, role = $3, evidence_ref = $4, verified_by_user_id = $5,
                  version = version + 1, updated_at = now()
            WHERE id = $1 RETURNING ${COLUMNS}`,
          [periodId, endDate, role, evidenceRef, ctx.principal?.userId ?? null],
        );
        const diff = Object.fromEntries(
          (
            [
              ['endDate', before.end_date, endDate],
              ['role', before.role, role],
              ['evidenceRef', before.evidence_ref, evidenceRef],
            ] as const
          )
            .filter(([, from, to]) => from !== to)
            .map(([field, from, to]) => [field, [from, to]]),
        );
        await this.audit.record(
          ctx,
          { action: 'coverage.update', entity: 'coverage_period', entityId: periodId, residentId, diff },
          tx,
        );
        return viewOf(row);
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23P01' && before) {
        throw await this.overlap(residentId, before.scheme, before.start_date, input.endDate ?? null, periodId);
      }
      throw error;
    }
    await this.events.publish('coverage.changed', { residentId, municipalityCode, scheme: period.scheme });
    return period;
  }

  /** A 409 that names the period a new or changed one would overlap. */
  private async overlap(
    residentId: string,
    scheme: string,
    startDate: string,
    endDate: string | null,
    changedId: string | null = null,
  ): Promise<ProblemException> {
    const [existing]: PeriodRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM coverage_period
        WHERE resident_id = $1 AND scheme = $2 AND daterange(start_date, end_date, '[]') && daterange($3::date, $4::date, '[]')
          AND id IS DISTINCT FROM $5::uuid
        ORDER BY start_date LIMIT 1`,
      [residentId, scheme, startDate, endDate, changedId],
    );
    return ProblemException.of(
      409,
      'coverage-overlap',
      `The resident already has ${scheme} coverage in that time (${existing?.start_date ?? '?'} – ${existing?.end_date ?? 'open'}); end or change that period first.`,
      { conflictingPeriod: existing ? viewOf(existing) : null },
    );
  }
}
