import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  ALERT_SWEEP_CRON,
  ALERT_SWEEP_SCHEDULER_ID,
  AppConfig,
  HEARTBEAT_EVERY_MS,
  HEARTBEAT_SCHEDULER_ID,
  JOB_OPTIONS,
  JobName,
  QueueName,
  REMINDER_SWEEP_CRON,
  REMINDER_SWEEP_SCHEDULER_ID,
  REPORTS_CRON,
  REPORTS_SCHEDULER_ID,
} from '@app/platform';
import { NOTIFICATION_RELAY_EVERY_MS, NOTIFICATION_RELAY_SCHEDULER_ID } from '@app/notifications';
import type { Queue } from 'bullmq';

/** Registers the job schedulers (idempotent: upsert). Schedulers only enqueue. */
@Injectable()
export class Schedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(Schedules.name);

  constructor(
    @InjectQueue(QueueName.maintenance) private readonly maintenance: Queue,
    @InjectQueue(QueueName.notifications) private readonly notifications: Queue,
    @InjectQueue(QueueName.alerts) private readonly alerts: Queue,
    @InjectQueue(QueueName.reports) private readonly reports: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      HEARTBEAT_SCHEDULER_ID,
      { every: HEARTBEAT_EVERY_MS, tz: this.config.get('TZ_OFFICE') },
      { name: JobName.heartbeat, data: {}, opts: JOB_OPTIONS[JobName.heartbeat] },
    );
    // The nightly alert sweep: one job per night however many workers run (the scheduler's id).
    await this.alerts.upsertJobScheduler(
      ALERT_SWEEP_SCHEDULER_ID,
      { pattern: ALERT_SWEEP_CRON, tz: this.config.get('TZ_OFFICE') },
      { name: JobName.alertSweep, data: {}, opts: JOB_OPTIONS[JobName.alertSweep] },
    );
    await this.alerts.upsertJobScheduler(
      REMINDER_SWEEP_SCHEDULER_ID,
      { pattern: REMINDER_SWEEP_CRON, tz: this.config.get('TZ_OFFICE') },
      { name: JobName.reminderSweep, data: {}, opts: JOB_OPTIONS[JobName.reminderSweep] },
    );
    // The nightly reports: one job per night however many workers run; each run is unique per
    // report, scope and date besides.
    await this.reports.upsertJobScheduler(
      REPORTS_SCHEDULER_ID,
      { pattern: REPORTS_CRON, tz: this.config.get('TZ_OFFICE') },
      { name: JobName.reportsNightly, data: {}, opts: JOB_OPTIONS[JobName.reportsNightly] },
    );
    await this.notifications.upsertJobScheduler(
      NOTIFICATION_RELAY_SCHEDULER_ID,
      { every: NOTIFICATION_RELAY_EVERY_MS },
      { name: JobName.relayNotifications, data: {}, opts: JOB_OPTIONS[JobName.relayNotifications] },
    );
    this.logger.log('job schedulers registered');
  }
}
