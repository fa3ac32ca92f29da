import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  AppConfig,
  Clock,
  decodeCursor,
  DomainEvents,
  officeDate,
  ProblemException,
  RowScope,
  toPage,
  type Page,
  type RequestContext,
} from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  CaseQueryDto,
  CaseResponse,
  CreateCaseDto,
  CreateNoteDto,
  NoteResponse,
  TimelineEntryResponse,
  UpdateCaseDto,
} from './cases.dto.js';
import { validConsentSql } from './consents.service.js';

/**
 * Cases are reached by office, not by municipality: their owner, or an office with an accepted
 * referral whose consent is in force (checked in SQL by `access` and `list`), which may serve another
 * municipality than the resident's. The request's row scope ([K13], RowScope) would hide that
 * resident's name and alerts from the office referred to, so case work runs unrestricted behind
 * those checks.
 */
const reachedByReferral = <T>(work: () => Promise<T>): Promise<T> =>
  RowScope.unrestricted('a case is reached by its office or an accepted referral, not by municipality', work);

const CASE_COLUMNS = `c.id, c.resident_id, c.owner_org_id, c.worker_user_id, c.category, c.title, c.status, c.priority,
  c.next_action_on::text AS next_action_on, c.closure_reason, c.closed_on::text AS closed_on, c.version, c.created_at,
  concat_ws(' ', r.family_name, r.given_name, r.middle_name) AS resident_name, r.municipality_code`;

const NOTE_COLUMNS = `id, case_id, author_user_id, author_org_id, body, sensitivity, created_at`;

/**
 * The office's way into a case: its owner, or an office whose referral for a purpose was accepted
 * and whose consent is still in force (withdrawing it ends access at once). $1 case, $2 the
 * caller's office, $3 today.
 */
const RECIPIENT_PURPOSE = `
  SELECT f.purpose FROM referral f JOIN consent k ON k.id = f.consent_id
   WHERE f.case_id = $1 AND f.to_org_id = $2 AND f.status = 'ACCEPTED' AND ${validConsentSql('k', '$3')}
   ORDER BY f.created_at LIMIT 1`;

export interface CaseAccess {
  row: Record<string, unknown>;
  access: 'OWNER' | 'RECIPIENT';
  /** Why the caller reads it: the owner's casework, or the purpose of the accepted referral. */
  purpose: string;
}

function caseOf(row: Record<string, unknown>, access: 'OWNER' | 'RECIPIENT', today: string): CaseResponse {
  const nextActionOn = row.next_action_on as string | null;
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    residentName: row.resident_name as string,
    ownerOrgId: row.owner_org_id as string,
    workerUserId: row.worker_user_id as string | null,
    category: row.category as string,
    title: row.title as string,
    status: row.status as string,
    priority: row.priority as string,
    nextActionOn,
    overdue: row.status !== 'CLOSED' && nextActionOn !== null && nextActionOn < today,
    closureReason: row.closure_reason as string | null,
    closedOn: row.closed_on as string | null,
    access,
    version: row.version as number,
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}

