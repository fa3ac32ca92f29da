import { Processor, WorkerHost } from '@nestjs/bullmq';
import { JobName, QueueName, type JobPayload } from '@app/platform';
import { UnrecoverableError, type Job } from 'bullmq';
import { NotificationRelay } from './notification-relay.js';
import { NotificationSender, type SendOutcome } from './notification-sender.js';

/**
 * The notifications queue: the relay (every 10 s, apps/worker/src/schedules.ts) queues a send job
 * per due notification; a send job sends it. Attempts and backoff live in the outbox row (a failed
 * send is recorded there and the job completes), so BullMQ's own retries only cover a worker that
 * could not reach PostgreSQL. Short locks: the jobs of a killed worker are taken over within
 * seconds (their rows were already released by PostgreSQL).
 */
@Processor(QueueName.notifications, {
  concurrency: 3,
  lockDuration: 5_000,
  stalledInterval: 3_000,
  maxStalledCount: 50,
})
export class NotificationsProcessor extends WorkerHost {
  constructor(
    private readonly sender: NotificationSender,
    private readonly relay: NotificationRelay,
  ) {
    super();
  }

  async process(job: Job): Promise<{ outcome: SendOutcome } | { due: number; queued: number }> {
    switch (job.name) {
      case JobName.sendNotification:
        return {
          outcome: await this.sender.send((job.data as JobPayload[typeof JobName.sendNotification]).notificationId),
        };
      case JobName.relayNotifications:
        return this.relay.relayDue();
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on ${QueueName.notifications}`);
    }
  }
}
