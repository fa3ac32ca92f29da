import { fiscalYearOf, officeDate } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { createCity, createUser, DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('pension relief and social security agreements', () => {
  let t: TestApp;
  let caseworker: SignedIn;
  const thisFiscalYear = fiscalYearOf(officeDate(new Date()));

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    caseworker = await login(t.http, DEMO.caseworker);
  });
  afterAll(() => t.close());

  it('records reliefs and lists them latest year first, auditing both', async () => {
    const resident = await createResident(caseworker);
    const path = `/api/v1/residents/${resident.id}/pension-reliefs`;
    const student = await caseworker
      .post(path, {
        fiscalYear: 2024,
        kind: 'STUDENT_DEFERRAL',
        decidedOn: '2024-05-20',
        evidenceRef: 'notice 24-1187',
      })
      .expect(201);
    expect(student.body).toEqual({
      id: expect.any(String),
      residentId: resident.id,
      fiscalYear: 2024,
      kind: 'STUDENT_DEFERRAL',
      decidedOn: '2024-05-20',
      status: 'APPROVED',
      evidenceRef: 'notice 24-1187',
      version: 1,
      createdAt: expect.any(String),
    });
    await caseworker.post(path, { fiscalYear: 2025, kind: 'EXEMPTION_HALF', status: 'APPLIED' }).expect(201);
    // Another kind in the same year is a separate record; the coming fiscal year is accepted.
    await caseworker.post(path, { fiscalYear: 2024, kind: 'EXEMPTION_FULL', status: 'REJECTED' }).expect(201);
    await caseworker.post(path, { fiscalYear: thisFiscalYear + 1, kind: 'DEFERRAL' }).expect(201);

    const list = await caseworker.get(path).expect(200);
    expect(
      list.body.map((r: { fiscalYear: number; kind: string; status: string }) => `${r.fiscalYear} ${r.kind}`),
    ).toEqual([
      `${thisFiscalYear + 1} DEFERRAL`,
      '2025 EXEMPTION_HALF',
      '2024 EXEMPTION_FULL',
      '2024 STUDENT_DEFERRAL',
    ]);
    expect(list.body[1]).toMatchObject({ status: 'APPLIED', decidedOn: null, evidenceRef: null });

    const [stored] = await t.dataSource.query(
      `SELECT municipality_code, recorded_by_user_id FROM pension_relief WHERE id = $1`,
      [student.body.id],
    );
    expect(stored).toEqual({ municipality_code: '221309', recorded_by_user_id: caseworker.user.id });
    const events = await t.dataSource.query(
      `SELECT action, entity, entity_id, actor_user_id, diff FROM audit_event
        WHERE resident_id = $1 AND action LIKE 'pension-relief.%' ORDER BY at, action`,
      [resident.id],
    );
    expect(events.filter((e: { action: string }) => e.action === 'pension-relief.create')).toHaveLength(4);
    expect(events[0]).toEqual({
      action: 'pension-relief.create',
      entity: 'pension_relief',
      entity_id: student.body.id,
      actor_user_id: caseworker.user.id,
      diff: { fiscalYear: 2024, kind: 'STUDENT_DEFERRAL', status: 'APPROVED' },
    });
    expect(events.at(-1)).toMatchObject({
      action: 'pension-relief.read',
      entity: 'resident',
      entity_id: resident.id,
      actor_user_id: caseworker.user.id,
    });
  });

  it('refuses a second record of the same year and kind, naming the existing one', async () => {
    const resident = await createResident(caseworker);
    const path = `/api/v1/residents/${resident.id}/pension-reliefs`;
    const first = await caseworker.post(path, { fiscalYear: 2025, kind: 'EXEMPTION_1_4' }).expect(201);
    const again = await caseworker.post(path, { fiscalYear: 2025, kind: 'EXEMPTION_1_4', status: 'APPLIED' });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body).toMatchObject({ status: 409, type: 'urn:kyosei:problem:pension-relief-exists' });
    expect(again.body.existing).toEqual(first.body);
    // The refused write left no audit event behind.
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_event WHERE resident_id = $1 AND action = 'pension-relief.create'`,
      [resident.id],
    );
    expect(count).toBe(1);
  });

  it('refuses bad fields with the field named', async () => {
    const resident = await createResident(caseworker);
    const path = `/api/v1/residents/${resident.id}/pension-reliefs`;
    for (const fiscalYear of [1960, thisFiscalYear + 2, 2024.5, '2024']) {
      const response = await caseworker.post(path, { fiscalYear, kind: 'EXEMPTION_FULL' });
      expect({ fiscalYear, status: response.status }).toEqual({ fiscalYear, status: 400 });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('fiscalYear');
    }
    const badKind = await caseworker.post(path, { fiscalYear: 2024, kind: 'FULL_WAIVER' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.errors.map((e: { field: string }) => e.field)).toEqual(['kind']);
    const badDate = await caseworker.post(path, { fiscalYear: 2024, kind: 'EXEMPTION_FULL', decidedOn: '2025-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0].field).toBe('decidedOn');
    await caseworker.get('/api/v1/residents/not-a-uuid/pension-reliefs').expect(400);
    await caseworker.get(`/api/v1/residents/${randomUUID()}/pension-reliefs`).expect(404);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM pension_relief WHERE resident_id = $1`,
      [resident.id],
    );
    expect(count).toBe(0);
  });

  it('hides residents of other offices and keeps the records from PESO counselors', async () => {
    const resident = await createResident(caseworker);
    const path = `/api/v1/residents/${resident.id}/pension-reliefs`;
    await caseworker.post(path, { fiscalYear: 2024, kind: 'LEGAL_EXEMPTION' }).expect(201);

    const otherCity = await createCity(t, '131016');
    const stranger = await login(t.http, (await createUser(t, otherCity.id, ['CITY_CASEWORKER'])).email);
    const hidden = await stranger.get(path);
    expect(hidden.status).toBe(404);
    expect(hidden.headers['content-type']).toMatch(/application\/problem\+json/);
    await stranger.post(path, { fiscalYear: 2025, kind: 'LEGAL_EXEMPTION' }).expect(404);

    const counselor = await login(t.http, DEMO.counselor);
    await counselor.get(path).expect(403);
    await counselor.post(path, { fiscalYear: 2025, kind: 'LEGAL_EXEMPTION' }).expect(403);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM pension_relief WHERE resident_id = $1`,
      [resident.id],
    );
    expect(count).toBe(1);
  });

  it('lists the social security agreements from the rules, for caseworkers and counselors', async () => {
    const counselor = await login(t.http, DEMO.counselor);
    const forCaseworker = await caseworker.get('/api/v1/social-security-agreements').expect(200);
    const forCounselor = await counselor.get('/api/v1/social-security-agreements').expect(200);
    expect(forCounselor.body).toEqual(forCaseworker.body);
    const byCountry = new Map(forCaseworker.body.map((a: { country: string }) => [a.country, a]));
    expect(byCountry.get('DE')).toEqual({
      country: 'DE',
      name: { ja: 'ドイツ', en: 'Germany' },
      inForceFrom: '2000-02-01',
      pensionTotalisation: true,
      coversHealth: false,
      ruleId: 'SSA-DE-2000-02',
    });
    expect(byCountry.get('US')).toMatchObject({ inForceFrom: '2005-10-01', coversHealth: true });
    expect(byCountry.get('KR')).toMatchObject({ pensionTotalisation: false });

    const school = await login(t.http, DEMO.school);
    await school.get('/api/v1/social-security-agreements').expect(403);
  });
});
