import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { onShutdownDeadline } from '@app/platform';
import type { Job, Worker } from 'bullmq';

/**
 * A SIGTERM lets running jobs finish within the grace period (closing the BullMQ workers waits for
 * them). A job still running when the grace period ends is handed back to its queue (waiting,
 * no attempt spent) and the process exits 0, so another worker continues it at once instead of
 * finding it stalled after its lock expires. Every job may be cut at any point (that is what a
 * crash does too): its open transaction is rolled back when the process exits, and imports resume
 * from their last committed slice, match runs and sweeps start over.
 */
@Injectable()
export class JobHandback implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobHandback.name);
  private readonly running = new Map<string, Job>();

  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof WorkerHost)) continue;
      const worker = instance.worker as Worker | undefined;
      if (!worker) continue;
      const key = (job: Job) => `${worker.name}\u0000${job.id}`;
      worker.on('active', (job) => this.running.set(key(job), job));
      worker.on('completed', (job) => this.running.delete(key(job)));
      worker.on('failed', (job) => job && this.running.delete(key(job)));
    }
    // Kept while the application closes: the deadline comes while closing waits for the jobs.
    onShutdownDeadline(() => this.handBack());
  }

  /**
   * Puts every job still running back in its queue: true when there were some and all went back
   * (with none running, something else holds the shutdown up, and that is not handed over).
   */
  async handBack(): Promise<boolean> {
    const jobs = [...this.running.values()];
    this.running.clear();
    const results = await Promise.allSettled(jobs.map((job) => job.moveToWait(job.token)));
    const failed = results.filter((result) => result.status === 'rejected');
    for (const [index, result] of results.entries()) {
      if (result.status === 'rejected') {
        this.logger.error(
          { queue: jobs[index].queueName, jobId: jobs[index].id, error: (result.reason as Error).message },
          'could not hand a running job back to its queue',
        );
      }
    }
    if (jobs.length > 0) {
      this.logger.warn(
        { jobs: jobs.map((job) => `${job.queueName}/${job.id}`), failed: failed.length },
        'grace period over: running jobs handed back to their queues',
      );
    }
    return jobs.length > 0 && failed.length === 0;
  }
}
