import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RequestContext } from '@app/platform';
import { DataSource, type EntityManager } from 'typeorm';

export interface AuditEntry {
  /** What happened, as `<entity>.<verb>`: 'user.create', 'auth.login_failed', 'resident.read'. */
  action: string;
  entity: string;
  entityId?: string | null;
  residentId?: string | null;
  /** Field changes as `{ field: [before, after] }`, or facts about the event. Never passwords. */
  diff?: Record<string, unknown> | null;
  /** Overrides the context's purpose (e.g. a route's declared purpose). */
  purpose?: string | null;
  /** For events without a principal yet, such as a failed login. */
  actorUserId?: string | null;
  actorOrgId?: string | null;
}

export interface AuditQuery {
  orgId: string;
  entity?: string;
  entityId?: string;
  userId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: { at: string; id: string };
}

export interface AuditEventView {
  id: string;
  at: string;
  actorUserId: string | null;
  actorServiceTokenId: string | null;
  actorOrgId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  residentId: string | null;
  purpose: string | null;
  diff: Record<string, unknown> | null;
  requestId: string | null;
  /** Opaque position of this row, used to build the next page's cursor. */
  position: { at: string; id: string };
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records an event. Pass the transaction's manager so that the event and the change it
   * describes commit or roll back together.
   */
  async record(
    ctx: RequestContext,
    entry: AuditEntry,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const params: unknown[] = [entry.diff ? JSON.stringify(entry.diff) : null];
    await manager.query(this.insertSql(ctx, entry, params, '$1::jsonb'), params);
  }

  /**
   * Many events of one context in one statement (a bulk change such as an applied roll writes one
   * event per resident). `actorUserId`/`actorOrgId` of the first entry stand for all of them.
   */
  async recordMany(
    ctx: RequestContext,
    entries: readonly AuditEntry[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (entries.length === 0) return;
    const principal = ctx.principal;
    await manager.query(
      `INSERT INTO audit_event (actor_user_id, actor_service_token_id, actor_org_id, action, entity, entity_id,
                                resident_id, purpose, request_id, ip, diff)
       SELECT $1::uuid, $2::uuid, $3::uuid, e.action, e.entity, e.entity_id, e.resident_id, $4::text, $5::text, $6::inet, e.diff
         FROM unnest($7::text[], $8::text[], $9::text[], $10::uuid[], $11::jsonb[]) AS e (action, entity, entity_id, resident_id, diff)`,
      [
        entries[0].actorUserId ?? principal?.userId ?? null,
        principal?.serviceTokenId ?? null,
        entries[0].actorOrgId ?? principal?.orgId ?? null,
        entries[0].purpose ?? ctx.purpose ?? null,
        ctx.requestId,
        ctx.ip,
        entries.map((entry) => entry.action),
        entries.map((entry) => entry.entity),
        entries.map((entry) => entry.entityId ?? null),
        entries.map((entry) => entry.residentId ?? null),
        entries.map((entry) => (entry.diff ? JSON.stringify(entry.diff) : null)),
      ],
    );
  }

  /**
   * One event as an `INSERT … SELECT`: `record` runs it alone, and a read may put it in a
   * data-modifying CTE so that the read and its audit row are one statement (one round trip, and
   * no read without its record). `diffSql` is an SQL
   * expression for the diff, e.g. built from the CTE's rows; its parameters are already in `params`.
   * `when` limits the insert (e.g. to a non-empty result). Parameters are appended to `params`.
   */
  insertSql(
    ctx: RequestContext,
    entry: Omit<AuditEntry, 'diff'>,
    params: unknown[],
    diffSql: string,
    when = 'true',
  ): string {
    const principal = ctx.principal;
    const values = [
      [entry.actorUserId ?? principal?.userId ?? null, 'uuid'],
      [principal?.serviceTokenId ?? null, 'uuid'],
      [entry.actorOrgId ?? principal?.orgId ?? null, 'uuid'],
      [entry.action, 'text'],
      [entry.entity, 'text'],
      [entry.entityId ?? null, 'text'],
      [entry.residentId ?? null, 'uuid'],
      [entry.purpose ?? ctx.purpose ?? null, 'text'],
      [ctx.requestId, 'text'],
      [ctx.ip, 'inet'],
    ] as const;
    const placeholders = values.map(([value, type]) => {
      params.push(value);
      return `$${params.length}::${type}`;
    });
    return `INSERT INTO audit_event (actor_user_id, actor_service_token_id, actor_org_id, action, entity, entity_id,
                                     resident_id, purpose, request_id, ip, diff)
            SELECT ${placeholders.join(', ')}, ${diffSql} WHERE ${when}`;
  }

  /** Newest first, keyset-paginated on (at, id) with the database's full timestamp precision. */
  async find(query: AuditQuery): Promise<AuditEventView[]> {
    const where: string[] = ['actor_org_id = $1'];
    const params: unknown[] = [query.orgId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.entity) add('entity = ?', query.entity);
    if (query.entityId) add('entity_id = ?', query.entityId);
    if (query.userId) add('actor_user_id = ?', query.userId);
    if (query.action) add('action = ?', query.action);
    if (query.from) add('at >= ?', query.from);
    if (query.to) add('at < ?', query.to);
    if (query.cursor) {
      params.push(query.cursor.at, query.cursor.id);
      where.push(`(at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id, at, at::text AS at_text, actor_user_id, actor_service_token_id, actor_org_id, action,
              entity, entity_id, resident_id, purpose, diff, request_id
         FROM audit_event
        WHERE ${where.join(' AND ')}
        ORDER BY at DESC, id DESC
        LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({
      id: row.id as string,
      at: (row.at as Date).toISOString(),
      actorUserId: row.actor_user_id as string | null,
      actorServiceTokenId: row.actor_service_token_id as string | null,
      actorOrgId: row.actor_org_id as string | null,
      action: row.action as string,
      entity: row.entity as string,
      entityId: row.entity_id as string | null,
      residentId: row.resident_id as string | null,
      purpose: row.purpose as string | null,
      diff: row.diff as Record<string, unknown> | null,
      requestId: row.request_id as string | null,
      position: { at: row.at_text as string, id: row.id as string },
    }));
  }
}
