import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobName, QueueName, type JobPayload } from '@app/platform';
import { UnrecoverableError, type Job } from 'bullmq';
import { MatchFileError } from './match-input.js';
import type { MatchRunResponse } from './match-run.dto.js';
import { MatchRunsService } from './match-runs.service.js';

/**
 * The matching queue: runs a match run with progress; a retry starts the run over. Shorter locks
 * than BullMQ's 30 s (and a stall check every 5 s): the run of a killed worker is taken over by
 * another within ~20 s instead of up to a minute (test/reliability/crash-safety.e2e-spec.ts).
 */
@Processor(QueueName.matching, { lockDuration: 15_000, stalledInterval: 5_000 })
export class MatchRunsProcessor extends WorkerHost {
  private readonly logger = new Logger(MatchRunsProcessor.name);

  constructor(private readonly runs: MatchRunsService) {
    super();
  }

  async process(job: Job): Promise<MatchRunResponse> {
    switch (job.name) {
      case JobName.matchRun:
        return this.matchRun(job as Job<JobPayload[typeof JobName.matchRun]>);
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on ${QueueName.matching}`);
    }
  }

  private async matchRun(job: Job<JobPayload[typeof JobName.matchRun]>): Promise<MatchRunResponse> {
    const id = job.data.matchRunId;
    try {
      return await this.runs.run(id, (percent) => job.updateProgress({ percent }));
    } catch (error) {
      if (error instanceof MatchFileError) throw new UnrecoverableError(error.message);
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (last) await this.runs.fail(id, error instanceof Error ? error.message : String(error));
      this.logger.warn({ matchRunId: id, attempt: job.attemptsMade + 1 }, 'match run interrupted');
      throw error;
    }
  }

  /**
   * BullMQ fails a job that stalled too often (its workers were killed each time) without running
   * it again, so `matchRun`'s last-attempt branch never sees it: the run is ended here instead of
   * staying RUNNING for good. A run already DONE is left alone.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<JobPayload[typeof JobName.matchRun]> | undefined, error: Error): Promise<void> {
    if (job?.name !== JobName.matchRun) return;
    const forGood = job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled more than/i.test(error.message);
    if (!forGood) return;
    await this.runs.fail(job.data.matchRunId, error.message).catch((failure: Error) => {
      this.logger.error({ matchRunId: job.data.matchRunId, error: failure.message }, 'could not mark the run failed');
    });
  }
}
