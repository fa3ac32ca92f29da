import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  Clock,
  decodeCursor,
  isIsoDate,
  officeDate,
  type Page,
  ProblemException,
  type RequestContext,
  toPage,
} from '@app/platform';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  CreateOrientationSessionDto,
  OrientationSessionQueryDto,
  OrientationSessionResponse,
  UpdateOrientationSessionDto,
} from './sessions.dto.js';

/** A session with its attendance counts; `s` is the session. */
export const SESSION_SELECT = `
  SELECT s.id, s.municipality_code, s.org_id, s.held_on::text AS held_on, to_char(s.starts_at, 'HH24:MI') AS starts_at,
         s.venue, s.online, s.languages, s.interpreter, s.topics, s.capacity, s.note, s.version,
         c.registered, c.attended, c.no_show
    FROM orientation_session s
   CROSS JOIN LATERAL (
         SELECT count(*) FILTER (WHERE a.status = 'REGISTERED')::int AS registered,
                count(*) FILTER (WHERE a.status = 'ATTENDED')::int AS attended,
                count(*) FILTER (WHERE a.status = 'NO_SHOW')::int AS no_show
           FROM orientation_attendance a WHERE a.session_id = s.id) c`;

export interface SessionRow {
  id: string;
  municipality_code: string;
  org_id: string;
  held_on: string;
  starts_at: string | null;
  venue: string | null;
  online: boolean;
  languages: string[];
  interpreter: boolean;
  topics: string[];
  capacity: number | null;
  note: string | null;
  version: number;
  registered: number;
  attended: number;
  no_show: number;
}

export function sessionOf(row: SessionRow): OrientationSessionResponse {
  return {
    id: row.id,
    municipalityCode: row.municipality_code,
    orgId: row.org_id,
    heldOn: row.held_on,
    startsAt: row.starts_at,
    venue: row.venue,
    online: row.online,
    languages: row.languages,
    interpreter: row.interpreter,
    topics: row.topics,
    capacity: row.capacity,
    note: row.note,
    attendance: { registered: row.registered, attended: row.attended, noShow: row.no_show },
    version: row.version,
  };
}

/** Fields a PATCH may change, body name → column. */
const UPDATABLE = {
  heldOn: 'held_on',
  startsAt: 'starts_at',
  venue: 'venue',
  online: 'online',
  languages: 'languages',
  interpreter: 'interpreter',
  topics: 'topics',
  capacity: 'capacity',
  note: 'note',
} as const;

const unique = <T>(values: readonly T[]) => [...new Set(values)];

/**
 * Orientation sessions a city holds for its newcomers: when, where (or online), in which
 * languages, on which topics. Seen by the offices serving the session's municipality.
 */
