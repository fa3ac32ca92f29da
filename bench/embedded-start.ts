/**
 * [K12] target: in embedded mode (no PostgreSQL, no Redis), the time from the README's run command
 * (`npm run demo`, i.e. scripts/start.mjs on the built code) to a served login page, after install:
 * under 20 s. Measured on a fresh data directory (first run: initdb, migrations, demo data) and
 * again on the same directory (every later start). Baseline in the same run: the same command on
 * this machine's PostgreSQL and Redis, with a fresh database.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { appendReport, machine, ROOT } from './support.js';

const PORT = 3993;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Seconds from the run command to `/` answering 200, then a clean stop. */
async function timeToLoginPage(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--demo'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      PORT: String(PORT),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = once(child, 'exit');
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the run command stopped (${child.exitCode})`);
      const answer = await fetch(`http://127.0.0.1:${PORT}/`).catch(() => null);
      if (answer?.status === 200) return (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kyosei-bench-embedded-'));
  const database = `kyosei_bench_${randomBytes(3).toString('hex')}`;
  try {
    const embedded = { KYOSEI_EMBEDDED: '1', KYOSEI_DATA_DIR: dataDir, KYOSEI_EMBEDDED_PG_PORT: '54339' };
    const first = await timeToLoginPage(embedded);
    const again = await timeToLoginPage(embedded);
    const baseline = await timeToLoginPage({
      DATABASE_URL: Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString(),
      REDIS_PREFIX: database,
    });
    const verdict = (seconds: number) => (seconds < 20 ? '< 20 s: met' : '< 20 s: NOT met');
    await appendReport(
      [
        `## embedded-start — ${new Date().toISOString()}`,
        '',
        `Machine: ${await machine()}. The README's run command on the built code (\`scripts/start.mjs --demo\`: demo users and`,
        '2,000 synthetic residents, API and worker), timed until `/` (the login page) answers 200.',
        '',
        '| start | run command → login page | target |',
        '|---|---:|---|',
        `| embedded, first run (initdb, migrations, demo data, queues in PostgreSQL) | ${first.toFixed(1)} s | ${verdict(first)} |`,
        `| embedded, later runs (same data directory) | ${again.toFixed(1)} s | ${verdict(again)} |`,
        `| baseline: local PostgreSQL and Redis, fresh database | ${baseline.toFixed(1)} s | — |`,
        '',
      ].join('\n'),
    );
    process.stdout.write(
      `first ${first.toFixed(1)} s, again ${again.toFixed(1)} s, baseline ${baseline.toFixed(1)} s\n`,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

await main();
