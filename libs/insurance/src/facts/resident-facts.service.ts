import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { DomainEvents, ProblemException, type RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource } from 'typeorm';
import type { ObligationFacts } from '../obligations/index.js';
import {
  RECORDABLE_FACTS,
  type PutResidentFactsDto,
  type RecordedFacts,
  type ResidentFactsResponse,
} from './resident-facts.dto.js';

type FactsRow = { resident_id: string; facts: RecordedFacts; version: number; updated_at: Date };

/** Only the recordable facts, without absent ones (the body may carry anything else). */
function pickFacts(input: Partial<RecordedFacts>): RecordedFacts {
  const facts: Record<string, unknown> = {};
  for (const name of RECORDABLE_FACTS) {
    if (input[name] !== undefined && input[name] !== null) facts[name] = input[name];
  }
  return facts as RecordedFacts;
}

/** What a caseworker was told about a resident that the register does not hold. */
@Injectable()
export class ResidentFactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async get(ctx: RequestContext, residentId: string): Promise<ResidentFactsResponse> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const [row]: FactsRow[] = await this.dataSource.query(
      `SELECT * FROM resident_insurance_facts WHERE resident_id = $1`,
      [residentId],
    );
    await this.audit.record(ctx, {
      action: 'insurance-facts.read',
      entity: 'resident',
      entityId: residentId,
      residentId,
    });
    return viewOf(residentId, row);
  }

  async put(ctx: RequestContext, residentId: string, input: PutResidentFactsDto): Promise<ResidentFactsResponse> {
    const municipalityCode = await this.directory.visibleMunicipalityOf(ctx, residentId);
    const facts = pickFacts(input);
    const saved = await this.dataSource.transaction(async (tx) => {
      const [before]: FactsRow[] = await tx.query(
        `SELECT * FROM resident_insurance_facts WHERE resident_id = $1 FOR UPDATE`,
        [residentId],
      );
      if ((before?.version ?? 0) !== input.version) {
        throw ProblemException.staleVersion("The resident's insurance facts", input.version);
      }
      // TypeORM answers an INSERT … RETURNING with the rows, an UPDATE … RETURNING with [rows, affected].
      const row: FactsRow = before
        ? (
            await tx.query(
              `UPDATE resident_insurance_facts SET facts = $2, updated_by_user_id = $3, version = version + 1,
                      updated_at = now()
                WHERE resident_id = $1 RETURNING *`,
              [residentId, JSON.stringify(facts), ctx.principal?.userId ?? null],
            )
          )[0][0]
        : (
            await tx.query(
              `INSERT INTO resident_insurance_facts (resident_id, municipality_code, facts, updated_by_user_id)
               VALUES ($1, $2, $3, $4) RETURNING *`,
              [residentId, municipalityCode, JSON.stringify(facts), ctx.principal?.userId ?? null],
            )
          )[0];
      const changed = RECORDABLE_FACTS.filter((name) => before?.facts[name] !== facts[name]);
      await this.audit.record(
        ctx,
        {
          action: 'insurance-facts.update',
          entity: 'resident',
          entityId: residentId,
          residentId,
          diff: Object.fromEntries(changed.map((name) => [name, [before?.facts[name] ?? null, facts[name] ?? null]])),
        },
        tx,
      );
      return row;
    });
    await this.events.publish('insurance-facts.changed', { residentId, municipalityCode });
    return viewOf(residentId, saved);
  }

  /** The recorded facts of one resident, as engine facts (empty when none). */
  async factsOf(residentId: string): Promise<Partial<ObligationFacts>> {
    return (await this.factsOfMany([residentId])).get(residentId) ?? {};
  }

  async factsOfMany(residentIds: readonly string[]): Promise<Map<string, Partial<ObligationFacts>>> {
    if (residentIds.length === 0) return new Map();
    const rows: FactsRow[] = await this.dataSource.query(
      `SELECT resident_id, facts FROM resident_insurance_facts WHERE resident_id = ANY ($1::uuid[])`,
      [residentIds],
    );
    return new Map(rows.map((row) => [row.resident_id, pickFacts(row.facts)]));
  }
}

function viewOf(residentId: string, row: FactsRow | undefined): ResidentFactsResponse {
  return {
    residentId,
    facts: row ? pickFacts(row.facts) : {},
    version: row?.version ?? 0,
    updatedAt: row?.updated_at.toISOString() ?? null,
  };
}
