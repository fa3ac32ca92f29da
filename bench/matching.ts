/**
 * [K3] target: a match run of 100,000 external records against 1,000,000 residents in under 60 s
 * with the matcher's memory under 1 GB. Measured with `kyosei match` (the CLI works the match-run
 * job in its own process, so its peak RSS is the matcher's), beside the floor of the same work:
 * plain COPY out of the columns the matcher reads for the whole municipality.
 * Sizes: BENCH_ROWS (residents, default 1,000,000), BENCH_RECORDS (default 100,000).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { writePopulation } from '../apps/cli/src/commands/demo-population.command.js';
import { appendReport, machine, nodeFlags, ROOT, startNode } from './support.js';

const SIZE = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `kyosei_bench_${randomBytes(3).toString('hex')}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
const cli = join(ROOT, 'dist', 'apps/cli/src/main.js');
const population = join(ROOT, 'var', `bench-population-${SIZE}.csv`);
const input = join(ROOT, 'var', `bench-match-input-${RECORDS}.csv`);
const output = join(ROOT, 'var', `bench-match-output-${RECORDS}.csv`);

async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

async function runCli(
  env: Record<string, string>,
  args: string[],
): Promise<{ seconds: number; peakRss: number; code: number }> {
  const start = performance.now();
  const child = startNode(cli, env, args, nodeFlags('cli'));
  let peakRss = 0;
  const timer = setInterval(() => {
    void peakRssMb(child.pid!)
      .then((mb) => (peakRss = Math.max(peakRss, mb)))
      .catch(() => undefined);
  }, 100);
  const [code] = (await once(child, 'exit')) as [number];
  clearInterval(timer);
  return { seconds: (performance.now() - start) / 1000, peakRss, code };
}

/**
 * External records as an insurance roll would hold them, from a sample of the register: the kana
 * reading, sometimes given name first, run together or half the birth date swapped; one in ten
 * is someone with another birth date (not in the register).
 */
async function writeRecords(): Promise<void> {
  const lines = createInterface({ input: createReadStream(population) });
  const out = createWriteStream(input);
  out.write('source_ref,kana_name,birth_date,sex\n');
  let header: string[] | null = null;
  let written = 0;
  let n = 0;
  // Some residents have no kana reading on record: sample a little more often than SIZE / RECORDS.
  const every = Math.max(1, Math.floor((0.7 * SIZE) / RECORDS));
  for await (const line of lines) {
    if (!header) {
      header = line.split(',');
      continue;
    }
    n += 1;
    if (n % every !== 0 || written >= RECORDS) continue;
    const cells = Object.fromEntries(header.map((column, i) => [column, line.split(',')[i] ?? '']));
    if (!cells.kana_name) continue;
    const words = cells.kana_name.split(' ');
    const variant = written % 10;
    const kana = variant < 3 ? [...words].reverse().join(' ') : variant < 4 ? words.join('') : cells.kana_name;
    let birth = cells.birth_date;
    if (variant === 9) birth = `${Number(birth.slice(0, 4)) - 1}${birth.slice(4)}`;
    else if (variant === 8 && Number(birth.slice(8)) <= 12)
      birth = `${birth.slice(0, 5)}${birth.slice(8)}-${birth.slice(5, 7)}`;
    out.write(`EXT${written},${kana},${birth},${cells.sex}\n`);
    written += 1;
  }
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const env = { DATABASE_URL: databaseUrl, REDIS_PREFIX: database, LOG_LEVEL: 'warn' };
  await runCli(env, ['migrate']);
  await writePopulation(population, SIZE, 2026);
  const loaded = await runCli(env, ['import', 'residents', '--municipality', '221309', population]);
  await writeRecords();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('VACUUM ANALYZE resident');
    const copyStart = performance.now();
    const stream = db.query(
      copyTo(`COPY (SELECT id, resident_key, birth_date, sex, nationality, family_name, given_name, middle_name,
                           kanji_name, common_name, common_name_kana, kana_name
                      FROM resident WHERE municipality_code = '221309' ORDER BY birth_date) TO STDOUT`),
    );
    for await (const chunk of stream as AsyncIterable<Buffer>) void chunk;
    const copySeconds = (performance.now() - copyStart) / 1000;

    const match = await runCli(env, ['match', '--municipality', '221309', '--input', input, '--output', output]);
    const [run] = (await db.query(`SELECT * FROM match_run ORDER BY created_at DESC LIMIT 1`)).rows;
    const report = [
      `## matching — ${new Date().toISOString()}`,
      '',
      `Machine: ${await machine()}. ${SIZE.toLocaleString('en')} synthetic residents (demo:population, seed 2026, ` +
        `imported in ${loaded.seconds.toFixed(0)} s); ${RECORDS.toLocaleString('en')} external records drawn from them ` +
        '(30% given name first, 10% run together, some day/month swaps, 10% with another birth date).',
      '',
      '| measure | value | target |',
      '|---|---:|---|',
      `| plain \`COPY\` out of the matcher's columns for all residents (floor) | ${copySeconds.toFixed(2)} s | — |`,
      `| \`kyosei match\` (exit ${match.code}, ${run?.status}: ${run?.matched_rows} matched, ${run?.review_rows} review, ${run?.unmatched_rows} unmatched) | ${match.seconds.toFixed(1)} s | < 60 s: ${match.seconds < 60 ? 'met' : 'NOT met'} |`,
      `| its peak RSS (VmHWM) | ${match.peakRss} MB | < 1024 MB: ${match.peakRss < 1024 ? 'met' : 'NOT met'} |`,
      '',
    ].join('\n');
    await appendReport(report);
    process.stdout.write(`${report}\n`);
  } finally {
    await db.end();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    await Promise.all([population, input, output].map((file) => rm(file, { force: true })));
  }
}

await main();
