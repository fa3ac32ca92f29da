/**
 * [K6] target: the newcomer invitation list of a municipality of 1,000,000 residents returns its
 * first page through the HTTP API in under 1 s. Measured beside the same SQL run straight through
 * pg (the baseline, in the same run): the first page, a page in the middle of the list (keyset cursor), and
 * the CSV of the whole list. Median and worst of 20 requests after one warm-up; the first request
 * after start-up separately.
 *
 * Residents come from `kyosei demo:population` (seed 2026) through `kyosei import residents`;
 * orientation is generated in SQL: a session every week for three years and two weeks ahead, and
 * 40% of the residents who moved in over those years registered for the first session after their
 * move-in (25% attended, 5% did not come; a session still to come only has registrations).
 * Sizes: BENCH_ROWS (residents, default 1,000,000). BENCH_KEEP=1 keeps the database and prints its
 * name; BENCH_REUSE=<name> measures on such a database again without loading it (its generated
 * sessions are replaced).
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { writePopulation } from '../apps/cli/src/commands/demo-population.command.js';
import {
  newcomerAfter,
  newcomerConditions,
  newcomerSelectSql,
  type NewcomerRow,
} from '../libs/orientation/src/newcomers/newcomer-query.js';
import { encodeCursor } from '../libs/platform/src/http/pagination.js';
import { officeDate } from '../libs/platform/src/time/office-dates.js';
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
const MUNICIPALITY = '221309';
const WITHIN_DAYS = 90;
const RUNS = 20;
const PASSWORD = 'Bench-password-2026';
const PORT = 3993;
const MARKER = 'bench:newcomer-invitations';
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const reuse = process.env.BENCH_REUSE;
const database = reuse ?? `kyosei_bench_${randomBytes(3).toString('hex')}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
const population = join(ROOT, 'var', `bench-population-${SIZE}.csv`);

interface Timing {
  median: number;
  worst: number;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** Median and worst of `runs` timings after one warm-up run. */
async function measure(runs: number, work: () => Promise<unknown>): Promise<Timing> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push((await timed(work)).ms);
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], worst: times[times.length - 1] };
}

/** Replaces the generated sessions and attendance (never anything else's). */
async function generateOrientation(db: pg.Client, today: string): Promise<void> {
  await db.query(`DELETE FROM orientation_session WHERE note = $1`, [MARKER]);
  const [{ id: orgId }] = (
    await db.query(`SELECT id FROM organization WHERE kind = 'CITY' AND municipality_code = $1`, [MUNICIPALITY])
  ).rows;
  await db.query(
    `INSERT INTO orientation_session (municipality_code, org_id, held_on, starts_at, venue, languages, interpreter,
                                      topics, capacity, note)
     SELECT $1, $2, d::date, '13:30', '浜松市役所 北館 101会議室', '{ja-easy,pt,vi,tl}', true,
            '{RESIDENCE_PROCEDURES,MUNICIPAL_PROCEDURES,HEALTH_INSURANCE,GARBAGE_MANNERS,EMERGENCY_DISASTER}', NULL, $3
       FROM generate_series($4::date - interval '3 years', $4::date + 14, interval '7 days') AS d`,
    [MUNICIPALITY, orgId, MARKER, today],
  );
  await db.query(`SELECT setseed(0.2026)`);
  await db.query(
    `INSERT INTO orientation_attendance (session_id, resident_id, status, language)
     SELECT s.id, r.id,
            CASE WHEN s.held_on > $2::date THEN 'REGISTERED' WHEN r.draw < 0.25 THEN 'ATTENDED'
                 WHEN r.draw < 0.30 THEN 'NO_SHOW' ELSE 'REGISTERED' END,
            CASE WHEN r.draw < 0.15 THEN 'ja-easy' END
       FROM (SELECT id, moved_in_on, random() AS draw FROM resident
              WHERE municipality_code = $1 AND moved_in_on BETWEEN $2::date - interval '3 years' AND $2::date) r
      CROSS JOIN LATERAL (SELECT id, held_on FROM orientation_session
                           WHERE note = $3 AND held_on >= r.moved_in_on ORDER BY held_on LIMIT 1) s
      WHERE r.draw < 0.40`,
    [MUNICIPALITY, today, MARKER],
  );
  await db.query('VACUUM ANALYZE orientation_session');
  await db.query('VACUUM ANALYZE orientation_attendance');
}

