import { AppConfig, queueConnection, QueueName, reportQueueErrors } from '@app/platform';
import { QueueEvents, Worker, type Job } from 'bullmq';

/** A one-line progress bar on stderr (stdout keeps the result). */
export function drawProgress(percent: number, detail = ''): void {
  const width = 30;
  const filled = Math.round((Math.min(100, Math.max(0, percent)) / 100) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}%  ${detail}`,
  );
}

/**
 * Queues a job the API also queues and works that queue in this process (so the command finishes
 * whether or not a worker is up), drawing the job's progress until it completes or fails for good.
 */
export async function runQueuedJob(
  config: AppConfig,
  job: {
    queue: QueueName;
    process: (job: Job) => Promise<unknown>;
    /** Registers the work and queues its job; returns the job id. */
    enqueue: () => Promise<string>;
    /** After a failed attempt: whether the work has failed for good (no retry left). */
    failedForGood: () => Promise<boolean>;
    progressText?: (data: Record<string, number>) => string;
  },
): Promise<void> {
  const connection = queueConnection(config.values);
  const prefix = config.get('REDIS_PREFIX');
  const events = new QueueEvents(job.queue, { connection, prefix });
  // A worker for this queue only: other CLI commands must not take jobs.
  const worker = new Worker(job.queue, job.process, { connection, prefix, concurrency: 1 });
  reportQueueErrors(events, `queue events ${job.queue}`);
  reportQueueErrors(worker, `worker ${job.queue}`);
  try {
    await events.waitUntilReady();
    const jobId = await job.enqueue();
    await new Promise<void>((resolveDone, reject) => {
      events.on('progress', ({ jobId: id, data }) => {
        if (id === jobId && typeof data === 'object' && data) {
          const progress = data as Record<string, number>;
          drawProgress(progress.percent, job.progressText?.(progress));
        }
      });
      events.on('completed', ({ jobId: id }) => id === jobId && resolveDone());
      events.on('failed', ({ jobId: id, failedReason }) => {
        if (id !== jobId) return;
        // A failure that will be retried is not the end; the last attempt's is.
        void job.failedForGood().then((done) => done && reject(new Error(failedReason)));
      });
    });
  } finally {
    await worker.close();
    await events.close();
  }
}
