import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { JOB_OPTIONS, JobName, QueueName, residentAlertsJobId } from '@app/platform';
import type { Queue } from 'bullmq';

/**
 * Domain events that concern a resident queue a re-evaluation of that resident's alerts. The job
 * id is the resident's, so a burst of changes makes one evaluation; a change arriving while that
 * evaluation already runs queues one more, so nothing that happened after it started is missed.
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
  async residentChanged(event: { residentId: string }): Promise<void> {
    const options = JOB_OPTIONS[JobName.evaluateResidentAlerts];
    const id = residentAlertsJobId(event.residentId);
    const job = await this.queue.add(
      JobName.evaluateResidentAlerts,
      { residentId: event.residentId },
      { ...options, jobId: id },
    );
    if ((await job.getState()) === 'active') {
      await this.queue.add(
        JobName.evaluateResidentAlerts,
        { residentId: event.residentId },
        { ...options, jobId: `${id}-again` },
      );
    }
  }
}
