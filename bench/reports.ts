/**
 * [K10] targets, on one synthetic city (default 1,000,000 residents):
 * - all nightly reports for the city (and the PESO office whose jurisdiction holds it) in under 5 minutes;
 * - each report within 2× of a hand-written SQL query for the same figures, measured in the same run
 *   (median of 3 each; the report's time includes its suppression and storing its run).
 * BENCH_REUSE=<database> measures on a kept database (e.g. one the alerts bench kept).
 */
import { ReportRunner, ReportsProcessor, scopeOf } from '../libs/reports/src/index.js';
import { officeDate, parseConfig, schoolYearOf } from '../libs/platform/src/index.js';
import { NestFactory } from '@nestjs/core';
import type { Job } from 'bullmq';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { appendReport, benchEnvironment, finishDatabase, machine, runCli } from './support.js';

const SIZE = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CITY = '221309';
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const reuse = process.env.BENCH_REUSE;
const database = reuse ?? `kyosei_bench_${randomBytes(3).toString('hex')}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();

/** Hand-written SQL for the same figures as each report ($1 municipality, $2 as-of date). */
function baselines(asOf: string): Record<string, string> {
  const onRegister = `r.municipality_code = $1 AND r.registry_category <> 'NOT_REGISTERED'
      AND (r.moved_in_on IS NULL OR r.moved_in_on <= $2::date) AND (r.moved_out_on IS NULL OR r.moved_out_on > $2::date)`;
  const end = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo')`;
  const fiscal = `${schoolYearOf(asOf)}-04-01`;
  const year = schoolYearOf(asOf);
  return {
    RESIDENTS: `SELECT r.nationality, coalesce(h.status_code, r.status_code) AS status,
                       width_bucket(extract(year FROM age($2::timestamp, r.birth_date::timestamp)), ARRAY[6, 15, 20, 30, 40, 50, 60, 65]) AS band,
                       count(*)
                  FROM resident r
                  LEFT JOIN LATERAL (SELECT status_code FROM status_history h WHERE h.resident_id = r.id AND h.created_at < ${end}
                                      ORDER BY created_at DESC LIMIT 1) h ON true
                 WHERE ${onRegister}
                 GROUP BY GROUPING SETS ((1), (2), (3))`,
    COVERAGE: `SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM coverage_period c WHERE c.resident_id = r.id
                        AND c.scheme IN ('NHI', 'EHI', 'LATE_ELDERLY') AND c.start_date <= $2 AND (c.end_date IS NULL OR c.end_date >= $2))),
                      count(*) FILTER (WHERE age($2::date, r.birth_date) BETWEEN interval '20 years' AND interval '59 years 11 months 30 days'),
                      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM coverage_period c WHERE c.resident_id = r.id
                        AND c.scheme IN ('NP', 'EPI') AND c.start_date <= $2 AND (c.end_date IS NULL OR c.end_date >= $2))),
                      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM employment_record e WHERE e.resident_id = r.id
                        AND e.hired_on <= $2 AND (e.separated_on IS NULL OR e.separated_on >= $2))),
                      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM coverage_period c WHERE c.resident_id = r.id
                        AND c.scheme = 'EI' AND c.start_date <= $2 AND (c.end_date IS NULL OR c.end_date >= $2)))
                 FROM resident r WHERE ${onRegister}`,
    LANGUAGE_COURSES: `SELECT c.level_from, count(*) FILTER (WHERE e.enrolled_on <= $2),
                              count(*) FILTER (WHERE e.status = 'COMPLETED' AND e.ended_on <= $2)
                         FROM language_course c JOIN enrollment e ON e.course_id = c.id
                        WHERE c.municipality_code = $1 AND c.starts_on BETWEEN '${fiscal}' AND $2 GROUP BY 1`,
    PROFICIENCY: `SELECT framework, level, count(*) FROM (
                    SELECT DISTINCT ON (a.resident_id, a.framework) a.framework, a.level
                      FROM proficiency_assessment a JOIN resident r ON r.id = a.resident_id
                     WHERE ${onRegister} AND a.assessed_on <= $2
                     ORDER BY a.resident_id, a.framework, a.assessed_on DESC) x GROUP BY 1, 2`,
    ORIENTATION_REACH: `SELECT date_trunc('month', r.moved_in_on), count(*),
                               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM orientation_attendance a JOIN orientation_session s
                                 ON s.id = a.session_id WHERE a.resident_id = r.id AND a.status = 'ATTENDED' AND s.held_on <= $2))
                          FROM resident r WHERE ${onRegister} AND r.moved_in_on > $2::date - interval '12 months' GROUP BY 1`,
    SCHOOL_ENROLMENT: `SELECT CASE WHEN sc.kind IS NOT NULL THEN sc.kind ELSE coalesce(st.status, 'NOT_TRACKED') END, count(*)
                         FROM resident r
                         LEFT JOIN school_enrollment e ON e.resident_id = r.id AND e.from_date <= $2 AND (e.to_date IS NULL OR e.to_date >= $2)
                         LEFT JOIN school sc ON sc.id = e.school_id
                         LEFT JOIN schooling_status st ON st.resident_id = r.id AND st.school_year = ${year}
                        WHERE ${onRegister} AND r.birth_date > '${year - 15}-04-01' AND r.birth_date <= '${year - 6}-04-01'
                        GROUP BY 1`,
    ALERTS: `SELECT a.rule_code, count(*) FILTER (WHERE a.opened_at >= ${end} - interval '30 days'),
                    count(*) FILTER (WHERE a.status = 'RESOLVED' AND a.closed_at >= ${end} - interval '30 days' AND a.closed_at < ${end}),
                    count(*) FILTER (WHERE a.closed_at IS NULL OR a.closed_at >= ${end}),
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY a.closed_at - a.opened_at)
               FROM alert a WHERE a.municipality_code = $1 AND a.opened_at < ${end} GROUP BY 1`,
  };
}

