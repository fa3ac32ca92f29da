import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { JobName, QueueName, residentAlertsJob } from '@app/platform';
import type { Queue } from 'bullmq';

/**
 * Domain events that concern a resident queue a re-evaluation of that resident's alerts,
 * deduplicated per resident: a burst of changes makes one waiting evaluation, and a change arriving
 * while the resident's evaluation runs queues exactly one more, started when that one finishes
 * (BullMQ's `keepLastIfActive`), so nothing that happened after it started is missed and two
 * evaluations of one resident never run side by side, on any worker.
 */
@Injectable()
export class AlertTriggers {
  constructor(@InjectQueue(QueueName.alerts) private readonly queue: Queue) {}

  @OnEvent('coverage.changed', { promisify: true })
  @OnEvent('insurance-facts.changed', { promisify: true })
  @OnEvent('employment.changed', { promisify: true })
  @OnEvent('resident.changed', { promisify: true })
  @OnEvent('learner.absent', { promisify: true })
  @OnEvent('attendance.changed', { promisify: true })
  @OnEvent('case.changed', { promisify: true })
  @OnEvent('schooling.changed', { promisify: true })
  async residentChanged(event: { residentId: string }): Promise<void> {
    await this.queue.add(
      JobName.evaluateResidentAlerts,
      { residentId: event.residentId },
      residentAlertsJob(event.residentId),
    );
  }
}