function noteOf(row: Record<string, unknown>): NoteResponse {
  return {
    id: row.id as string,
    caseId: row.case_id as string,
    authorUserId: row.author_user_id as string | null,
    authorOrgId: row.author_org_id as string,
    body: row.body as string,
    sensitivity: row.sensitivity as string,
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}

/**
 * Cases of the joint desk: a resident's need, owned by one office, worked through notes and
 * status changes, and shared with another office only through an accepted referral backed by the
 * resident's consent. Sensitive notes are read by their authoring office only. Every read of a
 * case or its notes is audited with its purpose.
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly events: DomainEvents,
  ) {}

  today(): string {
    return officeDate(this.clock.now(), this.config.get('TZ_OFFICE'));
  }

  async create(ctx: RequestContext, input: CreateCaseDto): Promise<CaseResponse> {
    const municipalityCode = await this.directory.visibleMunicipalityOf(ctx, input.residentId);
    const principal = ctx.principal!;
    const created = await this.dataSource.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO support_case (resident_id, owner_org_id, worker_user_id, category, title, priority, next_action_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          input.residentId,
          principal.orgId,
          principal.userId,
          input.category,
          input.title,
          input.priority ?? 'NORMAL',
          input.nextActionOn ?? null,
        ],
      );
      await this.event(tx, ctx, id, 'created', { category: input.category });
      await this.audit.record(
        ctx,
        {
          action: 'case.create',
          entity: 'case',
          entityId: id,
          residentId: input.residentId,
          purpose: ctx.purpose ?? 'CASE_WORK',
          diff: { category: input.category },
        },
        tx,
      );
      return this.read(tx, ctx, id, false);
    });
    await this.events.publish('case.changed', { caseId: created.id, residentId: input.residentId, municipalityCode });
    return created;
  }

  async get(ctx: RequestContext, id: string): Promise<CaseResponse> {
    return reachedByReferral(() => this.read(this.dataSource.manager, ctx, id, true));
  }

  /** Cases the office owns or was referred (accepted, consent in force), soonest next action first. */
  async list(ctx: RequestContext, query: CaseQueryDto): Promise<Page<CaseResponse>> {
    const principal = ctx.principal!;
    const today = this.today();
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<{ n: string; id: string }>(query.cursor, ['n', 'id']);
    const params: unknown[] = [principal.orgId, today, limit + 1];
    const where = [
      `(c.owner_org_id = $1 OR EXISTS (SELECT 1 FROM referral f JOIN consent k ON k.id = f.consent_id
          WHERE f.case_id = c.id AND f.to_org_id = $1 AND f.status = 'ACCEPTED' AND ${validConsentSql('k', '$2')}))`,
    ];
    if (query.mine) where.push(`c.worker_user_id = $${params.push(principal.userId)}::uuid`);
    if (query.overdue) where.push(`c.status <> 'CLOSED' AND c.next_action_on < $2::date`);
    if (query.status) where.push(`c.status = $${params.push(query.status)}`);
    if (query.category) where.push(`c.category = $${params.push(query.category)}`);
    if (query.residentId) where.push(`c.resident_id = $${params.push(query.residentId)}::uuid`);
    const nextKey = `coalesce(c.next_action_on, 'infinity'::date)`;
    if (cursor) {
      where.push(`(${nextKey}, c.id) > ($${params.push(cursor.n)}::date, $${params.push(cursor.id)}::uuid)`);
    }
    const rows: Array<Record<string, unknown>> = await reachedByReferral(() =>
      this.dataSource.query(
        `SELECT ${CASE_COLUMNS}, ${nextKey}::text AS next_key FROM support_case c JOIN resident_register r ON r.id = c.resident_id
          WHERE ${where.join(' AND ')} ORDER BY ${nextKey}, c.id LIMIT $3`,
        params,
      ),
    );
    const page = toPage(rows, limit, (row) => ({ n: row.next_key as string, id: row.id as string }));
    await this.audit.recordMany(
      ctx,
      page.items.map((row) => ({
        action: 'case.list',
        entity: 'case',
        entityId: row.id as string,
        residentId: row.resident_id as string,
        purpose: ctx.purpose ?? 'CASE_WORK',
      })),
    );
    return {
      items: page.items.map((row) => caseOf(row, row.owner_org_id === principal.orgId ? 'OWNER' : 'RECIPIENT', today)),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Changes a case. Only the owning office does; the version must be the one read (a stale one is
   * a 409 and changes nothing), so concurrent edits never silently overwrite each other.
   */
  async update(ctx: RequestContext, id: string, input: UpdateCaseDto): Promise<CaseResponse> {
    // Unrestricted also so that the office referred to hears it may not change the case (403, not 404).
    return reachedByReferral(() => this.change(ctx, id, input));
  }

  private async change(ctx: RequestContext, id: string, input: UpdateCaseDto): Promise<CaseResponse> {
    const updated = await this.dataSource.transaction(async (tx) => {
      const { row: before, access } = await this.access(tx, ctx, id);
      if (access !== 'OWNER') throw ProblemException.forbidden('Only the office that owns the case changes it.');
      const closing = input.status === 'CLOSED';
      if (closing && !input.closureReason) {
        throw ProblemException.validation([{ field: 'closureReason', reason: 'required when closing a case' }]);
      }
      if (input.workerUserId) {
        const [worker] = await tx.query(`SELECT 1 FROM app_user WHERE id = $1 AND org_id = $2 AND active`, [
          input.workerUserId,
          ctx.principal!.orgId,
        ]);
        if (!worker)
          throw ProblemException.validation([{ field: 'workerUserId', reason: 'not an active user of your office' }]);
      }
      const today = this.today();
      const status = input.status ?? (before.status as string);
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [rows] = await tx.query(
        `UPDATE support_case SET title = coalesce($3, title), status = $4, priority = coalesce($5, priority),
                next_action_on = CASE WHEN $6::boolean THEN $7::date ELSE next_action_on END,
                worker_user_id = coalesce($8, worker_user_id),
                closure_reason = CASE WHEN $4 = 'CLOSED' THEN coalesce($9, closure_reason) END,
                closed_on = CASE WHEN $4 = 'CLOSED' THEN coalesce(closed_on, $10::date) END,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING id`,
        [
          id,
          input.version,
          input.title ?? null,
          status,
          input.priority ?? null,
          input.nextActionOn !== undefined,
          input.nextActionOn ?? null,
          input.workerUserId ?? null,
          input.closureReason ?? null,
          today,
        ],
      );
      if (!rows.length) {
        throw ProblemException.staleVersion('The case', input.version);
      }
      const changes: Record<string, unknown> = {};
      for (const [field, column] of [
        ['status', 'status'],
        ['priority', 'priority'],
        ['nextActionOn', 'next_action_on'],
        ['workerUserId', 'worker_user_id'],
        ['title', 'title'],
      ] as const) {
        const value = input[field];
        if (value !== undefined && value !== before[column]) changes[field] = [before[column], value];
      }
      if (Object.keys(changes).length) await this.event(tx, ctx, id, 'changed', changes);
      const municipalityCode = before.municipality_code as string;
      await this.audit.record(
        ctx,
        {
          action: 'case.update',
          entity: 'case',
          entityId: id,
          residentId: before.resident_id as string,
          purpose: ctx.purpose ?? 'CASE_WORK',
          diff: changes,
        },
        tx,
      );
      return { case: await this.read(tx, ctx, id, false), municipalityCode };
    });
    await this.events.publish('case.changed', {
      caseId: id,
      residentId: updated.case.residentId,
      municipalityCode: updated.municipalityCode,
    });
    return updated.case;
  }

  async addNote(ctx: RequestContext, caseId: string, input: CreateNoteDto): Promise<NoteResponse> {
    return reachedByReferral(() => this.writeNote(ctx, caseId, input));
  }

  private async writeNote(ctx: RequestContext, caseId: string, input: CreateNoteDto): Promise<NoteResponse> {
    return this.dataSource.transaction(async (tx) => {
      const { row, purpose } = await this.access(tx, ctx, caseId);
      const [note] = await tx.query(
        `INSERT INTO case_note (case_id, author_user_id, author_org_id, body, sensitivity)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${NOTE_COLUMNS}`,
        [caseId, ctx.principal!.userId, ctx.principal!.orgId, input.body, input.sensitivity ?? 'NORMAL'],
      );
      // The note's text is never copied into the audit trail.
      await this.audit.record(
        ctx,
        {
          action: 'case_note.create',
          entity: 'case_note',
          entityId: note.id,
          residentId: row.resident_id as string,
          purpose,
          diff: { caseId, sensitivity: note.sensitivity },
        },
        tx,
      );
      return noteOf(note);
    });
  }

  /** Notes the caller may read: every NORMAL note, and SENSITIVE ones of the caller's own office. */
  async notes(ctx: RequestContext, caseId: string, exported = false): Promise<NoteResponse[]> {
    const { row, purpose } = await reachedByReferral(() => this.access(this.dataSource.manager, ctx, caseId));
    const rows = await this.dataSource.query(
      `SELECT ${NOTE_COLUMNS} FROM case_note
        WHERE case_id = $1 AND (sensitivity = 'NORMAL' OR (author_org_id = $2 AND NOT $3::boolean))
        ORDER BY created_at`,
      [caseId, ctx.principal!.orgId, exported],
    );
    await this.audit.record(ctx, {
      action: exported ? 'case_note.export' : 'case_note.read',
      entity: 'case',
      entityId: caseId,
      residentId: row.resident_id as string,
      purpose,
      diff: { notes: rows.length },
    });
    return rows.map(noteOf);
  }

  /** Notes, referrals, changes and alerts ([K8]) of a case in the order they happened. */
  async timeline(ctx: RequestContext, caseId: string): Promise<TimelineEntryResponse[]> {
    return reachedByReferral(() => this.timelineOf(ctx, caseId));
  }

  private async timelineOf(ctx: RequestContext, caseId: string): Promise<TimelineEntryResponse[]> {
    const { row, purpose } = await this.access(this.dataSource.manager, ctx, caseId);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT at, 'EVENT' AS kind, e.kind AS what, actor_org_id, actor_user_id, detail FROM case_event e WHERE case_id = $1
       UNION ALL
       SELECT created_at, 'NOTE', 'note', author_org_id, author_user_id,
              jsonb_build_object('noteId', id, 'sensitivity', sensitivity, 'body', body)
         FROM case_note WHERE case_id = $1 AND (sensitivity = 'NORMAL' OR author_org_id = $2)
       UNION ALL
       SELECT created_at, 'REFERRAL', 'referral.sent', from_org_id, sent_by_user_id,
              jsonb_build_object('referralId', id, 'toOrgId', to_org_id, 'purpose', purpose)
         FROM referral WHERE case_id = $1
       UNION ALL
       SELECT responded_at, 'REFERRAL', 'referral.' || lower(status), to_org_id, responded_by_user_id,
              jsonb_build_object('referralId', id, 'responseNote', response_note)
         FROM referral WHERE case_id = $1 AND responded_at IS NOT NULL
       UNION ALL
       SELECT opened_at, 'ALERT', 'alert.' || lower(rule_code), NULL, NULL,
              jsonb_build_object('alertId', id, 'status', status, 'reason', jsonb_build_object('ja', reason_ja, 'en', reason_en))
         FROM alert_history WHERE subject_key = $1::text
       UNION ALL
       SELECT closed_at, 'ALERT', 'alert.' || lower(status), NULL, NULL,
              jsonb_build_object('alertId', id, 'resolvedBySystem', resolved_by_system)
         FROM alert_history WHERE subject_key = $1::text AND closed_at IS NOT NULL
       ORDER BY 1, 2`,
      [caseId, ctx.principal!.orgId],
    );
    await this.audit.record(ctx, {
      action: 'case.timeline',
      entity: 'case',
      entityId: caseId,
      residentId: row.resident_id as string,
      purpose,
    });
    return rows.map((entry) => ({
      at: new Date(entry.at as string).toISOString(),
      kind: entry.kind as string,
      what: entry.what as string,
      actorOrgId: entry.actor_org_id as string | null,
      actorUserId: entry.actor_user_id as string | null,
      detail: entry.detail as Record<string, unknown> | null,
    }));
  }

  /** For alerts: open cases of a municipality's residents whose next action date has passed. */
  async overdueCases(
    municipalityCode: string,
    on: string,
    residentIds: readonly string[] | null,
  ): Promise<Array<{ caseId: string; residentId: string; ownerOrgId: string; title: string; nextActionOn: string }>> {
    const rows: Array<Record<string, string>> = await this.dataSource.query(
      `SELECT c.id, c.resident_id, c.owner_org_id, c.title, c.next_action_on::text AS next_action_on
         FROM support_case c JOIN resident_register r ON r.id = c.resident_id
        WHERE r.municipality_code = $1 AND c.status <> 'CLOSED' AND c.next_action_on < $2::date
          AND ($3::uuid[] IS NULL OR c.resident_id = ANY ($3::uuid[]))`,
      [municipalityCode, on, residentIds],
    );
    return rows.map((row) => ({
      caseId: row.id,
      residentId: row.resident_id,
      ownerOrgId: row.owner_org_id,
      title: row.title,
      nextActionOn: row.next_action_on,
    }));
  }

  /** The case as the caller may see it (404 when they may not), locked for the transaction if asked. */
  async access(manager: EntityManager, ctx: RequestContext, id: string, lock = false): Promise<CaseAccess> {
    const [row] = await manager.query(
      `SELECT ${CASE_COLUMNS} FROM support_case c JOIN resident_register r ON r.id = c.resident_id WHERE c.id = $1
       ${lock ? 'FOR UPDATE OF c' : ''}`,
      [id],
    );
    if (!row) throw ProblemException.notFound('Case');
    if (row.owner_org_id === ctx.principal!.orgId) return { row, access: 'OWNER', purpose: ctx.purpose ?? 'CASE_WORK' };
    const [referred] = await manager.query(RECIPIENT_PURPOSE, [id, ctx.principal!.orgId, this.today()]);
    if (!referred) throw ProblemException.notFound('Case');
    return { row, access: 'RECIPIENT', purpose: referred.purpose };
  }

  async event(
    manager: EntityManager,
    ctx: RequestContext,
    caseId: string,
    kind: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO case_event (case_id, actor_user_id, actor_org_id, kind, detail) VALUES ($1, $2, $3, $4, $5)`,
      [caseId, ctx.principal?.userId ?? null, ctx.principal?.orgId ?? null, kind, JSON.stringify(detail)],
    );
  }

  private async read(manager: EntityManager, ctx: RequestContext, id: string, audited: boolean): Promise<CaseResponse> {
    const { row, access, purpose } = await this.access(manager, ctx, id);
    if (audited) {
      await this.audit.record(ctx, {
        action: 'case.read',
        entity: 'case',
        entityId: id,
        residentId: row.resident_id as string,
        purpose,
      });
    }
    return caseOf(row, access, this.today());
  }
}
