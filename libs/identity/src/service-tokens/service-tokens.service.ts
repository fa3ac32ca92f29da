import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { ProblemException, type OrganizationKind, type Principal, type RequestContext, type Role } from '@app/platform';
import { DataSource } from 'typeorm';
import { PrincipalCache } from '../auth/principal-cache.js';
import { plainHash, randomToken } from '../auth/token-hash.js';
import { rolesNotAllowedIn } from '../authz/role-rules.js';
import { ServiceToken } from './service-token.entity.js';

const PREFIX = 'kys_';

export interface ServiceTokenView {
  id: string;
  name: string;
  roles: Role[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

interface TokenRow {
  id: string;
  expires_at: Date | null;
  roles: Role[];
  org_id: string;
  org_kind: OrganizationKind;
  municipality_code: string | null;
  jurisdiction_codes: string[];
  touch: boolean;
}

/** Machine credentials: shown once, stored as a SHA-256 hash, scoped by roles, revocable. */
@Injectable()
export class ServiceTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cache: PrincipalCache,
  ) {}

  looksLikeToken(value: string): boolean {
    return value.startsWith(PREFIX) && value.length > PREFIX.length + 20;
  }

  async create(
    ctx: RequestContext,
    input: { name: string; roles: Role[]; expiresAt?: Date },
  ): Promise<ServiceTokenView & { token: string }> {
    const principal = ctx.principal!;
    if (input.roles.includes('ADMIN')) {
      throw ProblemException.validation([{ field: 'roles', reason: 'a service token cannot administer users' }]);
    }
    const wrong = rolesNotAllowedIn(principal.orgKind, input.roles);
    if (wrong.length) {
      throw ProblemException.validation([
        { field: 'roles', reason: `${wrong.join(', ')} cannot be held in a ${principal.orgKind} office` },
      ]);
    }
    const token = `${PREFIX}${randomToken()}`;
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(ServiceToken, {
          orgId: principal.orgId,
          name: input.name,
          tokenHash: plainHash(token),
          roles: [...new Set(input.roles)],
          createdByUserId: principal.userId,
          expiresAt: input.expiresAt ?? null,
        }),
      );
      await this.audit.record(
        ctx,
        {
          action: 'service_token.create',
          entity: 'service_token',
          entityId: saved.id,
          diff: { name: saved.name, roles: saved.roles },
        },
        manager,
      );
      return { ...toView(saved), token };
    });
  }

  async list(principal: Principal): Promise<ServiceTokenView[]> {
    const tokens = await this.dataSource.manager.find(ServiceToken, {
      where: { orgId: principal.orgId },
      order: { createdAt: 'DESC' },
    });
    return tokens.map(toView);
  }

  async revoke(ctx: RequestContext, id: string): Promise<void> {
    await this.revokeInTransaction(ctx, id);
    await this.cache.evict({ tokenId: id });
  }

  private async revokeInTransaction(ctx: RequestContext, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(ServiceToken)
        .set({ revokedAt: () => 'now()', updatedAt: () => 'now()' })
        .where('id = :id AND org_id = :orgId AND revoked_at IS NULL', { id, orgId: ctx.principal!.orgId })
        .execute();
      if (result.affected !== 1) {
        const exists = await manager.exists(ServiceToken, { where: { id, orgId: ctx.principal!.orgId } });
        if (!exists) throw ProblemException.notFound('Service token');
        return; // already revoked: revoking again changes nothing
      }
      await this.audit.record(ctx, { action: 'service_token.revoke', entity: 'service_token', entityId: id }, manager);
    });
  }

  async resolve(token: string): Promise<{ principal: Principal; expiresAtMs: number } | null> {
    const rows: TokenRow[] = await this.dataSource.query(
      `SELECT t.id, t.roles, t.expires_at, o.id AS org_id, o.kind AS org_kind, o.municipality_code, o.jurisdiction_codes,
              (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS touch
         FROM service_token t JOIN organization o ON o.id = t.org_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`,
      [plainHash(token)],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.touch) await this.dataSource.query(`UPDATE service_token SET last_used_at = now() WHERE id = $1`, [row.id]);
    return {
      expiresAtMs: row.expires_at?.getTime() ?? Number.POSITIVE_INFINITY,
      principal: {
        kind: 'service',
        userId: null,
        serviceTokenId: row.id,
        sessionId: null,
        orgId: row.org_id,
        orgKind: row.org_kind,
        municipalityCodes:
          row.org_kind === 'CITY' && row.municipality_code ? [row.municipality_code] : row.jurisdiction_codes,
        roles: row.roles,
      },
    };
  }
}

function toView(token: ServiceToken): ServiceTokenView {
  return {
    id: token.id,
    name: token.name,
    roles: token.roles,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    createdAt: token.createdAt.toISOString(),
  };
}
