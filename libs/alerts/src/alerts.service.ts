import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  AppConfig,
  Clock,
  decodeCursor,
  officeDate,
  ProblemException,
  toPage,
  type Page,
  type RequestContext,
} from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource, type EntityManager } from 'typeorm';
import type { AlertQueryDto, AlertResponse, AlertRuleResponse, UpdateAlertDto } from './alerts.dto.js';
import { AlertEvaluators, type AlertFiring, type AlertScope } from './evaluators.js';
import { ALERT_RULES, RULE_BY_CODE } from './rules.js';

const ALERT_COLUMNS = `a.id, a.rule_code, a.municipality_code, a.owner_org_id, a.resident_id, a.subject_key, a.status,
  a.reason_ja, a.reason_en, a.details, a.opened_at, a.acknowledged_at, a.acknowledged_by_user_id, a.closed_at,
  a.closed_by_user_id, a.dismiss_reason, a.version, ar.severity, ar.owner, ar.title_ja, ar.title_en,
  (SELECT concat_ws(' ', r.family_name, r.given_name, r.middle_name) FROM resident_register r WHERE r.id = a.resident_id)
    AS resident_name`;

function alertOf(row: Record<string, unknown>): AlertResponse {
  const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);
  return {
    id: row.id as string,
    ruleCode: row.rule_code as string,
    severity: row.severity as string,
    title: { ja: row.title_ja as string, en: row.title_en as string },
    municipalityCode: row.municipality_code as string,
    ownerOrgId: row.owner_org_id as string | null,
    residentId: row.resident_id as string | null,
    residentName: (row.resident_name as string | null) ?? null,
    subjectKey: row.subject_key as string,
    status: row.status as string,
    reason: { ja: row.reason_ja as string, en: row.reason_en as string },
    details: row.details as Record<string, unknown>,
    openedAt: iso(row.opened_at)!,
    acknowledgedAt: iso(row.acknowledged_at),
    closedAt: iso(row.closed_at),
    resolvedBySystem: row.status === 'RESOLVED' && row.closed_by_user_id === null,
    dismissReason: row.dismiss_reason as string | null,
    version: row.version as number,
  };
}

/** SQL: alert `a` (with its rule `ar`) is one the caller's office works. $1 municipalities, $2 roles, $3 office. */
const VISIBLE = `a.municipality_code = ANY ($1::char(6)[])
  AND ((ar.owner = 'CASE_OWNER' AND a.owner_org_id = $3::uuid) OR ar.owner = ANY ($2::text[]))`;

/**
 * Alerts: each rule's evaluation reconciled with the alerts on record — a cause newly found opens
 * an alert (one open per rule and subject), a cause that went away resolves its alert by itself,
 * and a dismissed alert keeps the same cause quiet until it goes away. The same reconciliation
 * serves the evaluation of one resident after a change and the nightly sweep of a municipality.
 */
