/**
 * [K8] targets, measured on one synthetic population (default 1,000,000 residents):
 * - the nightly alert sweep over every rule finishes in under 5 minutes (first run, which opens the
 *   alerts, and a second run, which finds the same causes and writes nothing);
 * - incremental evaluation keeps up with 1,000 coverage changes per second: N residents' evaluations
 *   queued at once, drained by one worker; the rate is residents evaluated per second.
 * BENCH_REUSE=<database> measures on a kept database (e.g. one the resident-registry bench kept).
 */
import { AlertsProcessor, AlertsService } from '../libs/alerts/src/index.js';
import { JOB_OPTIONS, JobName, parseConfig, QueueName, residentAlertsJobId } from '../libs/platform/src/index.js';
import { NestFactory } from '@nestjs/core';
import { Queue, type Job } from 'bullmq';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { appendReport, benchEnvironment, machine, runCli } from './support.js';

const SIZE = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 5_000);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const reuse = process.env.BENCH_REUSE;
const database = reuse ?? `kyosei_bench_${randomBytes(3).toString('hex')}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();

async function main(): Promise<void> {
  const env = benchEnvironment(databaseUrl, database, 3995, 'Bench-password-2026');
  if (!reuse) {
    await runCli(env, ['demo:seed']);
    await runCli(env, ['demo:population', '--municipality', '221309', '--size', String(SIZE)]);
  } else {
    await runCli(env, ['migrate']);
  }
  const config = parseConfig({ ...process.env, ...env, LOG_LEVEL: 'warn' });
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { schedules: false }), {
    logger: ['error', 'warn'],
  });
  await worker.init();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const queue = new Queue(QueueName.alerts, { connection: { url: config.REDIS_URL }, prefix: config.REDIS_PREFIX });
  try {
    const [{ residents }] = (await db.query(`SELECT count(*)::int AS residents FROM resident`)).rows;
    await db.query(`TRUNCATE alert`);
    const processor = worker.get(AlertsProcessor);
    const job = { name: JobName.alertSweep, data: {}, updateProgress: async () => undefined } as unknown as Job;
    const sweep = async () => {
      const start = performance.now();
      const totals = (await processor.process(job)) as { opened: number; resolved: number };
      return { seconds: (performance.now() - start) / 1000, ...totals };
    };
    const first = await sweep();
    const second = await sweep();
    const [{ open }] = (await db.query(`SELECT count(*)::int AS open FROM alert WHERE status = 'OPEN'`)).rows;

    // Incremental: CHANGES residents' evaluations queued at once (as CHANGES coverage changes would
    // queue them), drained by the worker's processor.
    const ids: string[] = (await db.query(`SELECT id FROM resident ORDER BY random() LIMIT $1`, [CHANGES])).rows.map(
      (row: { id: string }) => row.id,
    );
    const start = performance.now();
    await queue.addBulk(
      ids.map((residentId) => ({
        name: JobName.evaluateResidentAlerts,
        data: { residentId },
        opts: { ...JOB_OPTIONS[JobName.evaluateResidentAlerts], jobId: residentAlertsJobId(residentId) },
      })),
    );
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed');
      if (counts.waiting + counts.active + counts.delayed === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const incrementalSeconds = (performance.now() - start) / 1000;
    const rate = CHANGES / incrementalSeconds;
    const service = worker.get(AlertsService);
    const rules = (await service.enabledRules()).length;
    const report = [
      `## alerts — ${new Date().toISOString()}`,
      '',
      `Machine: ${await machine()}. ${residents.toLocaleString('en')} residents (demo:population, seed 2026), ${rules} rules, one worker (this process).`,
      '',
      '| measure | value | target |',
      '|---|---:|---|',
      `| nightly sweep, first run (opens the alerts) | ${first.seconds.toFixed(1)} s (${first.opened.toLocaleString('en')} opened) | < 300 s: ${first.seconds < 300 ? 'met' : 'NOT met'} |`,
      `| nightly sweep again (same causes) | ${second.seconds.toFixed(1)} s (${second.opened} opened, ${second.resolved} resolved) | < 300 s: ${second.seconds < 300 ? 'met' : 'NOT met'} |`,
      `| open alerts after the sweeps | ${open.toLocaleString('en')} | — |`,
      `| incremental: ${CHANGES.toLocaleString('en')} residents' evaluations queued at once | ${incrementalSeconds.toFixed(1)} s (${Math.round(rate).toLocaleString('en')} residents/s) | ≥ 1,000/s: ${rate >= 1000 ? 'met' : 'NOT met'} |`,
      '',
    ].join('\n');
    await appendReport(report);
    process.stdout.write(`${report}\n`);
  } finally {
    await queue.close();
    await db.end();
    await worker.close();
    if (!reuse) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    }
  }
}

await main();
