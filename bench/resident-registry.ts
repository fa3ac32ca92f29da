/**
 * [K2] targets, measured in one run on one synthetic population (kyosei demo:population):
 * - import of N rows (default 1,000,000) through the worker's import job, against plain COPY of
 *   the same file into a table of the same columns: target at most 3x COPY, worker RSS < 500 MB;
 * - search by name over those residents: p95 under 50 ms at 20 concurrent clients.
 * BENCH_KEEP=1 keeps the database (and its copy_baseline table of names) and prints its name;
 * BENCH_REUSE=<name> measures the search again on such a database without importing.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { writePopulation } from '../apps/cli/src/commands/demo-population.command.js';
import { appendReport, machine, nodeFlags, PINNED, ROOT, startNode, waitUntilUp } from './support.js';

const SIZE = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SEARCH_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PASSWORD = 'Bench-password-2026';
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const reuse = process.env.BENCH_REUSE;
const keep = Boolean(process.env.BENCH_KEEP || reuse);
const database = reuse ?? `kyosei_bench_${randomBytes(3).toString('hex')}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
const dist = join(ROOT, 'dist');
const file = join(ROOT, 'var', `bench-population-${SIZE}.csv`);

/**
 * The next night's extract: the same register with 1% of the residents at a new address and 0.2%
 * moved out (quote-free lines only; the rest as they were). Returns the number of lines changed.
 */
async function writeNextNight(source: string, target: string): Promise<number> {
  const lines = (await readFile(source, 'utf8')).split('\n');
  const columns = lines[0].split(',');
  const address = columns.indexOf('address');
  const movedOut = columns.indexOf('moved_out_on');
  let changed = 0;
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i] || lines[i].includes('"')) continue;
    const cells = lines[i].split(',');
    if (i % 100 === 0) cells[address] = `${cells[address]} 2F`;
    else if (i % 500 === 250) cells[movedOut] = '2026-11-28';
    else continue;
    lines[i] = cells.join(',');
    changed += 1;
  }
  await writeFile(target, lines.join('\n'));
  return changed;
}

async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

type ImportRunRow = { status: string; inserted_rows: number; updated_rows: number; failed_rows: number };