@Injectable()
export class AlertsService implements OnModuleInit {
  private readonly logger = new Logger(AlertsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly evaluators: AlertEvaluators,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  today(): string {
    return officeDate(this.clock.now(), this.config.get('TZ_OFFICE'));
  }

  /** The catalogue's code is the truth for meaning and owner; whether a rule is enabled is data. */
  async onModuleInit(): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO alert_rule (rule_code, owner, severity, title_ja, title_en, events)
       SELECT rule_code, owner, severity, title_ja, title_en, events::text[]
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
           AS r (rule_code, owner, severity, title_ja, title_en, events)
       ON CONFLICT (rule_code) DO UPDATE SET owner = EXCLUDED.owner, severity = EXCLUDED.severity,
         title_ja = EXCLUDED.title_ja, title_en = EXCLUDED.title_en, events = EXCLUDED.events`,
      [
        ALERT_RULES.map((rule) => rule.code),
        ALERT_RULES.map((rule) => rule.owner),
        ALERT_RULES.map((rule) => rule.severity),
        ALERT_RULES.map((rule) => rule.title.ja),
        ALERT_RULES.map((rule) => rule.title.en),
        ALERT_RULES.map((rule) => `{${rule.events.join(',')}}`),
      ],
    );
  }

  /** The enabled rules that evaluation finds (raised rules are left to whoever raises them). */
  async enabledRules(): Promise<string[]> {
    const rows: Array<{ rule_code: string }> = await this.dataSource.query(
      `SELECT rule_code FROM alert_rule WHERE enabled ORDER BY rule_code`,
    );
    return rows.map((row) => row.rule_code).filter((code) => !RULE_BY_CODE.get(code)?.raised);
  }

  /**
   * Raises an alert of a raised rule (one open per subject: raising it again refreshes the reason),
   * or resolves it when `reason` is null (the cause went away, e.g. the report ran the next night).
   */
  async raise(
    ruleCode: string,
    municipalityCode: string,
    subjectKey: string,
    reason: { ja: string; en: string } | null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    if (!RULE_BY_CODE.get(ruleCode)?.raised) throw new Error(`${ruleCode} is not a raised rule`);
    if (reason === null) {
      await this.dataSource.query(
        `UPDATE alert SET status = 'RESOLVED', closed_at = clock_timestamp(), closed_by_user_id = NULL,
                version = version + 1, updated_at = now()
          WHERE rule_code = $1 AND subject_key = $2 AND status IN ('OPEN', 'ACKNOWLEDGED')`,
        [ruleCode, subjectKey],
      );
      return;
    }
    await this.dataSource.query(
      `INSERT INTO alert (rule_code, municipality_code, subject_key, reason_ja, reason_en, details)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (rule_code, subject_key) WHERE status IN ('OPEN', 'ACKNOWLEDGED')
       DO UPDATE SET reason_ja = EXCLUDED.reason_ja, reason_en = EXCLUDED.reason_en, details = EXCLUDED.details`,
      [ruleCode, municipalityCode, subjectKey, reason.ja, reason.en, JSON.stringify(details)],
    );
  }

  /** Re-evaluates every enabled rule for one resident (after a change that concerns them). */
  async evaluateResident(residentId: string): Promise<{ opened: number; resolved: number }> {
    return this.evaluateResidents([residentId]);
  }

  /**
   * Re-evaluates every enabled rule for many residents at once: each rule runs once per
   * municipality for all of them, so a burst of changes costs a few queries per rule, not per person.
   */
  async evaluateResidents(residentIds: readonly string[]): Promise<{ opened: number; resolved: number }> {
    const byMunicipality = new Map<string, string[]>();
    for (const [residentId, municipalityCode] of await this.directory.municipalitiesOf(residentIds)) {
      const group = byMunicipality.get(municipalityCode);
      if (group) group.push(residentId);
      else byMunicipality.set(municipalityCode, [residentId]);
    }
    const totals = { opened: 0, resolved: 0 };
    const failed: string[] = [];
    const rules = await this.enabledRules();
    const on = this.today();
    for (const [municipalityCode, ids] of byMunicipality) {
      const shared = new Map<string, Promise<unknown>>();
      // One rule failing does not keep the others from being evaluated; the job is retried after.
      for (const rule of rules) {
        try {
          const counts = await this.evaluate(rule, { municipalityCode, on, residentIds: ids, shared });
          totals.opened += counts.opened;
          totals.resolved += counts.resolved;
        } catch (error) {
          failed.push(rule);
          this.logger.error(
            { rule, municipalityCode, residents: ids.length, error: (error as Error).message },
            'alert rule evaluation failed',
          );
        }
      }
    }
    if (failed.length) throw new Error(`alert rules failed: ${[...new Set(failed)].join(', ')}`);
    return totals;
  }

  /**
   * One rule over a scope: what it finds now against the alerts on record, in one transaction.
   * Running it twice changes nothing the second time.
   */
  async evaluate(ruleCode: string, scope: AlertScope): Promise<{ opened: number; resolved: number }> {
    return this.dataSource.transaction(async (tx) => {
      // Evaluations of one rule in one municipality take turns, across workers (a resident's batch
      // and the nightly sweep, say): each reads the causes after the one before it committed, so an
      // older reading is never written over a newer one.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('alert-rule'), hashtext($1 || '|' || $2))`, [
        ruleCode,
        scope.municipalityCode,
      ]);
      const firings = await this.evaluators.firings(ruleCode, scope);
      await tx.query(`CREATE TEMP TABLE IF NOT EXISTS alert_firing (
          subject_key text PRIMARY KEY, resident_id uuid, owner_org_id uuid, reason_ja text, reason_en text,
          details jsonb) ON COMMIT DELETE ROWS`);
      await this.stage(tx, firings);
      const inScope = scope.residentIds ? `AND a.resident_id = ANY ($3::uuid[])` : '';
      const params = [ruleCode, scope.municipalityCode, ...(scope.residentIds ? [scope.residentIds] : [])];
      // The cause went away: open alerts resolve by themselves, dismissed ones stop holding it back.
      const [resolved] = await tx.query(
        `UPDATE alert a SET status = 'RESOLVED', closed_at = clock_timestamp(), closed_by_user_id = NULL,
                version = a.version + 1, updated_at = now()
          WHERE a.rule_code = $1 AND a.municipality_code = $2 AND a.status IN ('OPEN', 'ACKNOWLEDGED') ${inScope}
            AND NOT EXISTS (SELECT 1 FROM alert_firing f WHERE f.subject_key = a.subject_key)
         RETURNING a.id`,
        params,
      );
      await tx.query(
        `UPDATE alert a SET suppressing = false, updated_at = now()
          WHERE a.rule_code = $1 AND a.municipality_code = $2 AND a.suppressing ${inScope}
            AND NOT EXISTS (SELECT 1 FROM alert_firing f WHERE f.subject_key = a.subject_key)`,
        params,
      );
      // New causes open alerts; an open alert keeps its history and takes the latest reason.
      const opened: Array<{ inserted: boolean }> = await tx.query(
        `INSERT INTO alert (rule_code, municipality_code, owner_org_id, resident_id, subject_key, reason_ja, reason_en, details)
         SELECT $1, $2, f.owner_org_id, f.resident_id, f.subject_key, f.reason_ja, f.reason_en, f.details
           FROM alert_firing f
          WHERE NOT EXISTS (SELECT 1 FROM alert d WHERE d.rule_code = $1 AND d.subject_key = f.subject_key AND d.suppressing)
         ON CONFLICT (rule_code, subject_key) WHERE status IN ('OPEN', 'ACKNOWLEDGED')
         DO UPDATE SET reason_ja = EXCLUDED.reason_ja, reason_en = EXCLUDED.reason_en, details = EXCLUDED.details
          WHERE (alert.reason_ja, alert.details) IS DISTINCT FROM (EXCLUDED.reason_ja, EXCLUDED.details)
         RETURNING (xmax = 0) AS inserted`,
        [ruleCode, scope.municipalityCode],
      );
      return { opened: opened.filter((row) => row.inserted).length, resolved: (resolved as unknown[]).length };
    });
  }

  async analyze(): Promise<void> {
    await this.dataSource.query(`ANALYZE alert`);
  }

  /** The municipalities the sweep goes through: every one with residents on record. */
  async municipalities(): Promise<string[]> {
    const rows: Array<{ municipality_code: string }> = await this.dataSource.query(
      `WITH RECURSIVE codes AS (
         (SELECT municipality_code FROM resident_register ORDER BY municipality_code LIMIT 1)
         UNION ALL
         SELECT (SELECT r.municipality_code FROM resident_register r WHERE r.municipality_code > c.municipality_code
                  ORDER BY r.municipality_code LIMIT 1) FROM codes c WHERE c.municipality_code IS NOT NULL)
       SELECT municipality_code FROM codes WHERE municipality_code IS NOT NULL`,
    );
    return rows.map((row) => row.municipality_code);
  }

  async list(ctx: RequestContext, query: AlertQueryDto): Promise<Page<AlertResponse>> {
    const principal = ctx.principal!;
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<{ at: string; id: string }>(query.cursor, ['at', 'id']);
    const params: unknown[] = [principal.municipalityCodes, principal.roles, principal.orgId, limit + 1];
    const where = [VISIBLE];
    const statuses = query.status ? [query.status] : ['OPEN', 'ACKNOWLEDGED'];
    where.push(`a.status = ANY ($${params.push(statuses)}::text[])`);
    if (query.ruleCode) where.push(`a.rule_code = $${params.push(query.ruleCode)}`);
    if (query.residentId) where.push(`a.resident_id = $${params.push(query.residentId)}::uuid`);
    if (query.severity) where.push(`ar.severity = $${params.push(query.severity)}`);
    if (cursor) {
      where.push(`(a.opened_at, a.id) < ($${params.push(cursor.at)}::timestamptz, $${params.push(cursor.id)}::uuid)`);
    }
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${ALERT_COLUMNS} FROM alert a JOIN alert_rule ar ON ar.rule_code = a.rule_code
        WHERE ${where.join(' AND ')} ORDER BY a.opened_at DESC, a.id DESC LIMIT $4`,
      params,
    );
    const page = toPage(rows, limit, (row) => ({
      at: new Date(row.opened_at as string).toISOString(),
      id: row.id as string,
    }));
    await this.audit.recordMany(
      ctx,
      page.items
        .filter((row) => row.resident_id)
        .map((row) => ({
          action: 'alert.read',
          entity: 'alert',
          entityId: row.id as string,
          residentId: row.resident_id as string,
        })),
    );
    return { items: page.items.map(alertOf), nextCursor: page.nextCursor };
  }

  async counts(ctx: RequestContext): Promise<Array<{ ruleCode: string; severity: string; open: number }>> {
    const principal = ctx.principal!;
    const rows: Array<{ rule_code: string; severity: string; open: number }> = await this.dataSource.query(
      `SELECT a.rule_code, ar.severity, count(*)::int AS open FROM alert a JOIN alert_rule ar ON ar.rule_code = a.rule_code
        WHERE ${VISIBLE} AND a.status IN ('OPEN', 'ACKNOWLEDGED') GROUP BY a.rule_code, ar.severity ORDER BY a.rule_code`,
      [principal.municipalityCodes, principal.roles, principal.orgId],
    );
    return rows.map((row) => ({ ruleCode: row.rule_code, severity: row.severity, open: row.open }));
  }

  async get(ctx: RequestContext, id: string): Promise<AlertResponse> {
    const row = await this.visible(this.dataSource.manager, ctx, id);
    if (row.resident_id) {
      await this.audit.record(ctx, {
        action: 'alert.read',
        entity: 'alert',
        entityId: id,
        residentId: row.resident_id as string,
      });
    }
    return alertOf(row);
  }

  /** A person acknowledges, resolves or dismisses (with a reason) an alert of their office. */
  async update(ctx: RequestContext, id: string, input: UpdateAlertDto): Promise<AlertResponse> {
    return this.dataSource.transaction(async (tx) => {
      const before = await this.visible(tx, ctx, id, true);
      if (before.version !== input.version) {
        throw ProblemException.staleVersion('The alert', input.version);
      }
      const allowed: Record<string, string[]> = {
        OPEN: ['ACKNOWLEDGED', 'RESOLVED', 'DISMISSED'],
        ACKNOWLEDGED: ['RESOLVED', 'DISMISSED'],
      };
      if (!(allowed[before.status as string] ?? []).includes(input.status)) {
        throw ProblemException.conflict(`A ${before.status} alert cannot become ${input.status}.`, 'alert-status');
      }
      if (input.status === 'DISMISSED' && !input.reason) {
        throw ProblemException.validation([{ field: 'reason', reason: 'required when dismissing an alert' }]);
      }
      const userId = ctx.principal!.userId;
      await tx.query(
        `UPDATE alert SET status = $2,
                acknowledged_at = CASE WHEN $2 = 'ACKNOWLEDGED' THEN clock_timestamp() ELSE acknowledged_at END,
                acknowledged_by_user_id = CASE WHEN $2 = 'ACKNOWLEDGED' THEN $3::uuid ELSE acknowledged_by_user_id END,
                closed_at = CASE WHEN $2 IN ('RESOLVED', 'DISMISSED') THEN clock_timestamp() END,
                closed_by_user_id = CASE WHEN $2 IN ('RESOLVED', 'DISMISSED') THEN $3::uuid END,
                dismiss_reason = CASE WHEN $2 = 'DISMISSED' THEN $4 END,
                suppressing = ($2 = 'DISMISSED'),
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, input.status, userId, input.reason ?? null],
      );
      await this.audit.record(
        ctx,
        {
          action: 'alert.update',
          entity: 'alert',
          entityId: id,
          residentId: before.resident_id as string | null,
          diff: { status: [before.status, input.status], reason: input.reason ?? null },
        },
        tx,
      );
      return alertOf(await this.visible(tx, ctx, id));
    });
  }

  async rules(): Promise<AlertRuleResponse[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT rule_code, owner, severity, title_ja, title_en, events, enabled FROM alert_rule ORDER BY rule_code`,
    );
    return rows.map((row) => ({
      ruleCode: row.rule_code as string,
      owner: row.owner as string,
      severity: row.severity as string,
      title: { ja: row.title_ja as string, en: row.title_en as string },
      events: row.events as string[],
      enabled: row.enabled as boolean,
    }));
  }

  private async stage(tx: EntityManager, firings: AlertFiring[]): Promise<void> {
    // In slices: a municipality's sweep may find hundreds of thousands of causes.
    for (let i = 0; i < firings.length; i += 20_000) {
      const slice = firings.slice(i, i + 20_000);
      await tx.query(
        `INSERT INTO alert_firing (subject_key, resident_id, owner_org_id, reason_ja, reason_en, details)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::jsonb[])
         ON CONFLICT (subject_key) DO NOTHING`,
        [
          slice.map((f) => f.subjectKey),
          slice.map((f) => f.residentId),
          slice.map((f) => f.ownerOrgId ?? null),
          slice.map((f) => f.reason.ja),
          slice.map((f) => f.reason.en),
          slice.map((f) => JSON.stringify(f.details ?? {})),
        ],
      );
    }
  }

  private async visible(
    manager: EntityManager,
    ctx: RequestContext,
    id: string,
    lock = false,
  ): Promise<Record<string, unknown>> {
    const principal = ctx.principal!;
    const [row] = await manager.query(
      `SELECT ${ALERT_COLUMNS} FROM alert a JOIN alert_rule ar ON ar.rule_code = a.rule_code
        WHERE a.id = $4 AND ${VISIBLE} ${lock ? 'FOR UPDATE OF a' : ''}`,
      [principal.municipalityCodes, principal.roles, principal.orgId, id],
    );
    if (!row) throw ProblemException.notFound('Alert');
    return row;
  }

  log(message: string, fields: Record<string, unknown>): void {
    this.logger.log(fields, message);
  }
}
