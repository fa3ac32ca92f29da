import { DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe("international students' job hunting and the 28-hour limit", () => {
  let t: TestApp;
  let counselor: SignedIn;
  let student: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    const caseworker = await login(t.http, DEMO.caseworker);
    student = (await createResident(caseworker, { familyName: 'LE', statusCode: 'STUDENT', birthDate: '2003-04-04' }))
      .id;
    counselor = await login(t.http, DEMO.counselor);
  });
  afterAll(() => t.close());

  it('keeps the job-hunting record of a student with a version, and refuses it for other statuses', async () => {
    const path = `/api/v1/residents/${student}/job-hunting`;
    expect((await counselor.get(path).expect(200)).body).toMatchObject({ status: null, version: 0 });
    const saved = await counselor
      .put(path, {
        version: 0,
        status: 'OFFER_RECEIVED',
        schoolName: '静岡文化芸術大学',
        graduationDate: '2027-03-20',
        changeNeeded: true,
        targetStatusCode: 'ENGINEER_HUMANITIES',
        longVacations: [{ from: '2026-08-01', to: '2026-09-20' }],
      })
      .expect(200);
    expect(saved.body).toMatchObject({ status: 'OFFER_RECEIVED', targetStatusCode: 'ENGINEER_HUMANITIES', version: 1 });
    const stale = await counselor.put(path, { version: 0, status: 'SEARCHING' });
    expect(stale.status).toBe(409);

    const caseworker = await login(t.http, DEMO.caseworker);
    const worker = (await createResident(caseworker, { familyName: 'DO', statusCode: 'LONG_TERM' })).id;
    const refused = await counselor.put(`/api/v1/residents/${worker}/job-hunting`, { version: 0, status: 'SEARCHING' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('residentId');
  });

  it('checks part-time hours over any 7 days, and 8 hours a day in the long vacation', async () => {
    const path = `/api/v1/residents/${student}/part-time-hours`;
    // Friday to Thursday: 32 hours, although no Monday-to-Sunday week has more than 24.
    const checked = await counselor
      .post(path, {
        days: [
          { date: '2026-11-06', hours: 8, employerName: 'コンビニ' },
          { date: '2026-11-07', hours: 8, employerName: 'コンビニ' },
          { date: '2026-11-09', hours: 4, employerName: 'コンビニ' },
          { date: '2026-11-09', hours: 4, employerName: '居酒屋' },
          { date: '2026-11-12', hours: 8, employerName: '居酒屋' },
        ],
      })
      .expect(201);
    expect(checked.body.breaches).toEqual([
      { from: '2026-11-06', to: '2026-11-12', hours: 32, limit: 28, rule: 'WEEKLY_28' },
    ]);
    // Correcting a day replaces it.
    const corrected = await counselor.post(path, { days: [{ date: '2026-11-12', hours: 4, employerName: '居酒屋' }] });
    expect(corrected.body.breaches).toEqual([]);

    await counselor
      .post(path, { days: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2026-08-0${d}`, hours: 8 })) })
      .expect(201);
    const summer = await counselor.get(`${path}?from=2026-08-01&to=2026-08-31`).expect(200);
    expect(summer.body.days).toHaveLength(7);
    expect(summer.body.breaches).toEqual([]);
    const long = await counselor.post(path, { days: [{ date: '2026-08-10', hours: 9 }] }).expect(201);
    expect(long.body.breaches).toEqual([
      { from: '2026-08-10', to: '2026-08-10', hours: 9, limit: 8, rule: 'VACATION_DAILY_8' },
    ]);

    const bad = await counselor.post(path, { days: [{ date: '2026-11-31', hours: 4 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toMatch(/days/);
  });

  it('records foreign credentials with how far they were verified; the city sees them, the school does not', async () => {
    const path = `/api/v1/residents/${student}/credentials`;
    const evaluated = await counselor
      .post(path, {
        title: 'Bachelor of Engineering (Mechanical)',
        issuingCountry: 'VN',
        issuer: 'Hanoi University of Science and Technology',
        iscedLevel: 6,
        awardedOn: '2024-06-30',
        verification: 'EVALUATED',
        evaluator: 'FCE desk, Shizuoka',
      })
      .expect(201);
    expect(evaluated.body).toMatchObject({ verification: 'EVALUATED', iscedLevel: 6, version: 1 });
    const noEvaluator = await counselor.post(path, {
      title: 'JLPT N2',
      issuingCountry: 'JP',
      verification: 'EVALUATED',
    });
    expect(noEvaluator.status).toBe(400);
    expect(noEvaluator.body.errors[0].field).toBe('evaluator');
    const online = await counselor.post(path, {
      title: 'Welding level 2',
      issuingCountry: 'PH',
      verification: 'VERIFIED_ONLINE',
    });
    expect(online.status).toBe(400);
    expect(online.body.errors[0].field).toBe('onlineRecordRef');
    const badLevel = await counselor.post(path, {
      title: 'X',
      issuingCountry: 'VN',
      iscedLevel: 9,
      verification: 'CLAIMED',
    });
    expect(badLevel.status).toBe(400);
    expect(badLevel.body.errors[0].field).toBe('iscedLevel');

    const caseworker = await login(t.http, DEMO.caseworker);
    const seen = await caseworker.get(path).expect(200);
    expect(seen.body.map((c: { title: string }) => c.title)).toEqual(['Bachelor of Engineering (Mechanical)']);
    await caseworker.post(path, { title: 'X', issuingCountry: 'VN', verification: 'CLAIMED' }).expect(403);
    const school = await login(t.http, DEMO.school);
    await school.get(path).expect(403);
  });
});
