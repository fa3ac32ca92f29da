import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  AppConfig,
  Clock,
  csvLine,
  daysBetween,
  decodeCursor,
  encodeCursor,
  isIsoDate,
  officeDate,
  preparedQuery,
  ProblemException,
  type RequestContext,
} from '@app/platform';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import type {
  NewcomerInvitationFilterDto,
  NewcomerInvitationPage,
  NewcomerInvitationQueryDto,
  NewcomerInvitationResponse,
} from './newcomer-invitations.dto.js';
import {
  invitationLanguage,
  movedInFrom,
  newcomerAfter,
  newcomerConditions,
  newcomerSelectSql,
  type NewcomerRow,
} from './newcomer-query.js';

/** Rows per query while streaming the CSV. */
const CSV_BATCH = 5_000;

const CSV_COLUMNS = [
  'resident_id',
  'family_name',
  'given_name',
  'middle_name',
  'kana_name',
  'moved_in_on',
  'days_since_moved_in',
  'preferred_language',
  'communication_level',
  'invitation_language',
] as const;

function invitationOf(row: NewcomerRow, today: string): NewcomerInvitationResponse {
  return {
    residentId: row.id,
    familyName: row.family_name,
    givenName: row.given_name,
    middleName: row.middle_name,
    kanaName: row.kana_name,
    movedInOn: row.moved_in_on,
    daysSinceMovedIn: daysBetween(row.moved_in_on, today),
    preferredLanguage: row.preferred_language,
    communicationLevel: row.communication_level,
    invitationLanguage: invitationLanguage(row.preferred_language, row.communication_level),
  };
}

/**
 * Newcomers to invite to an orientation session: residents of the caller's municipalities who moved
 * in recently, still live here and have not attended one (the rule is in newcomer-query.ts). Until
 * the notifications issue lands, this list is the invitation list.
 */
@Injectable()
export class NewcomerInvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async page(ctx: RequestContext, query: NewcomerInvitationQueryDto): Promise<NewcomerInvitationPage> {
    const today = officeDate(this.clock.now());
    const withinDays = query.withinDays ?? this.config.get('ORIENTATION_NEWCOMER_DAYS');
    const limit = query.limit ?? 50;
    const cursor = cursorOf(query.cursor);
    const params: unknown[] = [];
    const conditions = newcomerConditions(ctx.principal?.municipalityCodes ?? [], today, withinDays, params);
    if (cursor) conditions.push(newcomerAfter(cursor, params));
    const limitParam = `$${params.push(limit + 1)}::int`;
    const withinParam = `$${params.push(withinDays)}::int`;
    const onParam = `$${params.push(today)}::text`;
    // The page and its audit record in one statement: one round trip, and no read without its record.
    const audit = this.audit.insertSql(
      ctx,
      { action: 'orientation.newcomer-invitations.read', entity: 'resident' },
      params,
      `jsonb_build_object('on', ${onParam}, 'withinDays', ${withinParam},
         'returned', (SELECT coalesce(jsonb_agg(id ORDER BY moved_in_on, id), '[]')
                        FROM (SELECT id, moved_in_on FROM page ORDER BY moved_in_on, id LIMIT ${limitParam} - 1) p))`,
    );
    const rows = await preparedQuery<NewcomerRow>(
      this.dataSource,
      `WITH page AS MATERIALIZED (${newcomerSelectSql(conditions, limitParam)}),
            audit AS (${audit})
       SELECT * FROM page ORDER BY moved_in_on, id`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      today,
      movedInFrom: movedInFrom(today, withinDays),
      items: items.map((row) => invitationOf(row, today)),
      nextCursor: rows.length > limit && last ? encodeCursor({ k: last.moved_in_on, id: last.id }) : null,
    };
  }

  /**
   * The whole list as CSV lines, in move-in order, streamed in batches. The export is audited
   * (with what was asked for) before the first line, as the register export is.
   */
  async csv(ctx: RequestContext, query: NewcomerInvitationFilterDto): Promise<AsyncGenerator<string>> {
    const today = officeDate(this.clock.now());
    const withinDays = query.withinDays ?? this.config.get('ORIENTATION_NEWCOMER_DAYS');
    const municipalityCodes = [...(ctx.principal?.municipalityCodes ?? [])];
    await this.audit.record(ctx, {
      action: 'orientation.newcomer-invitations.export',
      entity: 'resident',
      diff: { on: today, withinDays, municipalityCodes },
    });
    return this.lines(municipalityCodes, today, withinDays);
  }

  private async *lines(municipalityCodes: string[], today: string, withinDays: number): AsyncGenerator<string> {
    yield csvLine(CSV_COLUMNS);
    let after: { k: string; id: string } | undefined;
    for (;;) {
      const params: unknown[] = [];
      const conditions = newcomerConditions(municipalityCodes, today, withinDays, params);
      if (after) conditions.push(newcomerAfter(after, params));
      const rows = await preparedQuery<NewcomerRow>(
        this.dataSource,
        newcomerSelectSql(conditions, `$${params.push(CSV_BATCH)}::int`),
        params,
      );
      if (rows.length === 0) return;
      yield rows
        .map((row) => {
          const item = invitationOf(row, today);
          return csvLine([
            item.residentId,
            item.familyName,
            item.givenName,
            item.middleName,
            item.kanaName,
            item.movedInOn,
            item.daysSinceMovedIn,
            item.preferredLanguage,
            item.communicationLevel,
            item.invitationLanguage,
          ]);
        })
        .join('');
      if (rows.length < CSV_BATCH) return;
      const last = rows[rows.length - 1];
      after = { k: last.moved_in_on, id: last.id };
    }
  }
}

function cursorOf(cursor: string | undefined): { k: string; id: string } | undefined {
  const position = decodeCursor<{ k: string; id: string }>(cursor, ['k', 'id']);
  if (position && !(isIsoDate(position.k) && isUUID(position.id))) {
    throw ProblemException.validation([{ field: 'cursor', reason: 'cursor must be a value returned as nextCursor' }]);
  }
  return position;
}
