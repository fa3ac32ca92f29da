import { createPeso, createUser, DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('PESO counseling and referrals to work', () => {
  let t: TestApp;
  let counselor: SignedIn;
  let residentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    const caseworker = await login(t.http, DEMO.caseworker);
    residentId = (await createResident(caseworker, { familyName: 'PHAM', nationality: 'VN' })).id;
    counselor = await login(t.http, DEMO.counselor);
  });
  afterAll(() => t.close());

  it('records counseling sessions with their languages and next step, audited', async () => {
    const path = `/api/v1/residents/${residentId}/counseling-sessions`;
    const created = await counselor
      .post(path, {
        heldOn: '2026-11-20',
        topics: ['JOB_SEARCH', 'JAPANESE_LANGUAGE'],
        languages: ['vi', 'ja-easy'],
        interpreter: true,
        outcome: 'Wants factory work near Hamamatsu station; N4 level.',
        nextStepOn: '2026-12-04',
      })
      .expect(201);
    expect(created.body).toMatchObject({ interpreter: true, languages: ['vi', 'ja-easy'], nextStepOn: '2026-12-04' });
    const list = await counselor.get(path).expect(200);
    expect(list.body.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
    const [audit] = await t.dataSource.query(
      `SELECT actor_user_id, resident_id FROM audit_event WHERE action = 'counseling.create'`,
    );
    expect(audit).toEqual({ actor_user_id: counselor.user.id, resident_id: residentId });

    const badTopic = await counselor.post(path, { heldOn: '2026-11-20', topics: ['GOSSIP'] });
    expect(badTopic.status).toBe(400);
    expect(badTopic.body.errors[0].field).toBe('topics');
    const badLanguage = await counselor.post(path, {
      heldOn: '2026-11-20',
      topics: ['OTHER'],
      languages: ['vietnamese'],
    });
    expect(badLanguage.status).toBe(400);
    expect(badLanguage.body.errors[0].field).toBe('languages');
  });

  it('refers to a job and a training course and follows them, refusing a stale or impossible status', async () => {
    const path = `/api/v1/residents/${residentId}/referrals-to-work`;
    const job = await counselor
      .post(path, { kind: 'JOB', referredOn: '2026-11-21', vacancyRef: '22010-12345671', employerName: '浜松製作所' })
      .expect(201);
    expect(job.body).toMatchObject({ status: 'REFERRED', version: 1, vacancyRef: '22010-12345671' });
    const interview = await counselor
      .patch(`/api/v1/referrals-to-work/${job.body.id}`, { version: 1, status: 'INTERVIEW' })
      .expect(200);
    expect(interview.body).toMatchObject({ status: 'INTERVIEW', version: 2 });
    const stale = await counselor.patch(`/api/v1/referrals-to-work/${job.body.id}`, { version: 1, status: 'HIRED' });
    expect(stale.status).toBe(409);
    const wrong = await counselor.patch(`/api/v1/referrals-to-work/${job.body.id}`, { version: 2, status: 'ENROLLED' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('status');

    const noCourse = await counselor.post(path, { kind: 'TRAINING', referredOn: '2026-11-21' });
    expect(noCourse.status).toBe(400);
    expect(noCourse.body.errors[0].field).toBe('courseName');
    await counselor
      .post(path, {
        kind: 'TRAINING',
        referredOn: '2026-11-22',
        courseName: '介護職員初任者研修（ベトナム語通訳付き）',
        languageSupport: ['vi'],
      })
      .expect(201);
    const list = await counselor.get(path).expect(200);
    expect(list.body.map((r: { kind: string; status: string }) => `${r.kind} ${r.status}`)).toEqual([
      'TRAINING REFERRED',
      'JOB INTERVIEW',
    ]);
  });

  it('keeps the record to the office: others get 404, the city 403', async () => {
    const stranger = await login(
      t.http,
      (await createUser(t, (await createPeso(t, ['131016'])).id, ['PESO_COUNSELOR'])).email,
    );
    await stranger.get(`/api/v1/residents/${residentId}/counseling-sessions`).expect(404);
    // Another PESO serving the same city does not see this office's sessions.
    const neighbour = await login(
      t.http,
      (await createUser(t, (await createPeso(t, ['221309'])).id, ['PESO_COUNSELOR'])).email,
    );
    expect((await neighbour.get(`/api/v1/residents/${residentId}/counseling-sessions`).expect(200)).body).toEqual([]);
    const caseworker = await login(t.http, DEMO.caseworker);
    await caseworker.get(`/api/v1/residents/${residentId}/counseling-sessions`).expect(403);
  });
});
