import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { onShutdownDeadline, runningWorkers } from '@app/platform';
import { Job, type Worker } from 'bullmq';

/** What BullMQ's worker keeps of the jobs it runs (for their lock renewal): id → lock token. */
type LockedJobs = Map<string, { token: string }>;

function lockedJobsOf(worker: Worker): LockedJobs {
  // Not public API: the one place that knows every job the worker runs, including one taken
  // before any event listener could be attached (the workers start at module init).
  return (worker as unknown as { lockManager: { trackedJobs: LockedJobs } }).lockManager.trackedJobs;
}

/**
 * A SIGTERM lets running jobs finish within the grace period (closing the BullMQ workers waits for
 * them). A job still running when the grace period ends is handed back to its queue (waiting,
 * no attempt spent) and the process exits 0, so another worker continues it at once instead of
 * finding it stalled after its lock expires. Every job may be cut at any point (that is what a
 * crash does too): its open transaction is rolled back when the process exits, and imports resume
 * from their last committed slice, match runs and sweeps start over.
 */
@Injectable()
export class JobHandback implements OnModuleInit {
  private readonly logger = new Logger(JobHandback.name);

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    // Kept while the application closes: the deadline comes while closing waits for the jobs.
    onShutdownDeadline(() => this.handBack());
  }

  /**
   * Puts every job still running back in its queue: true when there were some and all went back
   * (with none running, something else holds the shutdown up, and that is not handed over).
   */
  async handBack(): Promise<boolean> {
    const running = runningWorkers(this.discovery).flatMap((worker) =>
      [...lockedJobsOf(worker)].map(([id, { token }]) => ({ worker, id, token })),
    );
    const results = await Promise.allSettled(
      running.map(async ({ worker, id, token }) => {
        const job = await Job.fromId(worker, id);
        if (!job) throw new Error('the job is gone');
        await job.moveToWait(token);
      }),
    );
    const failed = results.filter((result) => result.status === 'rejected');
    for (const [index, result] of results.entries()) {
      if (result.status === 'rejected') {
        this.logger.error(
          { queue: running[index].worker.name, jobId: running[index].id, error: (result.reason as Error).message },
          'could not hand a running job back to its queue',
        );
      }
    }
    if (running.length > 0) {
      this.logger.warn(
        { jobs: running.map(({ worker, id }) => `${worker.name}/${id}`), failed: failed.length },
        'grace period over: running jobs handed back to their queues',
      );
    }
    return running.length > 0 && failed.length === 0;
  }
}