async function median(runs: number, measure: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await measure();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

async function main(): Promise<void> {
  const env = benchEnvironment(databaseUrl, database, 3996, 'Bench-password-2026');
  if (!reuse) {
    await runCli(env, ['demo:seed']);
    await runCli(env, ['demo:population', '--municipality', CITY, '--size', String(SIZE)]);
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
  try {
    const [{ residents }] = (await db.query(`SELECT count(*)::int AS residents FROM resident`)).rows;
    // Language data, which demo:population does not make: 300 courses this fiscal year with 30,000
    // enrolments, and 200,000 proficiency assessments.
    const [{ courses }] = (await db.query(`SELECT count(*)::int AS courses FROM language_course`)).rows;
    if (courses < 300) {
      const fiscal = `${schoolYearOf(officeDate(new Date()))}-04-01`;
      await db.query(
        `INSERT INTO language_course (municipality_code, org_id, title, provider, provider_kind, level_from, level_to,
                                      instruction_language, capacity, starts_on, ends_on)
         SELECT $1, (SELECT id FROM organization WHERE municipality_code = $1), 'Course ' || i, 'City', 'MUNICIPALITY',
                (ARRAY['A1', 'A2', 'B1', 'B2', 'C1', 'C2'])[1 + i % 6], 'C2', 'ja', 200, $2::date + i % 200, $2::date + 300
           FROM generate_series(1, 300) AS i`,
        [CITY, fiscal],
      );
      await db.query(
        `INSERT INTO enrollment (course_id, resident_id, status, enrolled_on, ended_on)
         SELECT c.id, r.id, (ARRAY['ENROLLED', 'COMPLETED', 'DROPPED', 'WITHDRAWN'])[1 + r.n % 4], c.starts_on,
                CASE WHEN r.n % 4 > 0 THEN c.starts_on + 60 END
           FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM resident LIMIT 30000) r
           JOIN (SELECT id, starts_on, row_number() OVER (ORDER BY id) - 1 AS k FROM language_course) c ON c.k = r.n % 300`,
      );
      await db.query(
        `INSERT INTO proficiency_assessment (resident_id, framework, level, assessed_on)
         SELECT id, 'JLPT', (ARRAY['N1', 'N2', 'N3', 'N4', 'N5'])[1 + n % 5], '2025-01-01'::date + (n % 600)::int
           FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM resident LIMIT 200000) r`,
      );
    }
    await db.query(`ANALYZE`);
    // As of today: the alerts the sweep opened today count (the nightly job itself reports the day before).
    const asOf = officeDate(new Date());
    const runner = worker.get(ReportRunner);
    const scope = scopeOf('MUNICIPALITY', CITY, [CITY]);
    const sql = baselines(asOf);
    const lines: string[] = [];
    for (const code of Object.keys(sql)) {
      const report = await median(3, () => runner.run(code, scope, asOf, 'MANUAL'));
      const baseline = await median(3, () => db.query(sql[code], [CITY, asOf]));
      const ratio = report / baseline;
      lines.push(
        `| ${code} | ${(report / 1000).toFixed(2)} s | ${(baseline / 1000).toFixed(2)} s | ${ratio.toFixed(2)}× | ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'} |`,
      );
      process.stdout.write(`${lines.at(-1)}\n`);
    }
    // The whole night: every enabled report for every scope (the city, the demo offices, the PESO office).
    await db.query(`DELETE FROM report_run WHERE as_of = $1`, [asOf]);
    const processor = worker.get(ReportsProcessor);
    const start = performance.now();
    const night = (await processor.process({
      name: 'reports-nightly',
      data: { asOf },
      updateProgress: async () => undefined,
    } as unknown as Job)) as { done: number; failed: number };
    const nightSeconds = (performance.now() - start) / 1000;
    const report = [
      `## reports — ${new Date().toISOString()}`,
      '',
      `Machine: ${await machine()}. ${residents.toLocaleString('en')} residents (demo:population, seed 2026) in municipality ${CITY}; as of ${asOf}.`,
      '',
      '| report (municipality scope) | report run (query + suppression + storing) | hand-written SQL, same figures | ratio | target |',
      '|---|---:|---:|---:|---|',
      ...lines,
      '',
      '| nightly job | duration | target |',
      '|---|---:|---|',
      `| every report, every scope (${night.done} runs, ${night.failed} failed) | ${nightSeconds.toFixed(1)} s | < 300 s: ${nightSeconds < 300 && night.failed === 0 ? 'met' : 'NOT met'} |`,
      '',
    ].join('\n');
    await appendReport(report);
    process.stdout.write(`${report}\n`);
  } finally {
    await db.end();
    await worker.close();
    await finishDatabase(adminUrl, database, Boolean(reuse));
  }
}

await main();
