import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobName, QueueName, type JobPayload } from '@app/platform';
import type { Job } from 'bullmq';
import { AlertsService } from './alerts.service.js';

/** Alert evaluation in the worker: one resident after a change, or the nightly sweep. */
@Processor(QueueName.alerts)
export class AlertsProcessor extends WorkerHost {
  private readonly logger = new Logger(AlertsProcessor.name);

  constructor(private readonly alerts: AlertsService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JobName.evaluateResidentAlerts) {
      const { residentId } = job.data as JobPayload['evaluate-resident-alerts'];
      return this.alerts.evaluateResident(residentId);
    }
    if (job.name === JobName.alertSweep) return this.sweep(job);
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
