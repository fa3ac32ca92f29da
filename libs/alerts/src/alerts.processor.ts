import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobName, QueueName, type JobPayload } from '@app/platform';
import type { Job } from 'bullmq';
import { AlertsService } from './alerts.service.js';
import { EVALUATION_BATCH_SIZE, ResidentEvaluationBatcher } from './evaluation-batcher.js';
import { NightlyReminders } from './nightly-reminders.js';

/**
 * Alert evaluation in the worker: residents after a change (the jobs running side by side are
 * evaluated as one batch), the nightly sweep, and the nightly reminders. Shorter locks than
 * BullMQ's 30 s (and a stall check every 5 s): the sweep of a killed worker is taken over by
 * another within ~20 s instead of up to a minute (test/reliability/crash-safety.e2e-spec.ts).
 */
@Processor(QueueName.alerts, { concurrency: EVALUATION_BATCH_SIZE, lockDuration: 15_000, stalledInterval: 5_000 })
export class AlertsProcessor extends WorkerHost {
  private readonly logger = new Logger(AlertsProcessor.name);

  constructor(
    private readonly alerts: AlertsService,
    private readonly batcher: ResidentEvaluationBatcher,
    private readonly reminders: NightlyReminders,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JobName.evaluateResidentAlerts) {
      const { residentId } = job.data as JobPayload['evaluate-resident-alerts'];
      return this.batcher.evaluate(residentId);
    }
    if (job.name === JobName.alertSweep) return this.sweep(job);
    if (job.name === JobName.reminderSweep) {
      const { on } = job.data as JobPayload['reminder-sweep'];
      return this.reminders.run(on ?? this.alerts.today(), (percent) => job.updateProgress(percent));
    }
    throw new Error(`unknown job ${job.name}`);
  }

  /**
   * Every enabled rule over every municipality, one rule and municipality per transaction, with
   * progress. Re-running it (a retry, a second worker) finds the same causes and changes nothing.
   */
  private async sweep(job: Job): Promise<Record<string, number>> {
    const { on } = job.data as JobPayload['alert-sweep'];
    const day = on ?? this.alerts.today();
    const rules = await this.alerts.enabledRules();
    const municipalities = await this.alerts.municipalities();
    const totals = { opened: 0, resolved: 0, steps: 0 };
    const started = performance.now();
    for (const municipalityCode of municipalities) {
      for (const rule of rules) {
        const counts = await this.alerts.evaluate(rule, { municipalityCode, on: day, residentIds: null });
        totals.opened += counts.opened;
        totals.resolved += counts.resolved;
        totals.steps += 1;
        await job.updateProgress(Math.floor((100 * totals.steps) / (municipalities.length * rules.length)));
      }
    }
    // A sweep may open or resolve hundreds of thousands: fresh statistics keep the evaluations of
    // single residents on their index.
    await this.alerts.analyze();
    const seconds = Math.round(performance.now() - started) / 1000;
    this.logger.log({ on: day, municipalities: municipalities.length, ...totals, seconds }, 'alert sweep done');
    return { ...totals, seconds };
  }
}
