import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  containsPattern,
  ProblemException,
  toPage,
  updateVersioned,
  type Page,
  type RequestContext,
  type Role,
} from '@app/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { PasswordService } from '../auth/password.service.js';
import { PrincipalCache } from '../auth/principal-cache.js';
import { SessionService } from '../auth/session.service.js';
import { rolesNotAllowedIn } from '../authz/role-rules.js';
import { Organization } from '../organizations/organization.entity.js';
import { changedFields, organizationView } from '../organizations/organizations.service.js';
import type { CreateUserDto, UpdateUserDto, UserView } from './user.dto.js';
import { User } from './user.entity.js';

export function userView(user: User & { organization: Organization }): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    active: user.active,
    orgId: user.orgId,
    organization: organizationView(user.organization),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** Staff accounts. An administrator manages the accounts of their own office. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly cache: PrincipalCache,
  ) {}

  /**
   * Creates an account. An administrator creates accounts in their own office, or the first
   * administrator of an office that has none yet (so that a new office can be handed over).
   * `ctx.principal` null means the operator's CLI, which may create anywhere.
   */
  async create(ctx: RequestContext, input: CreateUserDto, manager?: EntityManager): Promise<UserView> {
    const passwordHash = await this.passwords.hash(input.password);
    const work = async (tx: EntityManager) => {
      const orgId = input.orgId ?? ctx.principal?.orgId;
      if (!orgId) throw ProblemException.validation([{ field: 'orgId', reason: 'orgId is required' }]);
      const org = await tx.findOne(Organization, { where: { id: orgId } });
      if (!org) throw ProblemException.validation([{ field: 'orgId', reason: 'no such organization' }]);
      if (ctx.principal && ctx.principal.orgId !== orgId) {
        const hasAdmin = await tx
          .createQueryBuilder(User, 'u')
          .where(`u.org_id = :orgId AND u.active AND 'ADMIN' = ANY(u.roles)`, { orgId })
          .getExists();
        if (hasAdmin || !input.roles.includes('ADMIN')) {
          throw ProblemException.forbidden(
            'Administrators create accounts in their own office, or the first administrator of an office that has none.',
          );
        }
      }
      this.assertRolesFit(org, input.roles);
      if (
        await tx
          .createQueryBuilder(User, 'u')
          .where('lower(u.email) = lower(:email)', { email: input.email })
          .getExists()
      ) {
        throw ProblemException.conflict('An account with this e-mail address already exists.', 'duplicate');
      }
      const saved = await tx.save(
        tx.create(User, {
          orgId,
          email: input.email.trim().toLowerCase(),
          displayName: input.displayName.trim(),
          passwordHash,
          roles: sortRoles(input.roles),
        }),
      );
      await this.audit.record(
        ctx,
        { action: 'user.create', entity: 'user', entityId: saved.id, diff: { orgId, roles: saved.roles } },
        tx,
      );
      return this.get(saved.id, tx);
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async update(ctx: RequestContext, id: string, input: UpdateUserDto): Promise<UserView> {
    const updated = await this.updateInTransaction(ctx, id, input);
    // Roles, name or access changed: cached sessions of this user must be re-read.
    await this.cache.evict({ userId: id });
    return updated;
  }

  private async updateInTransaction(ctx: RequestContext, id: string, input: UpdateUserDto): Promise<UserView> {
    const principal = ctx.principal!;
    return this.dataSource.transaction(async (tx) => {
      const before = await this.findInOrg(tx, id, principal.orgId);
      const changes: Partial<User> = {};
      if (input.displayName !== undefined) changes.displayName = input.displayName.trim();
      if (input.roles !== undefined) {
        this.assertRolesFit(before.organization, input.roles);
        changes.roles = sortRoles(input.roles);
      }
      if (input.active !== undefined) changes.active = input.active;
      const losesAdmin =
        before.active &&
        before.roles.includes('ADMIN') &&
        (changes.active === false || (changes.roles && !changes.roles.includes('ADMIN')));
      if (losesAdmin) await this.assertAnotherAdmin(tx, before);
      await updateVersioned(tx, User, id, input.version, changes, 'User');
      if (changes.active === false) await this.sessions.revokeAllOf(id, tx);
      const after = await this.findInOrg(tx, id, principal.orgId);
      const diff = changedFields(before, after, ['displayName', 'roles', 'active']);
      const action = diff.roles
        ? 'user.roles_change'
        : diff.active
          ? after.active
            ? 'user.activate'
            : 'user.deactivate'
          : 'user.update';
      await this.audit.record(ctx, { action, entity: 'user', entityId: id, diff }, tx);
      return userView(after);
    });
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<UserView> {
    const user = await manager.findOne(User, { where: { id }, relations: { organization: true } });
    if (!user) throw ProblemException.notFound('User');
    return userView(user as User & { organization: Organization });
  }

  async getInOrg(id: string, orgId: string): Promise<UserView> {
    return userView(await this.findInOrg(this.dataSource.manager, id, orgId));
  }

  async list(
    orgId: string,
    query: { q?: string; limit: number; cursor?: { email: string; id: string } },
  ): Promise<Page<UserView>> {
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.organization', 'o')
      .where('u.org_id = :orgId', { orgId });
    if (query.q) {
      const pattern = containsPattern(query.q);
      qb.andWhere('(u.display_name ILIKE :pattern OR u.email ILIKE :pattern)', { pattern });
    }
    if (query.cursor) qb.andWhere('(u.email, u.id) > (:email, :id)', query.cursor);
    const rows = await qb
      .orderBy('u.email', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    const views = rows.map((user) => userView(user as User & { organization: Organization }));
    return toPage(views, query.limit, (user) => ({ email: user.email, id: user.id }));
  }

  private async findInOrg(
    manager: EntityManager,
    id: string,
    orgId: string,
  ): Promise<User & { organization: Organization }> {
    const user = await manager.findOne(User, { where: { id, orgId }, relations: { organization: true } });
    if (!user) throw ProblemException.notFound('User');
    return user as User & { organization: Organization };
  }

  private assertRolesFit(org: Organization, roles: Role[]): void {
    const wrong = rolesNotAllowedIn(org.kind, roles);
    if (wrong.length) {
      throw ProblemException.validation([
        { field: 'roles', reason: `${wrong.join(', ')} cannot be held in a ${org.kind} office` },
      ]);
    }
  }

  /** An office always keeps one active administrator, so it can never lock itself out. */
  private async assertAnotherAdmin(manager: EntityManager, user: User): Promise<void> {
    const others = await manager
      .createQueryBuilder(User, 'u')
      .where(`u.org_id = :orgId AND u.id <> :id AND u.active AND 'ADMIN' = ANY(u.roles)`, {
        orgId: user.orgId,
        id: user.id,
      })
      .getCount();
    if (others === 0)
      throw ProblemException.conflict('This is the last active administrator of the office.', 'last-admin');
  }
}

function sortRoles(roles: Role[]): Role[] {
  return [...new Set(roles)].sort();
}
