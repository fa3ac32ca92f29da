import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JOB_OPTIONS, JobName, notificationJobId, QueueName } from '@app/platform';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

const PAGE = 1_000;

/**
 * Hands due notifications to the queue: one send job per notification, keyed
 * `notify-<id>` so that a notification has at most one job waiting or running. The outbox row is
 * the truth (the sender claims it under a lock), so a job that runs for nothing is harmless; this
 * relay makes sure a due row is never left without a job: a job that finished (sent, failed or
 * found the row not due) is replaced when the row is due again.
 */
@Injectable()
export class NotificationRelay {
  private readonly logger = new Logger(NotificationRelay.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.notifications) private readonly queue: Queue,
  ) {}

  /** Every due notification (at most `limit`, oldest due first) gets a send job. */
  async relayDue(limit = 20_000): Promise<{ due: number; queued: number }> {
    let due = 0;
    let queued = 0;
    let after: { at: string; id: string } | null = null;
    while (due < limit) {
      const rows: Array<{ id: string; at: string }> = await this.dataSource.query(
        `SELECT id, next_attempt_at::text AS at FROM notification
          WHERE status IN ('PENDING', 'FAILED') AND next_attempt_at <= now()
            AND ($1::timestamptz IS NULL OR (next_attempt_at, id) > ($1::timestamptz, $2::uuid))
          ORDER BY next_attempt_at, id LIMIT $3`,
        [after?.at ?? null, after?.id ?? null, Math.min(PAGE, limit - due)],
      );
      if (rows.length === 0) break;
      due += rows.length;
      queued += await this.dispatch(rows.map((row) => row.id));
      after = rows[rows.length - 1];
    }
    if (queued > 0) this.logger.log({ due, queued }, 'notifications relayed');
    return { due, queued };
  }

  /**
   * Send jobs for these notifications, unless one is already waiting or running. Called by the
   * relay, and after a commit that made notifications due (a resend), so they go out at once.
   */
  async dispatch(ids: readonly string[]): Promise<number> {
    const states = await Promise.all(ids.map((id) => this.queue.getJobState(notificationJobId(id))));
    const fresh: string[] = [];
    await Promise.all(
      ids.map(async (id, index) => {
        const state = states[index];
        if (state === 'completed' || state === 'failed') {
          // A finished job keeps its id for a while; it must go before the id can be used again.
          if ((await this.queue.remove(notificationJobId(id))) === 0) return;
          fresh.push(id);
        } else if (state === 'unknown') {
          fresh.push(id);
        }
      }),
    );
    if (fresh.length === 0) return 0;
    await this.queue.addBulk(
      fresh.map((notificationId) => ({
        name: JobName.sendNotification,
        data: { notificationId },
        opts: { ...JOB_OPTIONS[JobName.sendNotification], jobId: notificationJobId(notificationId) },
      })),
    );
    return fresh.length;
  }
}
