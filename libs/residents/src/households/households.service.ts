import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { ProblemException, updateVersioned, type RequestContext } from '@app/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { residentView, type ResidentView } from '../resident-view.js';
import { Resident } from '../resident.entity.js';
import { Household } from './household.entity.js';

export interface HouseholdView {
  id: string;
  municipalityCode: string;
  householdKey: string | null;
  headResidentId: string | null;
  version: number;
  members: ResidentView[];
}

/** Households of the register. Membership lives on the resident (one household at a time). */
@Injectable()
export class HouseholdsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(
    ctx: RequestContext,
    input: { householdKey?: string; memberIds?: string[]; headResidentId?: string },
  ): Promise<HouseholdView> {
    const municipalityCode = ctx.principal!.municipalityCodes[0];
    return this.dataSource.transaction(async (tx) => {
      if (
        input.householdKey &&
        (await tx.exists(Household, { where: { municipalityCode, householdKey: input.householdKey } }))
      ) {
        throw ProblemException.conflict('A household with this household_key already exists.', 'duplicate');
      }
      const household = await tx.save(
        tx.create(Household, { municipalityCode, householdKey: input.householdKey ?? null }),
      );
      const members = [
        ...new Set([...(input.memberIds ?? []), ...(input.headResidentId ? [input.headResidentId] : [])]),
      ];
      for (const residentId of members) await this.join(tx, ctx, household, residentId);
      if (input.headResidentId)
        await tx.update(Household, { id: household.id }, { headResidentId: input.headResidentId });
      await this.audit.record(
        ctx,
        { action: 'household.create', entity: 'household', entityId: household.id, diff: { members } },
        tx,
      );
      return this.view(tx, ctx, household.id);
    });
  }

  async get(ctx: RequestContext, id: string): Promise<HouseholdView> {
    const view = await this.view(this.dataSource.manager, ctx, id);
    await this.audit.record(ctx, { action: 'household.read', entity: 'household', entityId: id });
    return view;
  }

  async addMember(ctx: RequestContext, id: string, residentId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const household = await this.find(tx, ctx, id);
      // A resident named in the path is "not there" (404) when of another municipality, as everywhere.
      await this.join(tx, ctx, household, residentId, () => ProblemException.notFound('Resident'));
      await this.audit.record(
        ctx,
        { action: 'household.add_member', entity: 'household', entityId: id, residentId },
        tx,
      );
    });
  }

  async removeMember(ctx: RequestContext, id: string, residentId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const household = await this.find(tx, ctx, id);
      const result = await tx
        .createQueryBuilder()
        .update(Resident)
        .set({ householdId: null, version: () => 'version + 1', updatedAt: () => 'now()' })
        .where('id = :residentId AND household_id = :id', { residentId, id })
        .execute();
      if (result.affected !== 1) throw ProblemException.notFound('Member of this household');
      if (household.headResidentId === residentId) await tx.update(Household, { id }, { headResidentId: null });
      await this.audit.record(
        ctx,
        { action: 'household.remove_member', entity: 'household', entityId: id, residentId },
        tx,
      );
    });
  }

  async setHead(
    ctx: RequestContext,
    id: string,
    version: number,
    headResidentId: string | null,
  ): Promise<HouseholdView> {
    return this.dataSource.transaction(async (tx) => {
      await this.find(tx, ctx, id);
      if (headResidentId && !(await tx.exists(Resident, { where: { id: headResidentId, householdId: id } }))) {
        throw ProblemException.validation([{ field: 'headResidentId', reason: 'must be a member of the household' }]);
      }
      await updateVersioned(tx, Household, id, version, { headResidentId }, 'Household');
      await this.audit.record(
        ctx,
        { action: 'household.set_head', entity: 'household', entityId: id, diff: { headResidentId } },
        tx,
      );
      return this.view(tx, ctx, id);
    });
  }

  private async join(
    tx: EntityManager,
    ctx: RequestContext,
    household: Household,
    residentId: string,
    missing = () =>
      ProblemException.validation([
        { field: 'residentId', reason: 'no such resident in the household’s municipality' },
      ]),
  ): Promise<void> {
    const result = await tx
      .createQueryBuilder()
      .update(Resident)
      .set({ householdId: household.id, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :residentId AND municipality_code = :code', { residentId, code: household.municipalityCode })
      .execute();
    if (result.affected !== 1) throw missing();
    await this.audit.record(
      ctx,
      {
        action: 'resident.join_household',
        entity: 'resident',
        entityId: residentId,
        residentId,
        diff: { householdId: household.id },
      },
      tx,
    );
  }

  private async find(tx: EntityManager, ctx: RequestContext, id: string): Promise<Household> {
    const household = await tx.findOneBy(Household, { id });
    if (!household || !ctx.principal!.municipalityCodes.includes(household.municipalityCode)) {
      throw ProblemException.notFound('Household');
    }
    return household;
  }

  private async view(tx: EntityManager, ctx: RequestContext, id: string): Promise<HouseholdView> {
    const household = await this.find(tx, ctx, id);
    const members = await tx.find(Resident, { where: { householdId: id }, order: { birthDate: 'ASC' } });
    return {
      id: household.id,
      municipalityCode: household.municipalityCode,
      householdKey: household.householdKey,
      headResidentId: household.headResidentId,
      version: household.version,
      members: members.map((member) => residentView(member, 'CITY')),
    };
  }
}
