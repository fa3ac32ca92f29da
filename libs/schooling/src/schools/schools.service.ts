import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { ProblemException, type RequestContext } from '@app/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { CreateSchoolDto, SchoolResponse, UpdateSchoolDto } from '../schooling.dto.js';
import type { SchoolKind } from '../schooling-codes.js';

const COLUMNS = `id, municipality_code, code, name, kind, address, closed_on::text AS closed_on, version`;

export function schoolOf(row: Record<string, unknown>): SchoolResponse {
  return {
    id: row.id as string,
    municipalityCode: row.municipality_code as string,
    code: row.code as string,
    name: row.name as string,
    kind: row.kind as SchoolKind,
    address: row.address as string | null,
    closedOn: row.closed_on as string | null,
    version: row.version as number,
  };
}

/** The schools of a municipality that children attend: public, private, foreign and others. */
@Injectable()
export class SchoolsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext): Promise<SchoolResponse[]> {
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM school WHERE municipality_code = ANY ($1::char(6)[]) ORDER BY kind, code`,
      [ctx.principal!.municipalityCodes],
    );
    return rows.map(schoolOf);
  }

  async create(ctx: RequestContext, input: CreateSchoolDto): Promise<SchoolResponse> {
    const municipalityCode = this.homeMunicipality(ctx);
    return this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO school (municipality_code, code, name, kind, address) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (municipality_code, code) DO NOTHING RETURNING ${COLUMNS}`,
        [municipalityCode, input.code, input.name, input.kind, input.address ?? null],
      );
      if (!row) throw ProblemException.conflict(`A school with the code ${input.code} already exists.`, 'duplicate');
      await this.audit.record(
        ctx,
        { action: 'school.create', entity: 'school', entityId: row.id, diff: { ...input } },
        tx,
      );
      return schoolOf(row);
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateSchoolDto): Promise<SchoolResponse> {
    return this.dataSource.transaction(async (tx) => {
      const before = await this.visible(tx, ctx, id, true);
      if (before.version !== input.version) throw ProblemException.staleVersion('The school', input.version);
      const [[row]] = await tx.query(
        `UPDATE school SET name = coalesce($2, name), kind = coalesce($3, kind),
                address = CASE WHEN $4::boolean THEN $5 ELSE address END,
                closed_on = CASE WHEN $6::boolean THEN $7::date ELSE closed_on END,
                version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [
          id,
          input.name ?? null,
          input.kind ?? null,
          input.address !== undefined,
          input.address ?? null,
          input.closedOn !== undefined,
          input.closedOn ?? null,
        ],
      );
      await this.audit.record(ctx, { action: 'school.update', entity: 'school', entityId: id, diff: { ...input } }, tx);
      return schoolOf(row);
    });
  }

  /** A school of the caller's municipalities (404 otherwise), locked for the transaction if asked. */
  async visible(
    manager: EntityManager,
    ctx: RequestContext,
    id: string,
    lock = false,
  ): Promise<Record<string, unknown>> {
    const [row] = await manager.query(
      `SELECT ${COLUMNS} FROM school WHERE id = $1 AND municipality_code = ANY ($2::char(6)[]) ${lock ? 'FOR UPDATE' : ''}`,
      [id, ctx.principal!.municipalityCodes],
    );
    if (!row) throw ProblemException.notFound('School');
    return row;
  }

  /** A board of education keeps the schools of its own municipality. */
  private homeMunicipality(ctx: RequestContext): string {
    const codes = ctx.principal!.municipalityCodes;
    if (codes.length !== 1) throw ProblemException.forbidden('Schools are kept by the office of one municipality.');
    return codes[0];
  }
}
