import { createCity, createUser, DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('coverage periods', () => {
  let t: TestApp;
  let caseworker: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    caseworker = await login(t.http, DEMO.caseworker);
  });
  afterAll(() => t.close());

  it('records periods and refuses one that overlaps the same scheme, naming the conflicting period', async () => {
    const resident = await createResident(caseworker);
    const path = `/api/v1/residents/${resident.id}/coverage-periods`;
    const nhi = await caseworker
      .post(path, {
        scheme: 'NHI',
        role: 'INSURED',
        startDate: '2024-01-01',
        source: 'CITY_NHI_ROLL',
        evidenceRef: 'roll 2024-01 line 17',
      })
      .expect(201);
    expect(nhi.body).toMatchObject({
      scheme: 'NHI',
      startDate: '2024-01-01',
      endDate: null,
      source: 'CITY_NHI_ROLL',
      version: 1,
    });

    const overlapping = await caseworker.post(path, { scheme: 'NHI', role: 'INSURED', startDate: '2025-04-01' });
    expect(overlapping.status).toBe(409);
    expect(overlapping.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(overlapping.body.conflictingPeriod).toMatchObject({
      id: nhi.body.id,
      startDate: '2024-01-01',
      endDate: null,
    });

    // Another scheme at the same time, and the same scheme before, are fine.
    await caseworker.post(path, { scheme: 'NP', role: 'NP_CATEGORY_1', startDate: '2024-01-01' }).expect(201);
    await caseworker
      .post(path, { scheme: 'NHI', role: 'INSURED', startDate: '2023-01-01', endDate: '2023-12-31' })
      .expect(201);
    // The last day counts: a period ending on the day the open one starts overlaps it.
    const touching = await caseworker.post(path, {
      scheme: 'NHI',
      role: 'INSURED',
      startDate: '2022-06-01',
      endDate: '2023-01-01',
    });
    expect(touching.status).toBe(409);

    const list = await caseworker.get(path).expect(200);
    expect(list.body.map((p: { scheme: string; startDate: string }) => `${p.scheme} ${p.startDate}`)).toEqual([
      'NHI 2023-01-01',
      'NHI 2024-01-01',
      'NP 2024-01-01',
    ]);
    const [audit] = await t.dataSource.query(
      `SELECT actor_user_id, resident_id FROM audit_event WHERE action = 'coverage.create' ORDER BY at DESC LIMIT 1`,
    );
    expect(audit).toEqual({ actor_user_id: caseworker.user.id, resident_id: resident.id });

    // The database refuses an overlap even from a write that skips the service.
    await expect(
      t.dataSource.query(
        `INSERT INTO coverage_period (resident_id, municipality_code, scheme, role, start_date, source)
         VALUES ($1, '221309', 'NHI', 'INSURED', '2026-01-01', 'MANUAL')`,
        [resident.id],
      ),
    ).rejects.toThrow(/coverage_period_no_overlap/);
  });

  it('ends, reopens and corrects a period, refusing a stale version and a change that would overlap', async () => {
    const resident = await createResident(caseworker);
    const path = `/api/v1/residents/${resident.id}/coverage-periods`;
    const nhi = (await caseworker.post(path, { scheme: 'NHI', role: 'INSURED', startDate: '2023-04-01' }).expect(201))
      .body;
    // The resident joined an employer's scheme: NHI ends the day before, and the next NHI can start.
    const ended = await caseworker.patch(`${path}/${nhi.id}`, { version: 1, endDate: '2024-09-30' }).expect(200);
    expect(ended.body).toMatchObject({ endDate: '2024-09-30', version: 2 });
    const later = (await caseworker.post(path, { scheme: 'NHI', role: 'INSURED', startDate: '2025-04-01' }).expect(201))
      .body;

    const stale = await caseworker.patch(`${path}/${nhi.id}`, { version: 1, endDate: '2024-10-31' });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toContain('version-conflict');
    // Reopening the first period would run into the later one: refused, naming it.
    const reopen = await caseworker.patch(`${path}/${nhi.id}`, { version: 2, endDate: null });
    expect(reopen.status).toBe(409);
    expect(reopen.body.conflictingPeriod).toMatchObject({ id: later.id, startDate: '2025-04-01' });
    const backwards = await caseworker.patch(`${path}/${nhi.id}`, { version: 2, endDate: '2023-01-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([{ field: 'endDate', reason: 'must not be before startDate' }]);

    const corrected = await caseworker
      .patch(`${path}/${nhi.id}`, { version: 2, role: 'DEPENDANT', evidenceRef: 'card copy 2023-04' })
      .expect(200);
    expect(corrected.body).toMatchObject({ role: 'DEPENDANT', endDate: '2024-09-30', version: 3 });
    const [audit] = await t.dataSource.query(
      `SELECT diff FROM audit_event WHERE action = 'coverage.update' AND entity_id = $1 ORDER BY at DESC LIMIT 1`,
      [nhi.id],
    );
    expect(audit.diff).toEqual({ role: ['INSURED', 'DEPENDANT'], evidenceRef: [null, 'card copy 2023-04'] });
    await caseworker.patch(`${path}/00000000-0000-4000-8000-000000000000`, { version: 1 }).expect(404);
  });

  it('refuses bad periods with the field, and hides residents of other offices', async () => {
    const resident = await createResident(caseworker);
    const path = `/api/v1/residents/${resident.id}/coverage-periods`;
    const backwards = await caseworker.post(path, {
      scheme: 'EHI',
      role: 'INSURED',
      startDate: '2025-05-01',
      endDate: '2025-04-30',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([{ field: 'endDate', reason: 'must not be before startDate' }]);
    const unknownScheme = await caseworker.post(path, { scheme: 'DENTAL', role: 'INSURED', startDate: '2025-05-01' });
    expect(unknownScheme.status).toBe(400);
    expect(unknownScheme.body.errors[0].field).toBe('scheme');

    const otherCity = await createCity(t, '131016');
    const stranger = await login(t.http, (await createUser(t, otherCity.id, ['CITY_CASEWORKER'])).email);
    await stranger.get(path).expect(404);
    await stranger.post(path, { scheme: 'NHI', role: 'INSURED', startDate: '2025-01-01' }).expect(404);
    const counselor = await login(t.http, DEMO.counselor);
    await counselor.get(path).expect(403);
  });

  it("shows a resident's obligations on a date beside the coverage on record, and the gaps", async () => {
    const resident = await createResident(caseworker, { birthDate: '1990-05-10', statusCode: 'LONG_TERM' });
    const on = (date: string) => caseworker.get(`/api/v1/residents/${resident.id}/obligations?on=${date}`);
    const before = await on('2025-01-01').expect(200);
    const bySchemeBefore = new Map(before.body.map((r: { scheme: string }) => [r.scheme, r]));
    expect(bySchemeBefore.get('NHI')).toMatchObject({ required: true, covered: false, gap: true });
    expect(bySchemeBefore.get('NP')).toMatchObject({ required: true, covered: false, gap: true });
    // Employment facts are not on record yet: the employees' schemes say so instead of guessing.
    expect(bySchemeBefore.get('EI')).toMatchObject({ required: 'unknown', gap: null });

    await caseworker
      .post(`/api/v1/residents/${resident.id}/coverage-periods`, {
        scheme: 'NHI',
        role: 'INSURED',
        startDate: '2024-06-01',
      })
      .expect(201);
    const after = new Map((await on('2025-01-01').expect(200)).body.map((r: { scheme: string }) => [r.scheme, r]));
    expect(after.get('NHI')).toMatchObject({ required: true, covered: true, gap: false });
    // The day before the period began it was a gap.
    const earlier = new Map((await on('2024-05-31').expect(200)).body.map((r: { scheme: string }) => [r.scheme, r]));
    expect(earlier.get('NHI')).toMatchObject({ covered: false, gap: true });

    await caseworker.get(`/api/v1/residents/${resident.id}/obligations?on=2025-02-30`).expect(400);
    const [audit] = await t.dataSource.query(
      `SELECT resident_id FROM audit_event WHERE action = 'obligations.read' ORDER BY at DESC LIMIT 1`,
    );
    expect(audit.resident_id).toBe(resident.id);
  });
});
