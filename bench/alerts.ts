/**
 * [K8] targets, measured on one synthetic population (default 1,000,000 residents):
 * - the nightly alert sweep over every rule finishes in under 5 minutes (first run, which opens the
 *   alerts, and a second run, which finds the same causes and writes nothing);
 * - incremental evaluation keeps up with 1,000 coverage changes per second: N residents' evaluations
 *   queued at once, drained by one worker (the rate is residents evaluated per second); then a
 *   sustained stream of real coverage changes at 1,000/s and the lag until their alerts resolve.
 * BENCH_REUSE=<database> measures on a kept database (e.g. one the resident-registry bench kept);
 * BENCH_KEEP=1 keeps the database it made and prints its name.
 */
import { AlertsProcessor, AlertsService } from '../libs/alerts/src/index.js';
import { DomainEvents, JobName, parseConfig, QueueName, residentAlertsJob } from '../libs/platform/src/index.js';
import { NestFactory } from '@nestjs/core';
import { Queue, type Job } from 'bullmq';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { appendReport, benchEnvironment, finishDatabase, machine, runCli } from './support.js';

const SIZE = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 5_000);
const STREAM_RATE = 1_000;
const STREAM_SECONDS = Number(process.env.BENCH_STREAM_SECONDS ?? 10);
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
        opts: residentAlertsJob(residentId),
      })),
    );
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed');
      if (counts.waiting + counts.active + counts.delayed === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const incrementalSeconds = (performance.now() - start) / 1000;
    const rate = CHANGES / incrementalSeconds;

    // Sustained: real coverage changes at 1,000 a second for STREAM_SECONDS (NHI enrolments of
    // residents whose open NO_HEALTH_COVERAGE alert asks for NHI, each committed and announced as the coverage
    // screen does), then the time until every one of those alerts is resolved.
    const events = worker.get(DomainEvents);
    const stream: Array<{ id: string; municipality_code: string }> = (
      await db.query(
        `SELECT r.id, r.municipality_code FROM alert a JOIN resident r ON r.id = a.resident_id
          WHERE a.rule_code = 'NO_HEALTH_COVERAGE' AND a.status = 'OPEN' AND a.details -> 'schemes' = '["NHI"]'
            AND NOT (r.id = ANY ($2::uuid[]))
          ORDER BY random() LIMIT $1`,
        [STREAM_RATE * STREAM_SECONDS, ids],
      )
    ).rows;
    const streamStart = performance.now();
    const tick = STREAM_RATE / 10;
    for (let i = 0; i < stream.length; i += tick) {
      const due = streamStart + (i / STREAM_RATE) * 1000;
      if (performance.now() < due) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
      const slice = stream.slice(i, i + tick);
      await db.query(
        `INSERT INTO coverage_period (resident_id, municipality_code, scheme, role, start_date, source)
         SELECT id, m, 'NHI', 'INSURED', current_date - 1, 'MANUAL' FROM unnest($1::uuid[], $2::char(6)[]) AS c (id, m)`,
        [slice.map((r) => r.id), slice.map((r) => r.municipality_code)],
      );
      await Promise.all(
        slice.map((r) =>
          events.publish('coverage.changed', {
            residentId: r.id,
            municipalityCode: r.municipality_code,
            scheme: 'NHI',
          }),
        ),
      );
    }
    const producedSeconds = (performance.now() - streamStart) / 1000;
    const stillOpen = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM alert WHERE rule_code = 'NO_HEALTH_COVERAGE' AND status = 'OPEN'
              AND resident_id = ANY ($1::uuid[])`,
          [stream.map((r) => r.id)],
        )
      ).rows[0].n as number;
    const openAtEnd = await stillOpen();
    while ((await stillOpen()) > 0 && performance.now() - streamStart < 180_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const lagSeconds = (performance.now() - streamStart) / 1000 - producedSeconds;
    const openAfter = await stillOpen();
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
      `| sustained: ${stream.length.toLocaleString('en')} NHI enrolments at ${STREAM_RATE.toLocaleString('en')}/s (produced in ${producedSeconds.toFixed(1)} s) | ${openAtEnd.toLocaleString('en')} alerts still open when the last was written; all resolved ${lagSeconds.toFixed(1)} s after it (${openAfter} left open) | keeps up: ${openAfter === 0 && lagSeconds < 5 ? 'met' : 'NOT met'} |`,
      '',
    ].join('\n');
    await appendReport(report);
    process.stdout.write(`${report}\n`);
  } finally {
    await queue.close();
    await db.end();
    await worker.close();
    await finishDatabase(adminUrl, database, Boolean(reuse));
  }
}

await main();
