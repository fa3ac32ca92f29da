import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  containsPattern,
  ProblemException,
  updateVersioned,
  type Page,
  type RequestContext,
  toPage,
} from '@app/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { PrincipalCache } from '../auth/principal-cache.js';
import { Organization } from './organization.entity.js';
import type { CreateOrganizationDto, OrganizationView, UpdateOrganizationDto } from './organization.dto.js';

export function organizationView(org: Organization): OrganizationView {
  return {
    id: org.id,
    kind: org.kind,
    name: org.name,
    municipalityCode: org.municipalityCode,
    jurisdictionCodes: org.jurisdictionCodes,
    version: org.version,
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
  };
}

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cache: PrincipalCache,
  ) {}

  async create(ctx: RequestContext, input: CreateOrganizationDto, manager?: EntityManager): Promise<OrganizationView> {
    if (input.kind === 'CITY' && input.jurisdictionCodes !== undefined) {
      throw ProblemException.validation([
        { field: 'jurisdictionCodes', reason: 'only a PESO office has a jurisdiction list' },
      ]);
    }
    if (input.kind === 'PESO' && input.municipalityCode !== undefined) {
      throw ProblemException.validation([
        { field: 'municipalityCode', reason: 'only a CITY office has a municipality code' },
      ]);
    }
    const work = async (tx: EntityManager) => {
      if (
        input.kind === 'CITY' &&
        (await tx.exists(Organization, { where: { municipalityCode: input.municipalityCode } }))
      ) {
        throw ProblemException.conflict(
          `A city office with municipality code ${input.municipalityCode} already exists.`,
          'duplicate',
        );
      }
      const org = await tx.save(
        tx.create(Organization, {
          kind: input.kind,
          name: input.name.trim(),
          municipalityCode: input.kind === 'CITY' ? input.municipalityCode! : null,
          jurisdictionCodes: input.kind === 'PESO' ? [...input.jurisdictionCodes!].sort() : [],
        }),
      );
      await this.audit.record(
        ctx,
        {
          action: 'organization.create',
          entity: 'organization',
          entityId: org.id,
          diff: {
            kind: org.kind,
            name: org.name,
            municipalityCode: org.municipalityCode,
            jurisdictionCodes: org.jurisdictionCodes,
          },
        },
        tx,
      );
      return organizationView(org);
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async update(ctx: RequestContext, id: string, input: UpdateOrganizationDto): Promise<OrganizationView> {
    const updated = await this.updateInTransaction(ctx, id, input);
    // A jurisdiction change changes what every member of the office may see: re-read at once.
    await this.cache.evict({ orgId: id });
    return updated;
  }

  private async updateInTransaction(
    ctx: RequestContext,
    id: string,
    input: UpdateOrganizationDto,
  ): Promise<OrganizationView> {
    if (ctx.principal!.orgId !== id) throw ProblemException.forbidden('Administrators change their own office only.');
    return this.dataSource.transaction(async (tx) => {
      const before = await this.get(id, tx);
      if (input.jurisdictionCodes && before.kind !== 'PESO') {
        throw ProblemException.validation([
          { field: 'jurisdictionCodes', reason: 'only a PESO office has a jurisdiction list' },
        ]);
      }
      const changes: Partial<Organization> = {};
      if (input.name !== undefined) changes.name = input.name.trim();
      if (input.jurisdictionCodes !== undefined) changes.jurisdictionCodes = [...input.jurisdictionCodes].sort();
      await updateVersioned(tx, Organization, id, input.version, changes, 'Organization');
      const after = await this.get(id, tx);
      await this.audit.record(
        ctx,
        {
          action: 'organization.update',
          entity: 'organization',
          entityId: id,
          diff: changedFields(before, after, ['name', 'jurisdictionCodes']),
        },
        tx,
      );
      return after;
    });
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<OrganizationView> {
    const org = await manager.findOne(Organization, { where: { id } });
    if (!org) throw ProblemException.notFound('Organization');
    return organizationView(org);
  }

  async findByReference(reference: string): Promise<Organization | null> {
    const repo = this.dataSource.getRepository(Organization);
    if (/^[0-9a-f-]{36}$/i.test(reference)) return repo.findOne({ where: { id: reference } });
    if (/^\d{6}$/.test(reference)) return repo.findOne({ where: { municipalityCode: reference } });
    return repo.createQueryBuilder('o').where('lower(o.name) = lower(:name)', { name: reference }).getOne();
  }

  /**
   * The offices a staff member works with: the city offices of their municipalities and the PESO
   * offices whose jurisdiction covers any of them (for consents and referrals), never all offices.
   */
  async partners(municipalityCodes: readonly string[]): Promise<OfficeSummary[]> {
    const rows: Array<{
      id: string;
      kind: string;
      name: string;
      municipality_code: string | null;
      jurisdiction_codes: string[];
    }> = await this.dataSource.query(
      `SELECT id, kind, name, municipality_code, jurisdiction_codes FROM organization
          WHERE municipality_code = ANY ($1::char(6)[]) OR jurisdiction_codes && $1::char(6)[]
          ORDER BY kind, name`,
      [municipalityCodes],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind as OfficeSummary['kind'],
      name: row.name,
      municipalityCode: row.municipality_code,
      jurisdictionCodes: row.jurisdiction_codes.map((code) => code.trim()),
    }));
  }

  async list(query: {
    q?: string;
    kind?: string;
    limit: number;
    cursor?: { name: string; id: string };
  }): Promise<Page<OrganizationView>> {
    const qb = this.dataSource.getRepository(Organization).createQueryBuilder('o');
    if (query.q) qb.andWhere(`o.name ILIKE :q`, { q: containsPattern(query.q) });
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.cursor) qb.andWhere('(o.name, o.id) > (:name, :id)', query.cursor);
    const rows = await qb
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(rows.map(organizationView), query.limit, (org) => ({ name: org.name, id: org.id }));
  }
}

export interface OfficeSummary {
  id: string;
  kind: 'CITY' | 'PESO';
  name: string;
  municipalityCode: string | null;
  jurisdictionCodes: string[];
}

/** `{ field: [before, after] }` for the fields that changed. */
export function changedFields<T extends object>(
  before: T,
  after: T,
  fields: (keyof T)[],
): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const field of fields) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      diff[field as string] = [before[field], after[field]];
  }
  return diff;
}
