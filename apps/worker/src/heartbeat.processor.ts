import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { AppConfig, heartbeatKey, JobName, QueueName, SharedState, type JobPayload } from '@app/platform';
import type { Job } from 'bullmq';

/** The maintenance queue. For now it only proves the scheduler → queue → worker path. */
@Processor(QueueName.maintenance)
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly state: SharedState,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.heartbeat:
        return this.heartbeat(job as Job<JobPayload[typeof JobName.heartbeat]>);
      default:
        throw new Error(`unknown job ${job.name} on ${QueueName.maintenance}`);
    }
  }

  private async heartbeat(job: Job<JobPayload[typeof JobName.heartbeat]>): Promise<{ at: string }> {
    const at = new Date().toISOString();
    // Kept for three missed beats; /health/ready reports it.
    await this.state.set(heartbeatKey(this.config.get('REDIS_PREFIX')), at, 180);
    this.logger.debug({ jobId: job.id }, 'heartbeat');
    return { at };
  }
}
