import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, HEARTBEAT_EVERY_MS, HEARTBEAT_SCHEDULER_ID, JOB_OPTIONS, JobName, QueueName } from '@app/platform';
import type { Queue } from 'bullmq';

/** Registers the job schedulers (idempotent: upsert). Schedulers only enqueue. */
@Injectable()
export class Schedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(Schedules.name);

  constructor(
    @InjectQueue(QueueName.maintenance) private readonly maintenance: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      HEARTBEAT_SCHEDULER_ID,
      { every: HEARTBEAT_EVERY_MS, tz: this.config.get('TZ_OFFICE') },
      { name: JobName.heartbeat, data: {}, opts: JOB_OPTIONS[JobName.heartbeat] },
    );
    this.logger.log('job schedulers registered');
  }
}
