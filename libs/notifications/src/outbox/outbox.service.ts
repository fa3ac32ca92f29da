import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { decodeCursor, ProblemException, toPage, type Page, type RequestContext } from '@app/platform';
import { ResidentDirectory } from '@app/residents';
import { DataSource } from 'typeorm';
import { NotificationRelay } from '../delivery/notification-relay.js';
import type { NotificationQueryDto, NotificationResponse } from '../http/notifications.dto.js';
import { NotificationsService } from '../notifications.service.js';
import type { NotificationPurpose } from '../purposes.js';

const COLUMNS = `id, resident_id, municipality_code, purpose, template_code, requested_language, language, channel,
  recipient, subject, body, status, attempts, resend_count, last_error, next_attempt_at, sent_at, message_id,
  smtp_response, letter_pdf IS NOT NULL AS letter_ready, created_at, created_at::text AS position`;

const iso = (value: unknown): string | null => (value ? new Date(value as string).toISOString() : null);

function notificationOf(row: Record<string, unknown>): NotificationResponse {
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    municipalityCode: row.municipality_code as string,
    purpose: row.purpose as NotificationResponse['purpose'],
    templateCode: row.template_code as string,
    requestedLanguage: row.requested_language as string | null,
    language: row.language as string,
    channel: row.channel as NotificationResponse['channel'],
    recipient: row.recipient as string | null,
    subject: row.subject as string,
    body: row.body as string,
    status: row.status as NotificationResponse['status'],
    attempts: row.attempts as number,
    resendCount: row.resend_count as number,
    lastError: row.last_error as string | null,
    nextAttemptAt: iso(row.next_attempt_at)!,
    sentAt: iso(row.sent_at),
    messageId: row.message_id as string | null,
    smtpResponse: row.smtp_response as string | null,
    letterReady: row.letter_ready as boolean,
    createdAt: iso(row.created_at)!,
  };
}

/** Staff's view of the outbox: what a resident was sent, the office's queue, resends, letters. */
@Injectable()
export class OutboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ResidentDirectory,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly relay: NotificationRelay,
  ) {}

  /** Everything sent (or queued) to the resident, newest first. */
  async ofResident(ctx: RequestContext, residentId: string): Promise<NotificationResponse[]> {
    await this.directory.visibleMunicipalityOf(ctx, residentId);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notification WHERE resident_id = $1 ORDER BY created_at DESC, id DESC LIMIT 500`,
      [residentId],
    );
    await this.audit.record(ctx, { action: 'notification.read', entity: 'resident', entityId: residentId, residentId });
    return rows.map(notificationOf);
  }

  /** The office's outbox (its municipalities), newest first, by status (DEAD: the dead letters). */
  async list(ctx: RequestContext, query: NotificationQueryDto): Promise<Page<NotificationResponse>> {
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<{ at: string; id: string }>(query.cursor, ['at', 'id']);
    const params: unknown[] = [ctx.principal!.municipalityCodes, limit + 1];
    const where = ['municipality_code = ANY ($1::char(6)[])'];
    if (query.status) where.push(`status = $${params.push(query.status)}`);
    if (query.purpose) where.push(`purpose = $${params.push(query.purpose)}`);
    if (query.channel) where.push(`channel = $${params.push(query.channel)}`);
    if (cursor) {
      where.push(`(created_at, id) < ($${params.push(cursor.at)}::timestamptz, $${params.push(cursor.id)}::uuid)`);
    }
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notification WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
    const page = toPage(rows, limit, (row) => ({ at: row.position as string, id: row.id as string }));
    await this.audit.recordMany(
      ctx,
      page.items.map((row) => ({
        action: 'notification.list',
        entity: 'notification',
        entityId: row.id as string,
        residentId: row.resident_id as string,
      })),
    );
    return { items: page.items.map(notificationOf), nextCursor: page.nextCursor };
  }

  /**
   * A new attempt, asked by staff: a dead, failed or sent notification is made due again, with the
   * resident's current address, opt-outs and language (a dead e-mail to a mistyped address goes to
   * the corrected one). A sent one goes out again as a new message (its own Message-ID).
   */
  async resend(ctx: RequestContext, id: string): Promise<NotificationResponse> {
    const row = await this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(
        `SELECT id, resident_id, municipality_code, purpose, status, data, sent_at FROM notification
          WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!before || !ctx.principal!.municipalityCodes.includes(before.municipality_code)) {
        throw ProblemException.notFound('Notification');
      }
      if (!['DEAD', 'FAILED', 'SENT'].includes(before.status)) {
        throw ProblemException.conflict(
          `Only a dead, failed or sent notification can be sent again (this one is ${before.status}).`,
          'notification-not-resendable',
        );
      }
      const message = await this.notifications.compose(
        tx,
        before.resident_id,
        before.purpose as NotificationPurpose,
        before.data,
      );
      if (message.channel === null) {
        throw ProblemException.conflict(
          'The resident has opted out of both e-mail and letters.',
          'notification-opted-out',
        );
      }
      const [[after]] = await tx.query(
        `UPDATE notification SET status = 'PENDING', attempts = 0, next_attempt_at = now(), last_error = NULL,
                resend_count = resend_count + CASE WHEN status = 'SENT' THEN 1 ELSE 0 END,
                sent_at = NULL, message_id = NULL, smtp_response = NULL, letter_pdf = NULL,
                channel = $2, recipient = $3, language = $4, requested_language = $5, subject = $6, body = $7,
                template_code = $8, updated_at = now()
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [
          id,
          message.channel,
          message.recipient,
          message.language,
          message.requestedLanguage,
          message.subject,
          message.body,
          message.templateCode,
        ],
      );
      await this.audit.record(
        ctx,
        {
          action: 'notification.resend',
          entity: 'notification',
          entityId: id,
          residentId: before.resident_id,
          diff: { status: [before.status, 'PENDING'], channel: message.channel, previousSentAt: before.sent_at },
        },
        tx,
      );
      return after as Record<string, unknown>;
    });
    await this.relay.dispatch([id]).catch(() => undefined);
    return notificationOf(row);
  }

  /** The printed letter (PDF) of a LETTER notification, for staff to print and post. */
  async letter(ctx: RequestContext, id: string): Promise<Buffer> {
    const [row] = await this.dataSource.query(
      `SELECT resident_id, municipality_code, channel, letter_pdf FROM notification WHERE id = $1`,
      [id],
    );
    if (!row || !ctx.principal!.municipalityCodes.includes(row.municipality_code)) {
      throw ProblemException.notFound('Notification');
    }
    if (row.channel !== 'LETTER') throw ProblemException.notFound('Letter');
    if (!row.letter_pdf) {
      throw ProblemException.conflict(
        'The letter has not been printed yet; try again in a minute.',
        'letter-not-ready',
      );
    }
    await this.audit.record(ctx, {
      action: 'notification.letter_read',
      entity: 'notification',
      entityId: id,
      residentId: row.resident_id,
    });
    return row.letter_pdf as Buffer;
  }
}
