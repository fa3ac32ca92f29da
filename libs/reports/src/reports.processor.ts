import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { addDays, AppConfig, Clock, JobName, officeDate, QueueName, type JobPayload } from '@app/platform';
import type { Job } from 'bullmq';
import { REPORT_BY_CODE } from './definitions.js';
import { ReportRunner, type RunOutcome } from './report-runner.js';

/**
 * The reports queue: the nightly run (01:30 office time, figures as of the day before; every enabled
 * report for every scope, with progress) and an administrator's rerun of one report for a date.
 */
@Processor(QueueName.reports)
export class ReportsProcessor extends WorkerHost {
  private readonly logger = new Logger(ReportsProcessor.name);

  constructor(
    private readonly runner: ReportRunner,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JobName.reportsNightly) return this.nightly(job);
    if (job.name === JobName.reportRun) {
      const { reportCode, scopeKind, scopeKey, asOf } = job.data as JobPayload['report-run'];
      const outcome = await this.runner.runWithRetries(
        reportCode,
        await this.runner.scopeFor(scopeKind, scopeKey),
        asOf,
        'MANUAL',
      );
      if (outcome.status === 'FAILED') throw new Error(outcome.error);
      return outcome;
    }
    throw new Error(`unknown job ${job.name}`);
  }

  private async nightly(job: Job): Promise<Record<string, number>> {
    const { asOf: requested } = job.data as JobPayload['reports-nightly'];
    const asOf = requested ?? addDays(officeDate(this.clock.now(), this.config.get('TZ_OFFICE')), -1);
    const codes = await this.runner.enabledCodes();
    const scopes = await this.runner.scopes();
    const work = scopes.flatMap((scope) =>
      codes.filter((code) => REPORT_BY_CODE.get(code)!.scopes.includes(scope.kind)).map((code) => ({ code, scope })),
    );
    const totals = { done: 0, skipped: 0, failed: 0, rows: 0, forgotten: 0 };
    const started = performance.now();
    for (const [index, { code, scope }] of work.entries()) {
      const outcome: RunOutcome = await this.runner.runWithRetries(code, scope, asOf, 'NIGHTLY');
      totals[outcome.status === 'DONE' ? 'done' : outcome.status === 'SKIPPED' ? 'skipped' : 'failed'] += 1;
      totals.rows += outcome.rowCount;
      await job.updateProgress(Math.floor((100 * (index + 1)) / work.length));
    }
    totals.forgotten = await this.runner.forgetOldRuns(asOf);
    const seconds = Math.round(performance.now() - started) / 1000;
    this.logger.log({ asOf, reports: work.length, ...totals, seconds }, 'nightly reports done');
    return { ...totals, seconds };
  }
}
