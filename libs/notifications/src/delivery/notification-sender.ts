import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock, officeDate } from '@app/platform';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { backoffSeconds, MAX_ATTEMPTS } from '../purposes.js';
import type { TemplateLanguage } from '../templates/template.js';
import { LetterFontsProvider } from './letter-fonts.provider.js';
import { renderLetterPdf } from './letter-pdf.js';
import { buildMail, messageIdOf } from './mail-message.js';
import { SmtpPool } from './smtp-pool.js';
import { dataOf, SmtpError, type SmtpConnection } from './smtp-client.js';

/** What one attempt did. `not-due`: nothing to do (sent, not due yet, or another worker has it). */
export type SendOutcome = 'SENT' | 'FAILED' | 'DEAD' | 'not-due';

interface ClaimedRow {
  id: string;
  resident_id: string;
  channel: 'EMAIL' | 'LETTER';
  recipient: string | null;
  subject: string;
  body: string;
  language: TemplateLanguage;
  attempts: number;
  resend_count: number;
  data: Record<string, unknown>;
}

/**
 * The claim: the row is locked (FOR UPDATE SKIP LOCKED: a row another worker is sending is
 * skipped, not waited for) and counted as an attempt, in a transaction that stays open until the
 * row is marked SENT. The lock is the lease: if this worker dies, PostgreSQL sees its connection
 * close, rolls the transaction back and the row is PENDING (or FAILED) again at once: no row is
 * ever left in SENDING, and there is no lease timer to wait for.
 */
const CLAIM = `
  UPDATE notification n SET status = 'SENDING', attempts = n.attempts + 1, updated_at = now()
    FROM (SELECT id FROM notification
           WHERE id = $1 AND status IN ('PENDING', 'FAILED') AND next_attempt_at <= now()
             FOR UPDATE SKIP LOCKED) due
   WHERE n.id = due.id
  RETURNING n.id, n.resident_id, n.channel, n.recipient, n.subject, n.body, n.language, n.attempts, n.resend_count,
            n.data`;

const MARK_SENT = `
  UPDATE notification SET status = 'SENT', sent_at = now(), message_id = $2, last_error = NULL, smtp_response = NULL,
                          letter_pdf = coalesce($3, letter_pdf), updated_at = now()
   WHERE id = $1`;

const MARK_FAILED = `
  UPDATE notification SET status = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4),
                          updated_at = now()
   WHERE id = $1`;

/**
 * Sends one notification: an e-mail through SMTP_URL, or a letter rendered as a PDF and kept for
 * staff to print.
 *
 * Exactly once over SMTP. An SMTP server takes responsibility for a message when it reads the end
 * of DATA (`<CRLF>.<CRLF>`); PostgreSQL records it as sent when it reads COMMIT. Those are two
 * sockets, so no protocol makes them one atomic step (RFC 1047 describes the same gap between
 * mail servers). This sender makes the gap as small as a process can:
 *
 * 1. claim the row (above) and, still in that transaction, run the SMTP conversation up to the
 *    last byte of the message, and UPDATE the row to SENT (not committed yet);
 * 2. then, in one synchronous step with no await between them, write COMMIT to PostgreSQL's
 *    socket and the end of DATA to the SMTP socket (both buffers are empty, so each write is a
 *    system call that hands the bytes to the kernel before it returns);
 * 3. then wait for both answers.
 *
 * Killed (SIGKILL, power) before step 2: PostgreSQL rolls back (the row is due again) and the
 * SMTP server, its connection closed in the middle of DATA, discards the message: the next
 * attempt sends it once. Killed after step 2: the kernel delivers both writes; the row is SENT and
 * the server has the whole message (servers keep a message whose end they read even when the
 * client is gone before their reply: Postfix logs "lost connection after END-OF-MESSAGE", and
 * smtp-server keeps a message received in full). So the window that a naive sender leaves open
 * between the server's 250 and the UPDATE (a duplicate whenever the worker dies there) is closed.
 *
 * What is left, strictly: a kill between the two write system calls. COMMIT goes first, so such a
 * message is marked SENT without reaching the server: one lost e-mail, never a duplicate, and at
 * most one per kill (one thread: one message at a time is between the two writes). The window is
 * a few µs of work, but the COMMIT wakes PostgreSQL's backend, which may preempt the worker right
 * as that write returns: on the two-core test machine a random SIGKILL landed there about once in
 * 25 kills (measured 2026-11-30: 4 losses in 100 kills over 20 runs, alone or beside other tests). The
 * delivery test (test/notifications-delivery.e2e-spec.ts) kills the worker at random instants
 * during 5,000 sends and requires every Message-ID exactly once at the sink, except a message lost
 * this way: marked SENT just before a kill, with no reply recorded, one at most per kill.
 *
 * Two rarer cases: a server that refuses the message after reading all of it (a 4xx/5xx reply to
 * the end of DATA) is seen by a live sender, which sets the row back to FAILED or DEAD; and a
 * COMMIT that PostgreSQL itself fails after the end of DATA went out leaves the row due while the
 * server has the message (a duplicate after a database failure, logged as an error).
 */
