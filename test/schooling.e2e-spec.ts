import { AlertsService } from '@app/alerts';
import { addDays, officeDate, schoolYearOf } from '@app/platform';
import { SchoolGuideService } from '@app/schooling';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const CITY = '221309';
const today = officeDate(new Date(), 'Asia/Tokyo');
const year = schoolYearOf(today);

describe('children and schooling', () => {
  let t: TestApp;
  let school: SignedIn;
  let caseworker: SignedIn;
  let counselor: SignedIn;
  let reports: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    school = await login(t.http, DEMO.school);
    caseworker = await login(t.http, DEMO.caseworker);
    counselor = await login(t.http, DEMO.counselor);
    reports = await login(t.http, DEMO.reports);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A child in grade `grade` (1–9 counted from elementary entry) of this school year. */
  const bornForGrade = (grade: number, monthDay = '09-15') => `${year - 6 - grade}-${monthDay}`;

  it('computes school age with the April-1 rule for anyone, and names a bad field', async () => {
    const born1April = await request(t.http).get('/api/v1/school-age?birthDate=2019-04-01&on=2025-04-01').expect(200);
    expect(born1April.body).toEqual({
      stage: 'ELEMENTARY',
      grade: 1,
      elementaryEntryDate: '2025-04-01',
      compulsoryEndDate: '2034-03-31',
    });
    const born2April = await request(t.http).get('/api/v1/school-age?birthDate=2019-04-02&on=2025-04-01').expect(200);
    expect(born2April.body).toMatchObject({ stage: 'PRESCHOOL', grade: null, elementaryEntryDate: '2026-04-01' });
    const bad = await request(t.http).get('/api/v1/school-age?birthDate=2019-02-30').expect(400);
    expect(bad.body.errors[0].field).toBe('birthDate');
  });

  it("keeps a child's schooling: enrolment, statuses, absences and the guide's answers, for the board only", async () => {
    const schoolRow = await school
      .post('/api/v1/schools', { code: 'E001', name: '北小学校', kind: 'PUBLIC_ELEMENTARY' })
      .expect(201);
    const foreign = await school
      .post('/api/v1/schools', { code: 'F001', name: 'Escola Alegria', kind: 'FOREIGN_SCHOOL' })
      .expect(201);
    await school.post('/api/v1/schools', { code: 'E001', name: 'dup', kind: 'PRIVATE' }).expect(409);
    await caseworker.post('/api/v1/schools', { code: 'E002', name: 'x', kind: 'PRIVATE' }).expect(403);

    const child = await createResident(caseworker, {
      familyName: 'SILVA',
      givenName: 'LUCAS',
      birthDate: bornForGrade(3),
    });
    const before = await school.get(`/api/v1/residents/${child.id}/schooling`).expect(200);
    expect(before.body).toMatchObject({ status: 'NOT_TRACKED', schoolAge: { stage: 'ELEMENTARY', grade: 3 } });

    const enrolled = await school
      .post(`/api/v1/residents/${child.id}/school-enrollments`, {
        schoolId: schoolRow.body.id,
        grade: 3,
        fromDate: `${year}-04-01`,
        japaneseInstructionNeeded: true,
      })
      .expect(201);
    const overlap = await school
      .post(`/api/v1/residents/${child.id}/school-enrollments`, { schoolId: foreign.body.id, fromDate: today })
      .expect(409);
    expect(overlap.body.type).toContain('enrollment-overlap');
    const backwards = await school
      .post(`/api/v1/residents/${child.id}/school-enrollments`, {
        schoolId: foreign.body.id,
        fromDate: '2020-05-01',
        toDate: '2020-04-01',
      })
      .expect(400);
    expect(backwards.body.errors[0].field).toBe('toDate');
    expect((await school.get(`/api/v1/residents/${child.id}/schooling`).expect(200)).body.status).toBe(
      'ENROLLED_COMPULSORY',
    );

    // The child leaves that school yesterday and goes to a foreign school from today.
    await school
      .patch(`/api/v1/residents/${child.id}/school-enrollments/${enrolled.body.id}`, {
        version: enrolled.body.version,
        toDate: addDays(today, -1),
      })
      .expect(200);
    await school
      .patch(`/api/v1/residents/${child.id}/school-enrollments/${enrolled.body.id}`, {
        version: enrolled.body.version,
        note: 'stale',
      })
      .expect(409);
    await school
      .post(`/api/v1/residents/${child.id}/school-enrollments`, { schoolId: foreign.body.id, fromDate: today })
      .expect(201);
    const now = (await school.get(`/api/v1/residents/${child.id}/schooling`).expect(200)).body;
    expect(now.status).toBe('ENROLLED_FOREIGN_SCHOOL');
    expect(now.enrollments.map((e: { schoolName: string }) => e.schoolName)).toEqual(['Escola Alegria', '北小学校']);

    // Statuses per school year, with optimistic concurrency once one is recorded.
    const status = await school
      .put(`/api/v1/residents/${child.id}/schooling-status/${year + 1}`, {
        status: 'MOVED_OR_LEFT',
        source: 'HOME_VISIT',
      })
      .expect(200);
    const again = await school
      .put(`/api/v1/residents/${child.id}/schooling-status/${year + 1}`, { status: 'UNCONFIRMED' })
      .expect(400);
    expect(again.body.errors[0].field).toBe('version');
    await school
      .put(`/api/v1/residents/${child.id}/schooling-status/${year + 1}`, { status: 'UNCONFIRMED', version: 99 })
      .expect(409);
    await school
      .put(`/api/v1/residents/${child.id}/schooling-status/${year + 1}`, {
        status: 'UNCONFIRMED',
        version: status.body.version,
      })
      .expect(200);
    await school.put(`/api/v1/residents/${child.id}/schooling-status/1999`, { status: 'UNCONFIRMED' }).expect(400);

    // Absences: 30 days in the school year is a long absence.
    const months = [`${year}-04`, `${year}-05`, `${year}-06`];
    for (const month of months) {
      await school
        .put(`/api/v1/residents/${child.id}/absences/${month}`, { daysAbsent: 10, reason: 'FUTOKO' })
        .expect(200);
    }
    await school.put(`/api/v1/residents/${child.id}/absences/${year}-13`, { daysAbsent: 1 }).expect(400);
    const absent = (await school.get(`/api/v1/residents/${child.id}/schooling`).expect(200)).body;
    expect(absent).toMatchObject({ absentDays: 30, longAbsence: true });
    await t.app.get(AlertsService).evaluateResident(child.id);
    const flagged = await school.get(`/api/v1/alerts?residentId=${child.id}`).expect(200);
    expect(flagged.body.items.map((a: { ruleCode: string }) => a.ruleCode)).toContain('CHILD_LONG_ABSENCE');

    // A guardian answers the guide: a foreign school sets the status of that year.
    const other = await createResident(caseworker, {
      familyName: 'PEREIRA',
      givenName: 'ANA',
      birthDate: bornForGrade(5),
    });
    await caseworker
      .post(`/api/v1/residents/${other.id}/school-guide-responses`, { schoolYear: year, response: 'FOREIGN_SCHOOL' })
      .expect(201);
    expect((await caseworker.get(`/api/v1/residents/${other.id}/schooling`).expect(200)).body.status).toBe(
      'ENROLLED_FOREIGN_SCHOOL',
    );

    // PESO never sees any of it, not even that it exists; a report viewer neither.
    await counselor.get(`/api/v1/residents/${child.id}/schooling`).expect(404);
    await counselor.get('/api/v1/school-age-children').expect(404);
    await counselor.get('/api/v1/schools').expect(404);
    await counselor
      .post(`/api/v1/residents/${child.id}/school-guide-responses`, { schoolYear: year, response: 'LEAVING' })
      .expect(404);
    await reports.get(`/api/v1/residents/${child.id}/schooling`).expect(404);
    const audited = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'schooling.read' AND resident_id = $1`,
      [child.id],
    );
    expect(audited[0].n).toBeGreaterThanOrEqual(4);
  });

  it('lists the school-age roster with each category, and flags the children who need a visit', async () => {
    const preschool = await createResident(caseworker, {
      familyName: 'KIM',
      givenName: 'MINA',
      birthDate: `${year - 4}-06-01`,
    });
    const notEnrolled = await createResident(caseworker, {
      familyName: 'TRAN',
      givenName: 'AN',
      birthDate: bornForGrade(8),
    });
    const newcomer = await createResident(caseworker, {
      familyName: 'GURUNG',
      givenName: 'BIKASH',
      birthDate: bornForGrade(2),
      movedInOn: addDays(today, -40),
    });
    await school
      .put(`/api/v1/residents/${notEnrolled.id}/schooling-status/${year}`, {
        status: 'NOT_ENROLLED',
        source: 'HOME_VISIT',
      })
      .expect(200);

    const all: Array<{ residentId: string; status: string; stage: string; grade: number }> = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await school
        .get(`/api/v1/school-age-children?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const ids = all.map((c) => c.residentId);
    expect(ids).not.toContain(preschool.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(all.find((c) => c.residentId === notEnrolled.id)).toMatchObject({
      status: 'NOT_ENROLLED',
      stage: 'LOWER_SECONDARY',
      grade: 2,
    });
    const filtered = await school.get('/api/v1/school-age-children?status=NOT_ENROLLED').expect(200);
    expect(filtered.body.items.map((c: { residentId: string }) => c.residentId)).toEqual([notEnrolled.id]);
    const longAbsent = await school.get('/api/v1/school-age-children?longAbsence=true').expect(200);
    expect(longAbsent.body.items).toHaveLength(1);

    const alerts = t.app.get(AlertsService);
    await alerts.evaluateResidents([notEnrolled.id, newcomer.id]);
    const open: Array<{ rule_code: string; resident_id: string }> = await t.dataSource.query(
      `SELECT rule_code, resident_id FROM alert WHERE status = 'OPEN' AND rule_code LIKE '%CHILD%' ORDER BY rule_code`,
    );
    expect(open).toEqual(
      expect.arrayContaining([
        { rule_code: 'CHILD_NOT_ENROLLED', resident_id: notEnrolled.id },
        { rule_code: 'NEWCOMER_CHILD_NO_SCHOOL_30D', resident_id: newcomer.id },
      ]),
    );
    // The board sees them; the city's caseworkers and PESO do not work these alerts.
    const boardAlerts = await school.get(`/api/v1/alerts?residentId=${newcomer.id}`).expect(200);
    expect(boardAlerts.body.items.map((a: { ruleCode: string }) => a.ruleCode)).toContain(
      'NEWCOMER_CHILD_NO_SCHOOL_30D',
    );
  });

  it('answers the MEXT survey as JSON, CSV and XLSX, the categories adding up to the total', async () => {
    const survey = await school.get(`/api/v1/schooling/mext-survey?on=${today}`).expect(200);
    const rows = new Map<string, { elementary: number; lowerSecondary: number; total: number }>(
      survey.body.rows.map((row: { category: string }) => [row.category, row]),
    );
    const parts = [
      'ENROLLED_COMPULSORY',
      'ENROLLED_FOREIGN_SCHOOL',
      'NOT_ENROLLED',
      'MOVED_OR_LEFT',
      'UNCONFIRMED',
      'NOT_TRACKED',
    ];
    expect(parts.reduce((sum, code) => sum + rows.get(code)!.total, 0)).toBe(rows.get('TOTAL')!.total);
    expect(rows.get('TOTAL')!.total).toBeGreaterThanOrEqual(4);
    expect(rows.get('POSSIBLY_NOT_ENROLLED')!.total).toBe(
      rows.get('NOT_ENROLLED')!.total + rows.get('UNCONFIRMED')!.total + rows.get('NOT_TRACKED')!.total,
    );
    const csv = await school.get(`/api/v1/schooling/mext-survey.csv?on=${today}`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toBe('category,label,elementary,lower_secondary,total');
    const xlsx = await school
      .get(`/api/v1/schooling/mext-survey.xlsx?on=${today}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(3).getCell(2).value).toBe('TOTAL');
    expect(sheet.getRow(3).getCell(5).value).toBe(rows.get('TOTAL')!.total);
    // Aggregates for a report viewer; nothing for PESO.
    await reports.get(`/api/v1/schooling/mext-survey?on=${today}`).expect(200);
    await counselor.get(`/api/v1/schooling/mext-survey?on=${today}`).expect(404);
  });
});

describe('schooling at the scale of a city', () => {
  let t: TestApp;
  let school: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    school = await login(t.http, DEMO.school);
  });
  afterAll(async () => {
    await t.close();
  });

  it('puts every child of a 100,000-resident city in exactly one MEXT category, adding up to the total', async () => {
    // 100,000 residents aged 0–60, 2% of them moved out, 1% unregistered; then schools, enrolments and
    // statuses for a random share of the children.
    await t.dataSource.query(
      `INSERT INTO resident (municipality_code, resident_key, family_name, given_name, birth_date, sex, nationality,
                             registry_category, moved_in_on, moved_out_on)
       SELECT $1, CASE WHEN i % 100 = 0 THEN NULL ELSE 'C' || i END, 'FAMILY' || i, 'GIVEN', 
              $2::date - (i * 7919 % 21900), CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END, 'BR',
              CASE WHEN i % 100 = 0 THEN 'NOT_REGISTERED' ELSE 'MID_LONG_TERM' END,
              $2::date - 30 - (i % 900), CASE WHEN i % 50 = 0 THEN $2::date - (i % 30) - 1 END
         FROM generate_series(1, 100000) AS i`,
      [CITY, today],
    );
    const [compulsory] = await t.dataSource.query(
      `INSERT INTO school (municipality_code, code, name, kind) VALUES ($1, 'P1', 'Public', 'PUBLIC_ELEMENTARY'),
              ($1, 'F1', 'Foreign', 'FOREIGN_SCHOOL') RETURNING id`,
      [CITY],
    );
    const [foreign] = await t.dataSource.query(`SELECT id FROM school WHERE code = 'F1'`);
    await t.dataSource.query(
      `INSERT INTO school_enrollment (resident_id, school_id, from_date, to_date)
       SELECT id, CASE WHEN abs(hashtext(id::text)) % 7 = 0 THEN $2::uuid ELSE $1::uuid END, $3::date - 400,
              CASE WHEN abs(hashtext(id::text)) % 11 = 0 THEN $3::date - 10 END
         FROM resident WHERE birth_date > $3::date - 16 * 365 AND abs(hashtext(id::text)) % 10 < 8`,
      [compulsory.id, foreign.id, today],
    );
    await t.dataSource.query(
      `INSERT INTO schooling_status (resident_id, school_year, municipality_code, status, source, confirmed_on)
       SELECT id, $2, $1, (ARRAY['NOT_ENROLLED', 'MOVED_OR_LEFT', 'UNCONFIRMED', 'ENROLLED_FOREIGN_SCHOOL'])[1 + abs(hashtext(id::text || 's')) % 4],
              'MANUAL', $3::date
         FROM resident WHERE birth_date > $3::date - 16 * 365 AND abs(hashtext(id::text || 'x')) % 3 = 0`,
      [CITY, year, today],
    );

    const survey = (await school.get(`/api/v1/schooling/mext-survey?on=${today}`).expect(200)).body;
    const row = (category: string) => survey.rows.find((r: { category: string }) => r.category === category);
    const parts = [
      'ENROLLED_COMPULSORY',
      'ENROLLED_FOREIGN_SCHOOL',
      'NOT_ENROLLED',
      'MOVED_OR_LEFT',
      'UNCONFIRMED',
      'NOT_TRACKED',
    ];
    for (const column of ['elementary', 'lowerSecondary', 'total'] as const) {
      expect(parts.reduce((sum, code) => sum + row(code)[column], 0)).toBe(row('TOTAL')[column]);
    }
    // The total is the register's school-age children, counted independently of the categories.
    const [{ registered }] = await t.dataSource.query(
      `SELECT count(*)::int AS registered FROM resident
        WHERE municipality_code = $1 AND registry_category <> 'NOT_REGISTERED'
          AND birth_date > make_date($2 - 15, 4, 1) AND birth_date <= make_date($2 - 6, 4, 1)
          AND (moved_out_on IS NULL OR moved_out_on > $3::date) AND (moved_in_on IS NULL OR moved_in_on <= $3::date)`,
      [CITY, year, today],
    );
    expect(row('TOTAL').total).toBe(registered);
    expect(registered).toBeGreaterThan(10_000);
    for (const code of parts) expect(row(code).total).toBeGreaterThan(0);

    // Every child in exactly one category: the roster, read to the end, lists each child once.
    const seen = new Map<string, string>();
    let cursor: string | null = null;
    do {
      const page: request.Response = await school
        .get(`/api/v1/school-age-children?limit=200&on=${today}${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      for (const child of page.body.items) {
        expect(seen.has(child.residentId)).toBe(false);
        seen.set(child.residentId, child.status);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    // The roster also lists children living here unregistered; the survey counts the register.
    const [{ unregistered }] = await t.dataSource.query(
      `SELECT count(*)::int AS unregistered FROM resident
        WHERE municipality_code = $1 AND registry_category = 'NOT_REGISTERED'
          AND birth_date > make_date($2 - 15, 4, 1) AND birth_date <= make_date($2 - 6, 4, 1)
          AND (moved_out_on IS NULL OR moved_out_on > $3::date) AND (moved_in_on IS NULL OR moved_in_on <= $3::date)`,
      [CITY, year, today],
    );
    expect(seen.size).toBe(registered + unregistered);
  }, 300_000);

  it('sends the enrolment guide to 10,000 guardians once each, even when the dispatch runs twice', async () => {
    const entrants = `${year + 1 - 7}-09-01`;
    await t.dataSource.query(
      `WITH g AS (
         INSERT INTO resident (municipality_code, resident_key, family_name, given_name, birth_date, sex, nationality,
                               registry_category, moved_in_on, preferred_language)
         SELECT $1, 'G' || i, 'PARENT' || i, 'P', '1990-01-01', 'F', 'VN', 'MID_LONG_TERM', '2020-01-01',
                (ARRAY['vi', 'pt', 'en', 'zh'])[1 + i % 4]
           FROM generate_series(1, 10000) AS i RETURNING id, resident_key),
       c AS (
         INSERT INTO resident (municipality_code, resident_key, family_name, given_name, birth_date, sex, nationality,
                               registry_category, moved_in_on)
         SELECT $1, 'K' || i, 'CHILD' || i, 'KID' || i, $2::date, 'M', 'VN', 'MID_LONG_TERM', '2020-01-01'
           FROM generate_series(1, 10000) AS i RETURNING id, resident_key)
       INSERT INTO guardian_link (child_id, guardian_id)
       SELECT c.id, g.id FROM c JOIN g ON substr(g.resident_key, 2) = substr(c.resident_key, 2)`,
      [CITY, entrants],
    );
    const guide = t.app.get(SchoolGuideService);
    const first = await school.post('/api/v1/school-guide-dispatches', { schoolYear: year + 1 }).expect(202);
    const second = await school.post('/api/v1/school-guide-dispatches', { schoolYear: year + 1 }).expect(202);
    const progress: number[] = [];
    const done = await guide.run(first.body.id, async (percent) => void progress.push(percent));
    expect(done).toMatchObject({ status: 'DONE', guardians: 10_000, queued: 10_000 });
    expect(progress.at(-1)).toBe(100);
    // The same job retried, and a second dispatch of the same year: nothing more goes out.
    expect(await guide.run(first.body.id, async () => undefined)).toMatchObject({ status: 'DONE', queued: 0 });
    expect(await guide.run(second.body.id, async () => undefined)).toMatchObject({ guardians: 10_000, queued: 0 });

    const [{ guides, distinctGuardians }] = await t.dataSource.query(
      `SELECT count(*)::int AS guides, count(DISTINCT resident_id)::int AS "distinctGuardians"
         FROM notification WHERE purpose = 'SCHOOL_GUIDE'`,
    );
    expect({ guides, distinctGuardians }).toEqual({ guides: 10_000, distinctGuardians: 10_000 });
    const [{ recipients }] = await t.dataSource.query(
      `SELECT count(*)::int AS recipients FROM school_guide_recipient WHERE school_year = $1`,
      [year + 1],
    );
    expect(recipients).toBe(10_000);
    const languages: Array<{ language: string; n: number }> = await t.dataSource.query(
      `SELECT language, count(*)::int AS n FROM notification WHERE purpose = 'SCHOOL_GUIDE' GROUP BY 1 ORDER BY 1`,
    );
    expect(languages).toEqual([
      { language: 'en', n: 2_500 },
      { language: 'pt', n: 2_500 },
      { language: 'vi', n: 2_500 },
      { language: 'zh', n: 2_500 },
    ]);
    const status = await school.get(`/api/v1/school-guide-dispatches/${second.body.id}`).expect(200);
    expect(status.body).toMatchObject({ status: 'DONE', queued: 0 });

    // Sixty days on, children with no answer and no schooling on record are flagged for a home visit;
    // an answer clears the flag.
    const kids: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM resident WHERE family_name IN ('CHILD1', 'CHILD2', 'CHILD3') ORDER BY family_name`,
    );
    const alerts = t.app.get(AlertsService);
    const later = { municipalityCode: CITY, on: addDays(today, 61), residentIds: kids.map((k) => k.id) };
    expect(await alerts.evaluate('CHILD_SCHOOL_STATUS_UNCONFIRMED', later)).toEqual({ opened: 3, resolved: 0 });
    expect(await alerts.evaluate('CHILD_SCHOOL_STATUS_UNCONFIRMED', { ...later, on: addDays(today, 30) })).toEqual({
      opened: 0,
      resolved: 3,
    });
    await alerts.evaluate('CHILD_SCHOOL_STATUS_UNCONFIRMED', later);
    await school
      .post(`/api/v1/residents/${kids[0].id}/school-guide-responses`, {
        schoolYear: year + 1,
        response: 'INTENDS_TO_ENROLL',
      })
      .expect(201);
    expect(await alerts.evaluate('CHILD_SCHOOL_STATUS_UNCONFIRMED', later)).toEqual({ opened: 0, resolved: 1 });
  }, 600_000);
});