/** COPY of the file (the baseline), then the import job twice: into an empty register and again. */
async function measureImport(db: pg.Client, env: Record<string, string>): Promise<string[]> {
  // Baseline: COPY of the same file into a plain table with the same columns (text, no index),
  // three times (it varied from 2 to 4.7 s between runs on one VM); the median is the baseline.
  const header = (await readFile(file, 'utf8').then((text) => text.slice(0, text.indexOf('\n')))).split(',');
  const copyTimes: number[] = [];
  for (const table of ['copy_baseline', 'copy_baseline_2', 'copy_baseline_3']) {
    await db.query(`CREATE TABLE ${table} (${header.map((column) => `${column} text`).join(', ')})`);
    const copyStart = performance.now();
    await pipeline(
      createReadStream(file),
      db.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`)),
    );
    copyTimes.push((performance.now() - copyStart) / 1000);
  }
  await db.query(`DROP TABLE copy_baseline_2, copy_baseline_3`);
  const copySeconds = [...copyTimes].sort((a, b) => a - b)[1];

  // The import, as the worker runs it: first into an empty register, then the same extract again
  // (the nightly load when nothing changed: every row compared, none written).
  // Info logs shown: the worker's "resident import done" line gives the stage and merge seconds.
  const worker = startNode(
    join(dist, 'apps/worker/src/main.js'),
    { ...env, LOG_LEVEL: 'info' },
    [],
    nodeFlags('worker'),
    'inherit',
  );
  const { Queue } = await import('bullmq');
  const queue = new Queue('imports', { connection: { url: 'redis://127.0.0.1:6379' }, prefix: database });
  let peakRss = 0;
  const runImport = async (path = file) => {
    const [{ id }] = (
      await db.query(
        `INSERT INTO import_run (municipality_code, file_name, file_path) VALUES ('221309', 'bench.csv', $1) RETURNING id`,
        [path],
      )
    ).rows;
    const start = performance.now();
    await queue.add('import-residents', { importId: id }, { jobId: `import-${id}` });
    let run: ImportRunRow;
    do {
      await new Promise((resolve) => setTimeout(resolve, 200));
      peakRss = Math.max(peakRss, await peakRssMb(worker.pid!).catch(() => 0));
      run = (
        await db.query(`SELECT status, inserted_rows, updated_rows, failed_rows FROM import_run WHERE id = $1`, [id])
      ).rows[0];
    } while (run.status !== 'DONE' && run.status !== 'FAILED');
    return { run, seconds: (performance.now() - start) / 1000 };
  };
  const first = await runImport();
  const again = await runImport();
  const nextNightFile = file.replace(/\.csv$/, '-next-night.csv');
  const changedLines = await writeNextNight(file, nextNightFile);
  const nextNight = await runImport(nextNightFile);
  await rm(nextNightFile, { force: true });
  await queue.close();
  worker.kill('SIGTERM');
  const line = (what: string, result: typeof first) => {
    const ratio = result.seconds / copySeconds;
    return `| ${what} (${result.run.status}, ${result.run.inserted_rows} inserted, ${result.run.updated_rows} updated, ${result.run.failed_rows} rejected) | ${result.seconds.toFixed(1)} s (${Math.round(SIZE / result.seconds).toLocaleString('en')} rows/s) | ≤ 3× COPY: ${ratio <= 3 ? 'met' : 'NOT met'} (${ratio.toFixed(1)}×) |`;
  };
  return [
    `| plain \`COPY\` of the file (baseline: median of ${copyTimes.map((t) => t.toFixed(2)).join(', ')} s) | ${copySeconds.toFixed(2)} s | — |`,
    line('import job into an empty register', first),
    line('the same file again', again),
    line(
      `the next night's extract (${changedLines.toLocaleString('en')} lines changed: 1% new address, 0.2% moved out)`,
      nextNight,
    ),
    `| worker peak RSS (VmHWM) | ${peakRss} MB | < 500 MB: ${peakRss < 500 ? 'met' : 'NOT met'} |`,
  ];
}

async function main(): Promise<void> {
  const env = {
    DATABASE_URL: databaseUrl,
    PORT: '3997',
    HOST: '127.0.0.1',
    REDIS_PREFIX: database,
    KYOSEI_DEMO_PASSWORD: PASSWORD,
    LOG_LEVEL: 'warn',
  };
  if (!reuse) {
    const seed = startNode(join(dist, 'apps/cli/src/main.js'), env, ['demo:seed']);
    await new Promise((resolve) => seed.on('exit', resolve));
    await writePopulation(file, SIZE, 2026);
  }
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const importLines = reuse ? [] : await measureImport(db, env);

    // Search over the imported residents, 20 clients, name queries in several forms.
    const api = startNode(join(dist, 'apps/api/src/main.js'), env, [], nodeFlags('api'));
    await waitUntilUp('http://127.0.0.1:3997/health/live');
    const login = await fetch('http://127.0.0.1:3997/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'caseworker@demo.city', password: PASSWORD }),
    });
    const cookie = login.headers.getSetCookie()[0].split(';')[0];
    const names: Array<{ family_name: string; given_name: string; kana_name: string }> = (
      await db.query(`SELECT family_name, given_name, kana_name FROM copy_baseline ORDER BY random() LIMIT 500`)
    ).rows;
    const queries = names.flatMap((n) =>
      [`${n.given_name.split(' ')[0]} ${n.family_name}`.toLowerCase(), n.kana_name].filter(Boolean),
    );
    const latencies: number[] = [];
    let index = 0;
    let finished!: (result: autocannon.Result) => void;
    const done = new Promise<autocannon.Result>((resolve) => (finished = resolve));
    const instance = autocannon(
      {
        url: 'http://127.0.0.1:3997',
        connections: 20,
        duration: SEARCH_SECONDS,
        headers: { cookie },
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              path: `/api/v1/residents?limit=20&q=${encodeURIComponent(queries[index++ % queries.length])}`,
            }),
          },
        ],
      },
      (_error, result) => finished(result),
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode === 200) latencies.push(responseTime);
    });
    const result = await done;
    api.kill('SIGTERM');
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;

    const report = [
      `## resident-registry — ${new Date().toISOString()}`,
      '',
      `Machine: ${await machine()}. ${SIZE.toLocaleString('en')} synthetic residents (demo:population, seed 2026). ` +
        (PINNED ? 'API/worker pinned to core 1, load generator on core 0; PostgreSQL and Redis unpinned.' : ''),
      '',
      '| measure | value | target |',
      '|---|---:|---|',
      ...importLines,
      `| name search, 20 clients, ${SEARCH_SECONDS} s: requests/s | ${Math.round(result.requests.average)} | — |`,
      `| name search latency p50 / p95 / p99 | ${p(0.5)} / ${p(0.95)} / ${p(0.99)} ms (${latencies.length} answers, ${result.non2xx} non-2xx) | p95 < 50 ms: ${p(0.95) < 50 ? 'met' : 'NOT met'} |`,
      '',
    ].join('\n');
    await appendReport(report);
    process.stdout.write(`${report}\n`);
  } finally {
    await db.end();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    if (keep) process.stdout.write(`kept database ${database}\n`);
    else await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    await rm(file, { force: true });
  }
}

await main();