@Injectable()
export class NotificationSender implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationSender.name);
  private readonly from: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly smtp: SmtpPool,
    private readonly fonts: LetterFontsProvider,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.from = `no-reply@${new URL(config.get('APP_BASE_URL')).hostname}`;
  }

  onModuleDestroy(): void {
    this.smtp.close();
  }

  async send(id: string): Promise<SendOutcome> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    let open = false;
    try {
      // One round trip. The timeout is a backstop for a worker that hangs (not dies) mid-send.
      await client.query(`BEGIN; SET LOCAL idle_in_transaction_session_timeout = '120s'`);
      open = true;
      const {
        rows: [row],
      } = await client.query<ClaimedRow>(CLAIM, [id]);
      if (!row) {
        await client.query('ROLLBACK');
        open = false;
        return 'not-due';
      }
      const outcome = row.channel === 'LETTER' ? await this.printLetter(client, row) : await this.email(client, row);
      open = false;
      return outcome;
    } catch (error) {
      if (open) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** A letter: rendered and stored in the same transaction that marks it sent (truly atomic). */
  private async printLetter(client: PoolClient, row: ClaimedRow): Promise<SendOutcome> {
    const {
      rows: [resident],
    } = await client.query(
      `SELECT family_name, given_name, middle_name, kanji_name, postal_code, address FROM resident_register WHERE id = $1`,
      [row.resident_id],
    );
    let pdf: Buffer;
    try {
      pdf = await renderLetterPdf(
        {
          notificationId: row.id,
          language: row.language,
          subject: row.subject,
          body: row.body,
          postalCode: resident?.postal_code ?? null,
          address: resident?.address ?? null,
          recipientName:
            resident?.kanji_name ??
            [resident?.family_name, resident?.given_name, resident?.middle_name].filter(Boolean).join(' '),
          officeName: typeof row.data.officeName === 'string' ? row.data.officeName : '',
          issuedOn: officeDate(this.clock.now(), this.config.get('TZ_OFFICE')),
        },
        this.fonts.fonts,
      );
    } catch (error) {
      // Counted as an attempt (a letter that cannot be drawn must not be retried for ever).
      return this.recordFailure(client, row, error);
    }
    await client.query(MARK_SENT, [row.id, null, pdf]);
    await client.query('COMMIT');
    return 'SENT';
  }

  private async email(client: PoolClient, row: ClaimedRow): Promise<SendOutcome> {
    const messageId = messageIdOf(row.id, row.resend_count);
    let connection: SmtpConnection | null = null;
    try {
      const data = dataOf(
        await buildMail({
          messageId,
          from: this.from,
          to: row.recipient!,
          subject: row.subject,
          body: row.body,
          language: row.language,
          notificationId: row.id,
        }),
      );
      connection = await this.smtp.begin(this.from, row.recipient!);
      await connection.writeContent(data);
      await client.query(MARK_SENT, [row.id, messageId, null]);
      // Checked before COMMIT: from here to the end of data nothing can change (no await).
      if (!connection.readyToEnd()) throw new SmtpError('the connection to the SMTP server was lost', null);
    } catch (error) {
      // The end of DATA was not written: the server has not taken the message.
      if (connection) this.smtp.discard(connection);
      return this.recordFailure(client, row, error);
    }

    // The commit point (see the class comment): no await between these two writes, and no work
    // that could be done before them (a kill landing between them loses the message).
    const endOfMessage = connection.armEndOfMessage();
    const committed = client.query('COMMIT');
    const accepted = endOfMessage();

    const [commit, reply] = await Promise.allSettled([committed, accepted]);
    if (commit.status === 'rejected') {
      this.smtp.discard(connection);
      this.logger.error(
        { notificationId: row.id, error: String(commit.reason), delivered: reply.status === 'fulfilled' },
        'COMMIT failed after the end of DATA was written: the notification stays due and may be sent again',
      );
      throw commit.reason;
    }
    if (reply.status === 'fulfilled') {
      this.smtp.release(connection);
      // Bookkeeping only (the server's queue id, for tracing): not worth a disk flush, so written
      // with synchronous_commit off, in one round trip (hence literals, escaped by the driver).
      const literal = (value: string) => client.escapeLiteral(value);
      await client
        .query(
          `BEGIN; SET LOCAL synchronous_commit TO off;
           UPDATE notification SET smtp_response = ${literal(reply.value.slice(0, 500))}
            WHERE id = ${literal(row.id)} AND message_id = ${literal(messageId)};
           COMMIT`,
        )
        .catch(() => client.query('ROLLBACK').catch(() => undefined));
      return 'SENT';
    }
    this.smtp.discard(connection);
    const error = reply.reason as Error;
    if (error instanceof SmtpError && error.code !== null) {
      // The server read the whole message and refused it: it was not delivered.
      return this.unsend(client, row, messageId, error);
    }
    // No answer to the end of DATA (the connection broke): the server may well have it. Left SENT
    // (never sent twice); the note says why the reply is missing.
    await client
      .query(`UPDATE notification SET last_error = $2 WHERE id = $1 AND message_id = $3`, [
        row.id,
        `no reply to the end of the message (presumed delivered): ${error.message}`.slice(0, 1000),
        messageId,
      ])
      .catch(() => undefined);
    return 'SENT';
  }

  /** A failed attempt, in the claim's transaction: FAILED with backoff, or DEAD after the last. */
  private async recordFailure(client: PoolClient, row: ClaimedRow, error: unknown): Promise<SendOutcome> {
    const status = this.failureStatus(row, error);
    const message = error instanceof Error ? error.message : String(error);
    await client.query(MARK_FAILED, [row.id, status, message.slice(0, 1000), backoffSeconds(row.attempts)]);
    await client.query('COMMIT');
    this.logger.warn(
      { notificationId: row.id, attempt: row.attempts, status, error: message },
      'notification not sent',
    );
    return status;
  }

  /** The server refused the message at its end: SENT is taken back (a later, separate transaction). */
  private async unsend(client: PoolClient, row: ClaimedRow, messageId: string, error: SmtpError): Promise<SendOutcome> {
    const status = this.failureStatus(row, error);
    await client.query(
      `UPDATE notification SET status = $2, last_error = $3, sent_at = NULL,
                               next_attempt_at = now() + make_interval(secs => $4), updated_at = now()
        WHERE id = $1 AND status = 'SENT' AND message_id = $5`,
      [row.id, status, error.message.slice(0, 1000), backoffSeconds(row.attempts), messageId],
    );
    this.logger.warn({ notificationId: row.id, status, error: error.message }, 'the SMTP server refused the message');
    return status;
  }

  private failureStatus(row: ClaimedRow, error: unknown): 'FAILED' | 'DEAD' {
    const permanent = error instanceof SmtpError && error.permanent;
    return permanent || row.attempts >= MAX_ATTEMPTS ? 'DEAD' : 'FAILED';
  }
}
