import { syntheticPopulation } from '@app/residents';
import { QueueName } from '@app/platform';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { importRegister } from '../support/register.js';
import { startBuilt, type Started } from '../support/processes.js';
import type { TestApp } from '../support/test-app.js';
import { serviceEnv } from '../support/test-env.js';

/** The environment a built worker or API needs to run on this test file's database and queues. */
export function builtEnv(t: TestApp, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    ...serviceEnv(t.config),
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** `size` synthetic residents of Hamamatsu (the demo:population generator, seed 2026) through the import. */
export async function loadPopulation(t: TestApp, size: number, seed = 2026): Promise<number> {
  const csv = `${[...syntheticPopulation(size, seed)].join('\n')}\n`;
  await importRegister(t, csv, '221309');
  const [{ n }] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM resident WHERE municipality_code = '221309'`,
  );
  return n as number;
}

export function queueOf(t: TestApp, name: QueueName): Queue {
  return t.app.get<Queue>(getQueueToken(name));
}

/** Starts the built worker (`npx nest build api` output) on this test file's database. */
export function startBuiltWorker(t: TestApp, extra: Record<string, string> = {}): Started {
  return startBuilt('worker', builtEnv(t, extra));
}

/** SIGKILL, as the OOM killer or a lost VM would: no hook runs, no lock is released. */
export async function killHard(worker: Started): Promise<void> {
  worker.child.kill('SIGKILL');
  expect(await worker.exited).toBeNull();
}

export async function stopGently(worker: Started | null): Promise<void> {
  if (!worker || worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGTERM');
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), 15_000);
  await worker.exited;
  clearTimeout(timer);
}

/** The job's state and progress, as the queue dashboard shows them. */
export async function jobState(queue: Queue, id: string): Promise<{ state: string; job: Job | undefined }> {
  const job = await queue.getJob(id);
  return { state: job ? await job.getState() : 'missing', job };
}

/** Polls `check` until it is true; unlike waitFor, an error thrown by `check` ends the wait at once. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for the job to complete; a job that failed ends the wait with its reason. */
export async function waitForJob(queue: Queue, id: string, timeoutMs: number): Promise<Job> {
  await until(
    async () => {
      const { state, job } = await jobState(queue, id);
      // A failed attempt (retried later with backoff) is as much a failure here as the last one.
      if (state === 'failed' || job?.failedReason) throw new Error(`job ${id} failed: ${job?.failedReason}`);
      return state === 'completed';
    },
    timeoutMs,
    `job ${id} to complete`,
  );
  return (await queue.getJob(id))!;
}