@Injectable()
export class OrientationSessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext, input: CreateOrientationSessionDto): Promise<OrientationSessionResponse> {
    const principal = ctx.principal!;
    const municipalityCode = input.municipalityCode ?? principal.municipalityCodes[0];
    if (!municipalityCode || !principal.municipalityCodes.includes(municipalityCode)) {
      throw ProblemException.validation([
        { field: 'municipalityCode', reason: 'is not a municipality of your office' },
      ]);
    }
    const online = input.online ?? false;
    requireWhere(online, input.venue ?? null);
    return this.dataSource.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO orientation_session (municipality_code, org_id, held_on, starts_at, venue, online, languages,
                                          interpreter, topics, capacity, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          municipalityCode,
          principal.orgId,
          input.heldOn,
          input.startsAt ?? null,
          input.venue ?? null,
          online,
          unique(input.languages),
          input.interpreter ?? false,
          unique(input.topics),
          input.capacity ?? null,
          input.note ?? null,
        ],
      );
      await this.audit.record(
        ctx,
        {
          action: 'orientation-session.create',
          entity: 'orientation_session',
          entityId: id,
          diff: { municipalityCode, heldOn: input.heldOn, topics: input.topics, languages: input.languages },
        },
        tx,
      );
      return sessionOf(await this.row(tx, id));
    });
  }

  async list(ctx: RequestContext, query: OrientationSessionQueryDto): Promise<Page<OrientationSessionResponse>> {
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<{ d: string; t: string; id: string }>(query.cursor, ['d', 't', 'id']);
    const params: unknown[] = [[...(ctx.principal?.municipalityCodes ?? [])]];
    const where = ['s.municipality_code = ANY ($1::char(6)[])'];
    if (query.from) where.push(`s.held_on >= $${params.push(query.from)}::date`);
    if (query.to) where.push(`s.held_on <= $${params.push(query.to)}::date`);
    if (cursor) {
      if (!isIsoDate(cursor.d) || !/^(\d{2}:\d{2})?$/.test(cursor.t) || !isUUID(cursor.id)) {
        throw ProblemException.validation([
          { field: 'cursor', reason: 'cursor must be a value returned as nextCursor' },
        ]);
      }
      where.push(
        `(s.held_on, coalesce(s.starts_at, '00:00'), s.id) >
         ($${params.push(cursor.d)}::date, $${params.push(cursor.t || '00:00')}::time, $${params.push(cursor.id)}::uuid)`,
      );
    }
    const rows: SessionRow[] = await this.dataSource.query(
      `${SESSION_SELECT} WHERE ${where.join(' AND ')}
        ORDER BY s.held_on, coalesce(s.starts_at, '00:00'), s.id LIMIT $${params.push(limit + 1)}`,
      params,
    );
    const page = toPage(rows, limit, (row) => ({ d: row.held_on, t: row.starts_at ?? '', id: row.id }));
    return { items: page.items.map(sessionOf), nextCursor: page.nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<OrientationSessionResponse> {
    return sessionOf(await this.visible(ctx, id));
  }

  async update(
    ctx: RequestContext,
    id: string,
    input: UpdateOrientationSessionDto,
  ): Promise<OrientationSessionResponse> {
    return this.dataSource.transaction(async (tx) => {
      const before = await this.visible(ctx, id, tx, true);
      if (before.version !== input.version) {
        throw ProblemException.staleVersion('The orientation session', input.version);
      }
      requireWhere(input.online ?? before.online, input.venue === undefined ? before.venue : input.venue);
      const seated = before.registered + before.attended;
      if (input.capacity !== undefined && input.capacity !== null && input.capacity < seated) {
        throw ProblemException.validation([
          { field: 'capacity', reason: `${seated} residents are already registered for or attended this session` },
        ]);
      }
      if (input.heldOn && input.heldOn > officeDate(this.clock.now()) && before.attended + before.no_show > 0) {
        throw ProblemException.validation([
          {
            field: 'heldOn',
            reason: 'attendance is recorded for this session: it cannot move to a later day than today',
          },
        ]);
      }
      const params: unknown[] = [id];
      const sets: string[] = [];
      const diff: Record<string, unknown> = {};
      const was = sessionOf(before);
      for (const [field, column] of Object.entries(UPDATABLE) as Array<[keyof typeof UPDATABLE, string]>) {
        let value = input[field];
        if (value === undefined) continue;
        if (Array.isArray(value)) value = unique(value as string[]);
        sets.push(`${column} = $${params.push(value)}`);
        diff[field] = [was[field], value];
      }
      await tx.query(
        `UPDATE orientation_session SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
          WHERE id = $1`,
        params,
      );
      await this.audit.record(
        ctx,
        { action: 'orientation-session.update', entity: 'orientation_session', entityId: id, diff },
        tx,
      );
      return sessionOf(await this.row(tx, id));
    });
  }

  /** The session when it belongs to one of the caller's municipalities; 404 otherwise. */
  async visible(
    ctx: RequestContext,
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<SessionRow> {
    if (lock) await manager.query(`SELECT 1 FROM orientation_session WHERE id = $1 FOR UPDATE`, [id]);
    const row = await this.row(manager, id);
    if (!row || !ctx.principal?.municipalityCodes.includes(row.municipality_code)) {
      throw ProblemException.notFound('Orientation session');
    }
    return row;
  }

  private async row(manager: EntityManager, id: string): Promise<SessionRow> {
    const [row] = await manager.query(`${SESSION_SELECT} WHERE s.id = $1`, [id]);
    return row;
  }
}

/** A session happens somewhere: at a venue, online, or both. */
function requireWhere(online: boolean, venue: string | null): void {
  if (!online && !venue) {
    throw ProblemException.validation([{ field: 'venue', reason: 'a session that is not online needs a venue' }]);
  }
}