async function main(): Promise<void> {
  const env = benchEnvironment(databaseUrl, database, PORT, PASSWORD);
  let importSeconds = NaN;
  if (!reuse) {
    await runCli(env, ['demo:seed']);
    await writePopulation(population, SIZE, 2026);
    importSeconds = await runCli(env, ['import', 'residents', '--municipality', MUNICIPALITY, population]);
  }
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  let api: ReturnType<typeof startNode> | undefined;
  try {
    if (reuse) await runCli(env, ['migrate']);
    const today = officeDate(new Date());
    const generated = await timed(() => generateOrientation(db, today));
    await db.query('ANALYZE resident');
    const [sizes] = (
      await db.query(
        `SELECT (SELECT count(*) FROM resident WHERE municipality_code = $1)::int AS residents,
                (SELECT count(*) FROM resident WHERE municipality_code = $1
                    AND moved_in_on BETWEEN $2::date - $3::int AND $2::date)::int AS moved_in,
                (SELECT count(*) FROM orientation_session)::int AS sessions,
                (SELECT count(*) FROM orientation_attendance)::int AS attendance,
                (SELECT count(*) FROM orientation_attendance WHERE status = 'ATTENDED')::int AS attended`,
        [MUNICIPALITY, today, WITHIN_DAYS],
      )
    ).rows;

    // The baseline: the service's SQL (newcomer-query.ts) straight through pg, prepared as the service runs it.
    const sql = (limit: number, after?: { k: string; id: string }) => {
      const params: unknown[] = [];
      const conditions = newcomerConditions([MUNICIPALITY], today, WITHIN_DAYS, params);
      if (after) conditions.push(newcomerAfter(after, params));
      const text = newcomerSelectSql(conditions, `$${params.push(limit)}::int`);
      return db.query<NewcomerRow>({ name: `newcomers-${after ? 'after' : 'first'}`, text, values: params });
    };
    const whole = (await sql(10_000_000)).rows;
    // A page in the middle of the list, reached with a cursor (a multiple of 50 rows in).
    const DEEP = Math.max(50, Math.floor(whole.length / 100) * 50);
    if (whole.length <= DEEP) throw new Error(`the list holds only ${whole.length} residents`);
    const deepRow = whole[DEEP - 1];
    const deep = { k: deepRow.moved_in_on, id: deepRow.id };
    const sqlPage = await measure(RUNS, () => sql(51));
    const sqlDeep = await measure(RUNS, () => sql(51, deep));
    const sqlWhole = await measure(RUNS, () => sql(10_000_000));

    api = startNode(join(ROOT, 'dist', 'apps/api/src/main.js'), env, [], nodeFlags('api'));
    await waitUntilUp(`http://127.0.0.1:${PORT}/health/live`);
    const { cookie } = await signIn(PORT, 'caseworker@demo.city', PASSWORD);
    if (!cookie.startsWith('kyosei_session=')) throw new Error('sign-in failed');
    const get = async (path: string) => {
      const response = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response;
    };
    const page = async (cursor?: string) =>
      (await (await get(`/api/v1/orientation/newcomer-invitations${cursor ? `?cursor=${cursor}` : ''}`)).json()) as {
        items: Array<{ residentId: string }>;
        nextCursor: string | null;
      };
    const csv = async () => (await get('/api/v1/orientation/newcomer-invitations.csv')).text();

    const cold = await timed(() => page());
    const samePage =
      JSON.stringify(cold.value.items.map((item) => item.residentId)) ===
      JSON.stringify(whole.slice(0, 50).map((row) => row.id));
    const apiPage = await measure(RUNS, () => page());
    const deepCursor = encodeCursor(deep);
    const deepPage = await page(deepCursor);
    const sameDeep =
      JSON.stringify(deepPage.items.map((item) => item.residentId)) ===
      JSON.stringify(whole.slice(DEEP, DEEP + 50).map((row) => row.id));
    const apiDeep = await measure(RUNS, () => page(deepCursor));
    const csvLines = (await csv()).trimEnd().split('\n').length - 1;
    const apiCsv = await measure(RUNS, () => csv());
    api.kill('SIGTERM');
    await once(api, 'exit');
    api = undefined;

    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const pair = (t: Timing) => `${ms(t.median)} / ${ms(t.worst)}`;
    const verdict = (value: number, limit: number) => (value < limit ? 'met' : 'NOT met');
    const report = [
      `## newcomer-invitations — ${new Date().toISOString()}`,
      '',
      `Machine: ${await machine()}. ${sizes.residents.toLocaleString('en')} residents of ${MUNICIPALITY} ` +
        `(demo:population seed 2026, imported in ${reuse ? 'an earlier run' : `${importSeconds.toFixed(0)} s`}); ` +
        `${sizes.moved_in.toLocaleString('en')} moved in within ${WITHIN_DAYS} days of ${today}. Generated in ` +
        `${(generated.ms / 1000).toFixed(1)} s: ${sizes.sessions.toLocaleString('en')} sessions, ` +
        `${sizes.attendance.toLocaleString('en')} attendance records (${sizes.attended.toLocaleString('en')} ATTENDED). ` +
        `The list holds ${whole.length.toLocaleString('en')} residents (CSV through the API: ` +
        `${csvLines.toLocaleString('en')} lines; same first page as the SQL: ${samePage ? 'yes' : 'NO'}; same page ` +
        `after ${DEEP.toLocaleString('en')}: ${sameDeep ? 'yes' : 'NO'}). API timings include HTTP, the session and ` +
        `the audit record; ${RUNS} requests after one warm-up, one at a time.`,
      '',
      '| measure | median / worst | target |',
      '|---|---:|---|',
      `| API first page (50), first request after start-up | ${ms(cold.ms)} | < 1 s: ${verdict(cold.ms, 1000)} |`,
      `| API first page (50) | ${pair(apiPage)} | < 1 s: ${verdict(apiPage.worst, 1000)} |`,
      `| SQL first page (51), baseline | ${pair(sqlPage)} | — |`,
      `| API page after ${DEEP.toLocaleString('en')} (cursor) | ${pair(apiDeep)} | < 1 s: ${verdict(apiDeep.worst, 1000)} |`,
      `| SQL page after ${DEEP.toLocaleString('en')}, baseline | ${pair(sqlDeep)} | — |`,
      `| API CSV of the whole list (${whole.length.toLocaleString('en')} rows) | ${pair(apiCsv)} | — |`,
      `| SQL whole list in one statement, baseline | ${pair(sqlWhole)} | — |`,
      `| API / SQL, first page (medians) | ${(apiPage.median / sqlPage.median).toFixed(1)}× | — |`,
      `| API CSV / SQL whole list (medians) | ${(apiCsv.median / sqlWhole.median).toFixed(2)}× | — |`,
      '',
    ].join('\n');
    await appendReport(report);
    process.stdout.write(`${report}\n`);
  } finally {
    if (api) {
      api.kill('SIGTERM');
      await once(api, 'exit').catch(() => undefined);
    }
    await db.end();
    await rm(population, { force: true });
    if (process.env.BENCH_KEEP || reuse) {
      process.stdout.write(`kept database ${database}\n`);
    } else {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    }
  }
}

await main();
