/**
 * [K5] target: loading 50,000 employer report rows (katakana names) matches them and creates the
 * employment records in under 60 s. Measured end to end: a PESO counselor uploads the file to the
 * API, the worker matches it against the register and applies the reports; the clock stops when
 * the import says it has applied them.
 * Residents come from `kyosei demo:population` (seed 2026); the reports are drawn from them: 80%
 * hires, 20% separations of people hired earlier in the file, at 400 employers, half insured, a
 * tenth with another birth date (no one in the register).
 * Sizes: BENCH_ROWS (residents, default 1,000,000), BENCH_REPORTS (default 50,000).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { writePopulation } from '../apps/cli/src/commands/demo-population.command.js';
import {
  appendReport,
  benchEnvironment,
  machine,
  nodeFlags,
  ROOT,
  runCli,
  signIn,
  startNode,
  waitUntilUp,
} from './support.js';

const SIZE = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 50_000);
const PASSWORD = 'Bench-password-2026';
const PORT = 3995;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `kyosei_bench_${randomBytes(3).toString('hex')}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
const population = join(ROOT, 'var', `bench-population-${SIZE}.csv`);
const reportsFile = join(ROOT, 'var', `bench-employer-reports-${REPORTS}.csv`);

/** Reports drawn from the register: hires first, then separations of some of those hired. */
async function writeReports(): Promise<void> {
  const lines = createInterface({ input: createReadStream(population) });
  const out = createWriteStream(reportsFile);
  out.write(
    'source_ref,kana_name,birth_date,sex,report_type,event_date,ei_insured,received_on,employer_name,' +
      'corporate_number,is_corporation,employer_headcount,weekly_hours,monthly_wage,occupation\n',
  );
  const hires = Math.round(REPORTS * 0.8);
  const every = Math.max(1, Math.floor((0.7 * SIZE) / hires));
  let header: string[] | null = null;
  let n = 0;
  const hired: string[] = [];
  for await (const line of lines) {
    if (!header) {
      header = line.split(',');
      continue;
    }
    n += 1;
    if (n % every !== 0 || hired.length >= hires) continue;
    const cells = Object.fromEntries(header.map((column, i) => [column, line.split(',')[i] ?? '']));
    if (!cells.kana_name) continue;
    const i = hired.length;
    const employer = i % 400;
    const insured = employer % 2 === 0;
    const birth =
      i % 10 === 9 ? `${Number(cells.birth_date.slice(0, 4)) - 1}${cells.birth_date.slice(4)}` : cells.birth_date;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const employerColumns = `事業所${employer},${String(1000000000000 + employer)},1,${20 + (employer % 200)}`;
    const row = `${cells.kana_name},${birth},${cells.sex}`;
    hired.push(`${row}|${employerColumns}|${insured ? 1 : 0}`);
    out.write(
      `H${i},${row},HIRE,2026-09-${day},${insured ? 1 : 0},2026-10-${day},${employerColumns},${20 + (i % 21)},${180000 + (i % 50) * 1000},製造\n`,
    );
  }
  for (let i = 0; i < REPORTS - hired.length; i += 1) {
    const [row, employerColumns, insured] = hired[i * 3].split('|');
    out.write(`S${i},${row},SEPARATION,2026-10-20,${insured},2026-10-28,${employerColumns},,,\n`);
  }
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const env = benchEnvironment(databaseUrl, database, PORT, PASSWORD);
  await runCli(env, ['demo:seed']);
  await writePopulation(population, SIZE, 2026);
  const importSeconds = await runCli(env, ['import', 'residents', '--municipality', '221309', population]);
  await writeReports();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query('VACUUM ANALYZE resident');
  const api = startNode(join(ROOT, 'dist', 'apps/api/src/main.js'), env, [], nodeFlags('api'));
  const worker = startNode(join(ROOT, 'dist', 'apps/worker/src/main.js'), env, [], nodeFlags('worker'));
  try {
    await waitUntilUp(`http://127.0.0.1:${PORT}/health/live`);
    const { cookie, csrfToken } = await signIn(PORT, 'counselor@demo.peso', PASSWORD);
    const form = new FormData();
    form.append('file', new Blob([await readFile(reportsFile)]), 'employer-reports.csv');
    const start = performance.now();
    const started = await fetch(`http://127.0.0.1:${PORT}/api/v1/employer-report-imports?municipality=221309`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
      body: form,
    });
    if (started.status !== 202) throw new Error(`upload: ${started.status} ${await started.text()}`);
    const { id } = (await started.json()) as { id: string };
    let state: Record<string, unknown> & { matchRun: Record<string, unknown> };
    for (;;) {
      const response = await fetch(`http://127.0.0.1:${PORT}/api/v1/employer-report-imports/${id}`, {
        headers: { cookie },
      });
      state = (await response.json()) as typeof state;
      if (state.lastAppliedAt || state.matchRun.status === 'FAILED') break;
      if (performance.now() - start > 600_000) throw new Error('gave up after 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const seconds = (performance.now() - start) / 1000;
    const [{ records }] = (await db.query(`SELECT count(*)::int AS records FROM employment_record`)).rows;
    const [{ separated }] = (
      await db.query(`SELECT count(*)::int AS separated FROM employment_record WHERE separated_on IS NOT NULL`)
    ).rows;
    const run = state.matchRun;
    const report = [
      `## employer-reports — ${new Date().toISOString()}`,
      '',
      `Machine: ${await machine()}. ${SIZE.toLocaleString('en')} residents (demo:population seed 2026, imported in ` +
        `${importSeconds.toFixed(0)} s); ${REPORTS.toLocaleString('en')} employer reports drawn from them (80% hires, ` +
        '20% separations of those hired, 400 employers, a tenth with another birth date).',
      '',
      '| measure | value | target |',
      '|---|---:|---|',
      `| upload → matched → applied (match run ${run.status}: ${run.matchedRows} matched, ${run.reviewRows} review, ${run.unmatchedRows} unmatched) | ${seconds.toFixed(1)} s | < 60 s: ${seconds < 60 ? 'met' : 'NOT met'} |`,
      `| reports applied / rejected / invalid / late | ${state.appliedLines} / ${state.rejectedLines} / ${state.invalidLines} / ${state.lateLines} | — |`,
      `| employment records created / of them ended by a separation | ${records} / ${separated} | — |`,
      '',
    ].join('\n');
    await appendReport(report);
    process.stdout.write(`${report}\n`);
  } finally {
    api.kill('SIGTERM');
    worker.kill('SIGTERM');
    await Promise.all([once(api, 'exit'), once(worker, 'exit')]).catch(() => undefined);
    await db.end();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    await Promise.all([population, reportsFile].map((file) => rm(file, { force: true })));
  }
}

await main();
