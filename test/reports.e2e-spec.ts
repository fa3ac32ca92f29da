import { officeDate, addDays } from '@app/platform';
import { ReportRunner, ReportsProcessor, scopeOf } from '@app/reports';
import type { Job, Queue } from 'bullmq';
import { getQueueToken } from '@nestjs/bullmq';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { createCity, createPeso, createUser, DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { startWorker } from './support/register.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import type { INestApplicationContext } from '@nestjs/common';

const CITY = '222143';
const today = officeDate(new Date(), 'Asia/Tokyo');

interface Published {
  run: { id: string; asOf: string; status: string };
  rows: Array<{ dims: Record<string, string>; isTotal: boolean; values: Record<string, number | string | null> }>;
}

describe('nightly reports', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let viewer: SignedIn;
  let admin: SignedIn;
  let caseworker: SignedIn;
  let runner: ReportRunner;
  const scope = scopeOf('MUNICIPALITY', CITY, [CITY]);

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    worker = await startWorker(t);
    // A fixture city of its own: 7 Brazilians in their thirties (5 with NHI), 6 Vietnamese in their
    // twenties (4 with employees' health insurance and pension), 2 Filipinos in their forties.
    const city = await createCity(t, CITY, '湖西市');
    const users = {
      caseworker: await createUser(t, city.id, ['CITY_CASEWORKER']),
      viewer: await createUser(t, city.id, ['REPORT_VIEWER']),
      admin: await createUser(t, city.id, ['ADMIN']),
    };
    caseworker = await login(t.http, users.caseworker.email);
    viewer = await login(t.http, users.viewer.email);
    admin = await login(t.http, users.admin.email);
    const add = async (count: number, fields: Record<string, unknown>, covered: number, schemes: string[]) => {
      for (let i = 0; i < count; i += 1) {
        const resident = await createResident(caseworker, { ...fields, givenName: `P${i}`, movedInOn: '2024-01-10' });
        for (const scheme of i < covered ? schemes : []) {
          await caseworker
            .post(`/api/v1/residents/${resident.id}/coverage-periods`, {
              scheme,
              role: 'INSURED',
              startDate: '2024-04-01',
            })
            .expect(201);
        }
      }
    };
    await add(7, { familyName: 'SILVA', nationality: 'BR', birthDate: '1990-06-01' }, 5, ['NHI']);
    await add(6, { familyName: 'NGUYEN', nationality: 'VN', birthDate: '2000-06-01' }, 4, ['EHI', 'EPI']);
    await add(2, { familyName: 'SANTOS', nationality: 'PH', birthDate: '1980-06-01' }, 0, []);
    runner = t.app.get(ReportRunner);
  }, 120_000);
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const latest = async (code: string, who: SignedIn = viewer): Promise<Published> => {
    const runs = await who.get(`/api/v1/reports/${code}/runs`).expect(200);
    return (await who.get(`/api/v1/reports/${code}/runs/${runs.body.items[0].id}`).expect(200)).body;
  };
  const cell = (report: Published, dims: Record<string, string>, measure: string) =>
    report.rows.find((row) => Object.entries(dims).every(([key, value]) => row.dims[key] === value))?.values[measure];

  it('counts residents by nationality, status and age band, hiding the small cells and one more beside them', async () => {
    expect(await runner.run('RESIDENTS', scope, today, 'NIGHTLY')).toMatchObject({ status: 'DONE' });
    const report = await latest('RESIDENTS');
    // Nationality: PH (2) is small; VN (6) is hidden too, or 15 − 7 − PH would give PH away.
    expect(cell(report, { breakdown: 'NATIONALITY', value: 'BR' }, 'residents')).toBe(7);
    expect(cell(report, { breakdown: 'NATIONALITY', value: 'PH' }, 'residents')).toBe('<5');
    expect(cell(report, { breakdown: 'NATIONALITY', value: 'VN' }, 'residents')).toBe('x');
    expect(cell(report, { breakdown: 'NATIONALITY', value: 'TOTAL' }, 'residents')).toBe(15);
    expect(cell(report, { breakdown: 'STATUS', value: 'LONG_TERM' }, 'residents')).toBe(15);
    expect(cell(report, { breakdown: 'AGE_BAND', value: '20-29' }, 'residents')).toBe(6);
    expect(cell(report, { breakdown: 'AGE_BAND', value: '30-39' }, 'residents')).toBe(7);
    expect(cell(report, { breakdown: 'AGE_BAND', value: '40-49' }, 'residents')).toBe('<5');
    expect(cell(report, { breakdown: 'AGE_BAND', value: '0-5' }, 'residents')).toBe('<5');
    expect(cell(report, { breakdown: 'AGE_BAND', value: 'TOTAL' }, 'residents')).toBe(15);
    // Nothing hidden can be worked out: in every total, zero or at least two cells are hidden.
    for (const breakdown of ['NATIONALITY', 'STATUS', 'AGE_BAND']) {
      const parts = report.rows.filter((row) => row.dims.breakdown === breakdown && !row.isTotal);
      const hidden = parts.filter((row) => typeof row.values.residents === 'string').length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
  });

  it('gives the coverage rate per scheme as the 2012 survey did, hidden where its counts are', async () => {
    await runner.run('COVERAGE', scope, today, 'NIGHTLY');
    const report = await latest('COVERAGE');
    expect(report.rows.find((row) => row.dims.scheme === 'HEALTH')!.values).toEqual({
      population: 15,
      covered: 9,
      uncovered: 6,
      coverageRate: 60,
    });
    // Pension: 4 of 15 covered — 4 is small, so the 11 uncovered are hidden too, and the rate.
    expect(report.rows.find((row) => row.dims.scheme === 'PENSION')!.values).toEqual({
      population: 15,
      covered: '<5',
      uncovered: 'x',
      coverageRate: null,
    });
    expect(report.rows.find((row) => row.dims.scheme === 'EMPLOYMENT_INSURANCE')!.values).toMatchObject({
      population: '<5',
      coverageRate: null,
    });
  });

  it('runs the nightly job twice for the same night and keeps one run of each report', async () => {
    const processor = worker.get(ReportsProcessor);
    const job = (asOf: string) =>
      ({ name: 'reports-nightly', data: { asOf }, updateProgress: async () => undefined }) as unknown as Job;
    const night = addDays(today, -1);
    const first = (await processor.process(job(night))) as { done: number; skipped: number; failed: number };
    expect(first.failed).toBe(0);
    expect(first.done).toBeGreaterThan(0);
    const second = (await processor.process(job(night))) as { done: number; skipped: number };
    expect(second).toMatchObject({ done: 0, skipped: first.done });
    const duplicates = await t.dataSource.query(
      `SELECT report_code, scope_kind, scope_key, count(*) FROM report_run WHERE as_of = $1
        GROUP BY 1, 2, 3 HAVING count(*) > 1`,
      [night],
    );
    expect(duplicates).toEqual([]);
    const [{ runs }] = await t.dataSource.query(
      `SELECT count(*)::int AS runs FROM report_run WHERE as_of = $1 AND scope_key = $2`,
      [night, CITY],
    );
    expect(runs).toBe(7);
    // A rerun for a past date recomputes the same run, with the same figures.
    const before = await t.dataSource.query(
      `SELECT w.dims, w."values", w.suppressed FROM report_run r JOIN report_row w ON w.run_id = r.id
        WHERE r.report_code = 'RESIDENTS' AND r.scope_key = $1 AND r.as_of = $2 ORDER BY w.seq`,
      [CITY, night],
    );
    await admin.post('/api/v1/reports/RESIDENTS/runs', { asOf: night }).expect(202);
    await waitFor(async () => {
      const [run] = await t.dataSource.query(
        `SELECT attempts FROM report_run WHERE report_code = 'RESIDENTS' AND scope_key = $1 AND as_of = $2`,
        [CITY, night],
      );
      return run.attempts === 2;
    });
    const after = await t.dataSource.query(
      `SELECT w.dims, w."values", w.suppressed FROM report_run r JOIN report_row w ON w.run_id = r.id
        WHERE r.report_code = 'RESIDENTS' AND r.scope_key = $1 AND r.as_of = $2 ORDER BY w.seq`,
      [CITY, night],
    );
    expect(after).toEqual(before);
  });

  it('exports CSV and XLSX and draws a series, for report viewers of the office only', async () => {
    const runs = await viewer.get('/api/v1/reports/RESIDENTS/runs').expect(200);
    const id = runs.body.items[0].id;
    const csv = await viewer.get(`/api/v1/reports/RESIDENTS/runs/${id}.csv`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('breakdown,value,residents');
    expect(lines).toContain('NATIONALITY,PH,<5');
    const xlsx = await viewer
      .get(`/api/v1/reports/RESIDENTS/runs/${id}.xlsx`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].getRow(3).values).toEqual([undefined, 'breakdown', 'value', 'residents']);

    const series = await viewer
      .get(`/api/v1/reports/COVERAGE/series?measure=coverageRate&where=scheme:HEALTH&from=${addDays(today, -7)}`)
      .expect(200);
    expect(series.body.points.map((p: { asOf: string }) => p.asOf)).toEqual([addDays(today, -1), today]);
    expect(series.body.points[1].rows).toEqual([{ dims: { scheme: 'HEALTH' }, value: 60 }]);
    await viewer.get('/api/v1/reports/COVERAGE/series?measure=nothing').expect(400);

    // Another office's viewer sees its own scope only; a caseworker no reports at all.
    const demoViewer = await login(t.http, DEMO.reports);
    const demoRuns = await demoViewer.get('/api/v1/reports/RESIDENTS/runs').expect(200);
    expect(demoRuns.body.items.map((run: { scopeKey: string }) => run.scopeKey)).not.toContain(CITY);
    await demoViewer.get(`/api/v1/reports/RESIDENTS/runs/${id}`).expect(404);
    await caseworker.get('/api/v1/reports').expect(403);
    const list = await viewer.get('/api/v1/reports').expect(200);
    expect(list.body.map((r: { code: string }) => r.code)).not.toContain('EMPLOYER_REPORTS');
    await request(t.http).get('/api/v1/reports').expect(401);
  });

  it('computes every other report of the fixture city as counted by hand', async () => {
    const ids = async (familyName: string): Promise<string[]> =>
      (
        await t.dataSource.query(
          `SELECT id FROM resident WHERE municipality_code = $1 AND family_name = $2 ORDER BY given_name`,
          [CITY, familyName],
        )
      ).map((row: { id: string }) => row.id);
    const [silva, nguyen, santos] = [await ids('SILVA'), await ids('NGUYEN'), await ids('SANTOS')];
    const org = (await t.dataSource.query(`SELECT id FROM organization WHERE municipality_code = $1`, [CITY]))[0].id;
    // Courses this fiscal year: A1 from May (6 learners: 3 completed, 1 dropped, 2 still learning), B1 from September (5 learning).
    const fiscalStart = `${Number(today.slice(0, 4)) - (today.slice(5, 7) < '04' ? 1 : 0)}-04-01`;
    const [a1] = await t.dataSource.query(
      `INSERT INTO language_course (municipality_code, org_id, title, provider, provider_kind, level_from, level_to,
                                    instruction_language, capacity, starts_on, ends_on)
       VALUES ($1, $2, 'A1', 'City', 'MUNICIPALITY', 'A1', 'A1', 'ja', 30, $3::date + 30, $3::date + 120) RETURNING id`,
      [CITY, org, fiscalStart],
    );
    const [b1] = await t.dataSource.query(
      `INSERT INTO language_course (municipality_code, org_id, title, provider, provider_kind, level_from, level_to,
                                    instruction_language, capacity, starts_on, ends_on)
       VALUES ($1, $2, 'B1', 'City', 'MUNICIPALITY', 'B1', 'B2', 'ja', 30, $3::date + 150, $3::date + 400) RETURNING id`,
      [CITY, org, fiscalStart],
    );
    const enroll = (course: string, resident: string, status: string, ended: string | null) =>
      t.dataSource.query(
        `INSERT INTO enrollment (course_id, resident_id, status, enrolled_on, ended_on) VALUES ($1, $2, $3, $4::date + 30, $5)`,
        [course, resident, status, fiscalStart, ended],
      );
    const afterStart = (days: number) => addDays(fiscalStart, days);
    for (const [i, resident] of silva.slice(0, 6).entries()) {
      const status = i < 3 ? 'COMPLETED' : i === 3 ? 'DROPPED' : 'ENROLLED';
      await enroll(a1.id, resident, status, status === 'ENROLLED' ? null : afterStart(100));
    }
    for (const resident of nguyen.slice(0, 5)) await enroll(b1.id, resident, 'ENROLLED', null);
    // Proficiency: three at JLPT N4 (one of them earlier N5), one at N3, two at JF A2.
    const assess = (resident: string, framework: string, level: string, on: string) =>
      t.dataSource.query(
        `INSERT INTO proficiency_assessment (resident_id, framework, level, assessed_on) VALUES ($1, $2, $3, $4)`,
        [resident, framework, level, on],
      );
    await assess(silva[0], 'JLPT', 'N5', '2025-07-01');
    for (const resident of silva.slice(0, 3)) await assess(resident, 'JLPT', 'N4', '2026-07-01');
    await assess(santos[0], 'JLPT', 'N3', '2026-07-01');
    for (const resident of nguyen.slice(0, 2)) await assess(resident, 'JF_STANDARD', 'A2', '2026-06-01');
    // Three newcomers 40 days ago; two attended a session 20 days ago.
    const moved = addDays(today, -40);
    const newcomers = [];
    for (let i = 0; i < 3; i += 1) {
      newcomers.push(
        await createResident(caseworker, {
          familyName: 'KHAN',
          givenName: `N${i}`,
          nationality: 'PK',
          movedInOn: moved,
        }),
      );
    }
    const [session] = await t.dataSource.query(
      `INSERT INTO orientation_session (municipality_code, org_id, held_on, venue, languages, topics)
       VALUES ($1, $2, $3, 'Hall', '{ja-easy}', '{GARBAGE_MANNERS}') RETURNING id`,
      [CITY, org, addDays(today, -20)],
    );
    for (const newcomer of newcomers.slice(0, 2)) {
      await t.dataSource.query(
        `INSERT INTO orientation_attendance (session_id, resident_id, status) VALUES ($1, $2, 'ATTENDED')`,
        [session.id, newcomer.id],
      );
    }
    // Two children of elementary age, of whom the board knows nothing yet.
    for (let i = 0; i < 2; i += 1) {
      await createResident(caseworker, {
        familyName: 'KHAN',
        givenName: `C${i}`,
        nationality: 'PK',
        birthDate: `${Number(today.slice(0, 4)) - 10}-06-01`,
      });
    }
    // A PESO office for the city, with employers' reports: 6 hires (2 late) and 1 separation in the
    // last 30 days; a refused hire and one from 40 days ago are not counted.
    const peso = await createPeso(t, [CITY]);
    const [imported] = await t.dataSource.query(
      `INSERT INTO employer_report_import (org_id, municipality_code, match_run_id, file_name, received_on)
       VALUES ($1, $2, gen_random_uuid(), 'reports.csv', $3) RETURNING id`,
      [peso.id, CITY, today],
    );
    const report = (seq: number, type: string, received: string, late: number, outcome: string) =>
      t.dataSource.query(
        `INSERT INTO employer_report (import_id, seq, line, source_ref, report_type, received_on, days_late, outcome)
         VALUES ($1, $2::int, $2::int, 'R' || $2::text, $3, $4, $5, $6)`,
        [imported.id, seq, type, received, late, outcome],
      );
    for (let i = 1; i <= 6; i += 1) await report(i, 'HIRE', addDays(today, -5), i <= 2 ? 3 : 0, 'APPLIED');
    await report(7, 'SEPARATION', addDays(today, -3), 0, 'APPLIED');
    await report(8, 'HIRE', addDays(today, -3), 0, 'REJECTED');
    await report(9, 'HIRE', addDays(today, -40), 0, 'APPLIED');

    // The new residents' alerts are evaluated by the worker: let it finish before counting.
    const alertsQueue = t.app.get<Queue>(getQueueToken('alerts'), { strict: false });
    await waitFor(async () => {
      const counts = await alertsQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((n) => n === 0);
    });
    for (const code of ['LANGUAGE_COURSES', 'PROFICIENCY', 'ORIENTATION_REACH', 'SCHOOL_ENROLMENT', 'ALERTS']) {
      expect([code, (await runner.run(code, scope, today, 'MANUAL')).status]).toEqual([code, 'DONE']);
    }
    const pesoScope = scopeOf('PESO', peso.id, [CITY]);
    expect((await runner.run('EMPLOYER_REPORTS', pesoScope, today, 'MANUAL')).status).toBe('DONE');

    /** The figures as computed (before suppression), row by row. */
    const figures = async (code: string, key = CITY) =>
      (
        await t.dataSource.query(
          `SELECT w.dims, w."values" FROM report_run r JOIN report_row w ON w.run_id = r.id
            WHERE r.report_code = $1 AND r.scope_key = $2 AND r.as_of = $3 ORDER BY w.seq`,
          [code, key, today],
        )
      ).map((row: { dims: Record<string, string>; values: Record<string, number> }) => ({
        ...row.dims,
        ...row.values,
      }));

    const courses = await figures('LANGUAGE_COURSES');
    expect(courses.find((r: { courseLevel: string }) => r.courseLevel === 'A1')).toEqual({
      courseLevel: 'A1',
      enrolled: 6,
      completed: 3,
      dropped: 1,
      ongoing: 2,
      completionRate: 50,
    });
    expect(courses.find((r: { courseLevel: string }) => r.courseLevel === 'B1')).toEqual({
      courseLevel: 'B1',
      enrolled: 5,
      completed: 0,
      dropped: 0,
      ongoing: 5,
      completionRate: 0,
    });
    expect(courses.find((r: { courseLevel: string }) => r.courseLevel === 'TOTAL')).toEqual({
      courseLevel: 'TOTAL',
      enrolled: 11,
      completed: 3,
      dropped: 1,
      ongoing: 7,
      completionRate: 27.3,
    });

    expect(await figures('PROFICIENCY')).toEqual([
      { framework: 'JF_STANDARD', level: 'A2', residents: 2 },
      { framework: 'JLPT', level: 'N3', residents: 1 },
      { framework: 'JLPT', level: 'N4', residents: 3 },
      { framework: 'JF_STANDARD', level: 'TOTAL', residents: 2 },
      { framework: 'JLPT', level: 'TOTAL', residents: 4 },
    ]);

    const reach = await figures('ORIENTATION_REACH');
    expect(reach).toHaveLength(13);
    expect(reach.find((r: { movedInMonth: string }) => r.movedInMonth === moved.slice(0, 7))).toEqual({
      movedInMonth: moved.slice(0, 7),
      newcomers: 3,
      attended: 2,
      notAttended: 1,
      reachRate: 66.7,
    });
    expect(reach.at(-1)).toEqual({ movedInMonth: 'TOTAL', newcomers: 3, attended: 2, notAttended: 1, reachRate: 66.7 });

    const schools = await figures('SCHOOL_ENROLMENT');
    expect(schools.find((r: { category: string }) => r.category === 'NOT_TRACKED')).toEqual({
      category: 'NOT_TRACKED',
      elementary: 2,
      lowerSecondary: 0,
      total: 2,
    });
    expect(schools.at(-1)).toEqual({ category: 'TOTAL', elementary: 2, lowerSecondary: 0, total: 2 });

    // Alerts: the ones this city's residents have now, counted straight from the alert table.
    const [{ opened }] = await t.dataSource.query(
      `SELECT count(*)::int AS opened FROM alert WHERE municipality_code = $1 AND rule_code = 'NO_HEALTH_COVERAGE'`,
      [CITY],
    );
    expect(opened).toBeGreaterThan(0);
    expect(
      (await figures('ALERTS')).find((r: { ruleCode: string }) => r.ruleCode === 'NO_HEALTH_COVERAGE'),
    ).toMatchObject({
      opened,
      openAtEnd: opened,
      resolved: 0,
    });

    expect(await figures('EMPLOYER_REPORTS', peso.id)).toEqual([
      { reportType: 'HIRE', received: 6, onTime: 4, late: 2, lateRate: 33.3 },
      { reportType: 'SEPARATION', received: 1, onTime: 1, late: 0, lateRate: 0 },
      { reportType: 'TOTAL', received: 7, onTime: 5, late: 2, lateRate: 28.6 },
    ]);

    // A special permanent resident counts for the city, never for PESO.
    await createResident(caseworker, {
      familyName: 'PARK',
      givenName: 'JI',
      nationality: 'KR',
      registryCategory: 'SPECIAL_PERMANENT',
      statusCode: null,
      stayPeriod: null,
      stayExpiryDate: null,
    });
    await runner.run('RESIDENTS', scope, today, 'MANUAL');
    await runner.run('RESIDENTS', pesoScope, today, 'MANUAL');
    const totalOf = async (key: string) =>
      (await figures('RESIDENTS', key)).find(
        (r: { breakdown: string; value: string }) => r.breakdown === 'STATUS' && r.value === 'TOTAL',
      ).residents;
    expect(await totalOf(CITY)).toBe(15 + 3 + 2 + 1);
    expect(await totalOf(peso.id)).toBe(15 + 3 + 2);

    // Published, every count under 5 is hidden, and no total gives a hidden one away.
    const published = await latest('LANGUAGE_COURSES');
    expect(cell(published, { courseLevel: 'A1' }, 'enrolled')).toBe(6);
    expect(cell(published, { courseLevel: 'A1' }, 'completed')).toBe('<5');
    expect(cell(published, { courseLevel: 'A1' }, 'completionRate')).toBeNull();
    for (const row of published.rows) {
      for (const measure of ['enrolled', 'completed', 'dropped', 'ongoing']) {
        const value = row.values[measure];
        if (typeof value === 'number') expect(value).toBeGreaterThanOrEqual(5);
      }
    }
  });

  it('retries a failing report, then alerts the administrators, and the alert resolves when it runs again', async () => {
    await t.dataSource.query(`ALTER TABLE proficiency_assessment RENAME TO proficiency_assessment_away`);
    try {
      const outcome = await runner.runWithRetries('PROFICIENCY', scope, addDays(today, -2), 'NIGHTLY');
      expect(outcome.status).toBe('FAILED');
    } finally {
      await t.dataSource.query(`ALTER TABLE proficiency_assessment_away RENAME TO proficiency_assessment`);
    }
    const failed = await admin.get('/api/v1/report-runs?status=FAILED').expect(200);
    expect(failed.body.items[0]).toMatchObject({ reportCode: 'PROFICIENCY', status: 'FAILED', attempts: 3 });
    expect(failed.body.items[0].error).toContain('proficiency_assessment');
    const alerts = await admin.get('/api/v1/alerts?ruleCode=REPORT_FAILED').expect(200);
    expect(alerts.body.items).toHaveLength(1);
    expect(await runner.runWithRetries('PROFICIENCY', scope, addDays(today, -2), 'NIGHTLY')).toMatchObject({
      status: 'DONE',
    });
    expect((await admin.get('/api/v1/alerts?ruleCode=REPORT_FAILED').expect(200)).body.items).toHaveLength(0);
  }, 60_000);
});

async function waitFor(probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
