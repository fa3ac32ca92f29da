import { addDays, officeDate } from '@app/platform';
import { createCity, createPeso, createUser, DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const today = officeDate(new Date(), 'Asia/Tokyo');

describe('the joint office: cases, notes, referrals and consent', () => {
  let t: TestApp;
  let caseworker: SignedIn;
  let counselor: SignedIn;
  let reports: SignedIn;
  let admin: SignedIn;
  let cityOrgId: string;
  let pesoOrgId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    caseworker = await login(t.http, DEMO.caseworker);
    counselor = await login(t.http, DEMO.counselor);
    reports = await login(t.http, DEMO.reports);
    admin = await login(t.http, DEMO.admin);
    cityOrgId = (await caseworker.get('/api/v1/me').expect(200)).body.orgId;
    pesoOrgId = (await counselor.get('/api/v1/me').expect(200)).body.orgId;
  });
  afterAll(() => t.close());

  async function openCase(fields: Record<string, unknown> = {}) {
    const resident = await createResident(caseworker, { familyName: 'SANTOS', givenName: 'MARIA', nationality: 'PH' });
    const created = await caseworker
      .post('/api/v1/cases', {
        residentId: resident.id,
        category: 'JOB_SEARCH',
        title: 'Looking for work after the factory closed',
        nextActionOn: addDays(today, 7),
        ...fields,
      })
      .expect(201);
    return { resident, case: created.body as { id: string; version: number; status: string } };
  }

  const consent = (residentId: string, fields: Record<string, unknown> = {}) =>
    caseworker.post(`/api/v1/residents/${residentId}/consents`, {
      purpose: 'EMPLOYMENT_SUPPORT',
      recipientOrgId: pesoOrgId,
      grantedOn: today,
      evidenceRef: 'DOC-2026-0042',
      explanationLanguage: 'tl',
      ...fields,
    });

  it('refuses a referral without consent, and shares the case with the PESO once consented and accepted', async () => {
    const { resident, case: opened } = await openCase();
    await counselor.get(`/api/v1/cases/${opened.id}`).expect(404);
    const refused = await caseworker.post(`/api/v1/cases/${opened.id}/referrals`, {
      toOrgId: pesoOrgId,
      purpose: 'EMPLOYMENT_SUPPORT',
      message: 'Please help with job search',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('EMPLOYMENT_SUPPORT');
    // A consent for another purpose or another office does not do.
    await consent(resident.id, { purpose: 'INSURANCE_ENROLMENT' }).expect(201);
    await caseworker
      .post(`/api/v1/cases/${opened.id}/referrals`, { toOrgId: pesoOrgId, purpose: 'EMPLOYMENT_SUPPORT' })
      .expect(409);

    const given = await consent(resident.id).expect(201);
    expect(given.body).toMatchObject({ valid: true, explanationLanguage: 'tl', evidenceRef: 'DOC-2026-0042' });
    const sent = await caseworker
      .post(`/api/v1/cases/${opened.id}/referrals`, { toOrgId: pesoOrgId, purpose: 'EMPLOYMENT_SUPPORT' })
      .expect(201);
    expect(sent.body).toMatchObject({ status: 'SENT', consentId: given.body.id });
    expect((await caseworker.get(`/api/v1/cases/${opened.id}`).expect(200)).body.status).toBe('REFERRED');
    // Sent but not yet accepted: still not the PESO's to read.
    await counselor.get(`/api/v1/cases/${opened.id}`).expect(404);
    const incoming = await counselor.get('/api/v1/referrals?direction=incoming&status=SENT').expect(200);
    expect(incoming.body.map((r: { id: string }) => r.id)).toContain(sent.body.id);

    const accepted = await counselor
      .patch(`/api/v1/referrals/${sent.body.id}`, {
        version: sent.body.version,
        status: 'ACCEPTED',
        responseNote: 'OK',
      })
      .expect(200);
    expect(accepted.body.status).toBe('ACCEPTED');
    const seen = await counselor.get(`/api/v1/cases/${opened.id}`).expect(200);
    expect(seen.body).toMatchObject({ access: 'RECIPIENT', residentName: 'SANTOS MARIA' });
    const listed = await counselor.get('/api/v1/cases').expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(opened.id);
    // The PESO reads it, but only the owner changes it.
    await counselor.patch(`/api/v1/cases/${opened.id}`, { version: seen.body.version, priority: 'HIGH' }).expect(403);
    await counselor.post(`/api/v1/cases/${opened.id}/notes`, { body: 'Registered at Hello Work' }).expect(201);

    // The resident withdraws consent: from then on the PESO gets 404.
    await caseworker.post(`/api/v1/consents/${given.body.id}/withdraw`, {}).expect(200);
    await counselor.get(`/api/v1/cases/${opened.id}`).expect(404);
    await counselor.get(`/api/v1/cases/${opened.id}/notes`).expect(404);
    await counselor.post(`/api/v1/cases/${opened.id}/notes`, { body: 'one more' }).expect(404);
    expect(
      (await counselor.get('/api/v1/cases').expect(200)).body.items.map((c: { id: string }) => c.id),
    ).not.toContain(opened.id);
    await caseworker.post(`/api/v1/consents/${given.body.id}/withdraw`, {}).expect(409);
    const consents = await caseworker.get(`/api/v1/residents/${resident.id}/consents`).expect(200);
    expect(consents.body.find((c: { id: string }) => c.id === given.body.id)).toMatchObject({
      valid: false,
      withdrawnOn: today,
    });
  });

  it('keeps sensitive notes to the authoring office, out of exports and away from report viewers', async () => {
    const { resident, case: opened } = await openCase({ category: 'HEALTH' });
    await caseworker
      .post(`/api/v1/cases/${opened.id}/notes`, { body: 'Needs an interpreter for appointments' })
      .expect(201);
    const secret = 'SENTINEL-tuberculosis-treatment';
    await caseworker.post(`/api/v1/cases/${opened.id}/notes`, { body: secret, sensitivity: 'SENSITIVE' }).expect(201);
    const own = await caseworker.get(`/api/v1/cases/${opened.id}/notes`).expect(200);
    expect(own.body.map((n: { body: string }) => n.body)).toEqual(['Needs an interpreter for appointments', secret]);
    const exported = await caseworker.get(`/api/v1/cases/${opened.id}/notes.csv`).expect(200);
    expect(exported.text).toContain('Needs an interpreter');
    expect(exported.text).not.toContain(secret);

    await consent(resident.id).expect(201);
    const sent = await caseworker
      .post(`/api/v1/cases/${opened.id}/referrals`, { toOrgId: pesoOrgId, purpose: 'EMPLOYMENT_SUPPORT' })
      .expect(201);
    await counselor.patch(`/api/v1/referrals/${sent.body.id}`, { version: 1, status: 'ACCEPTED' }).expect(200);
    for (const path of ['notes', 'timeline', 'notes.csv', '']) {
      const response = await counselor.get(`/api/v1/cases/${opened.id}${path ? `/${path}` : ''}`).expect(200);
      expect(JSON.stringify(response.body) + response.text).not.toContain(secret);
    }
    expect((await counselor.get(`/api/v1/cases/${opened.id}/notes`)).body).toHaveLength(1);
    await reports.get(`/api/v1/cases/${opened.id}/notes`).expect(403);
    await reports.get('/api/v1/cases').expect(403);
    // The authoring office still sees its sensitive note in the timeline.
    const timeline = await caseworker.get(`/api/v1/cases/${opened.id}/timeline`).expect(200);
    expect(timeline.body.map((e: { what: string }) => e.what)).toEqual([
      'created',
      'note',
      'note',
      'referral.sent',
      'changed',
      'referral.accepted',
    ]);
    const times = timeline.body.map((e: { at: string }) => e.at);
    expect(times).toEqual([...times].sort());
  });

  it('lets exactly one of 100 concurrent updates with the same version win, losing none', async () => {
    const { case: opened } = await openCase();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        caseworker.patch(`/api/v1/cases/${opened.id}`, {
          version: opened.version,
          title: `update ${i}`,
          nextActionOn: addDays(today, i + 1),
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(99);
    const winner = answers.find((answer) => answer.status === 200)!.body;
    const final = (await caseworker.get(`/api/v1/cases/${opened.id}`).expect(200)).body;
    expect(final).toMatchObject({
      title: winner.title,
      nextActionOn: winner.nextActionOn,
      version: opened.version + 1,
    });

    // Chained updates, each with the version it read, all land.
    let version = final.version;
    for (const priority of ['HIGH', 'URGENT', 'LOW']) {
      version = (await caseworker.patch(`/api/v1/cases/${opened.id}`, { version, priority }).expect(200)).body.version;
    }
    const closing = await caseworker.patch(`/api/v1/cases/${opened.id}`, { version, status: 'CLOSED' });
    expect(closing.status).toBe(400);
    expect(closing.body.errors[0].field).toBe('closureReason');
    const closed = await caseworker
      .patch(`/api/v1/cases/${opened.id}`, { version, status: 'CLOSED', closureReason: 'Found a job' })
      .expect(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', priority: 'LOW', closedOn: today, overdue: false });
  });

  it('lists cases per worker and office with overdue and category filters', async () => {
    const { case: late } = await openCase({ category: 'HOUSING', nextActionOn: addDays(today, -3) });
    const { case: soon } = await openCase({ category: 'HOUSING', nextActionOn: addDays(today, 2) });
    const ids = async (query: string) =>
      (await caseworker.get(`/api/v1/cases?${query}`).expect(200)).body.items.map((c: { id: string }) => c.id);
    expect(await ids('overdue=true&category=HOUSING')).toEqual([late.id]);
    const housing = await ids('category=HOUSING&mine=true');
    expect(housing.indexOf(late.id)).toBeLessThan(housing.indexOf(soon.id));
    const other = await login(t.http, (await createUser(t, cityOrgId, ['CITY_CASEWORKER'])).email);
    expect(await (async () => (await other.get('/api/v1/cases?mine=true').expect(200)).body.items)()).toEqual([]);
    expect((await other.get('/api/v1/cases?category=HOUSING').expect(200)).body.items.length).toBeGreaterThanOrEqual(2);
    // Another city's office sees none of them.
    const tokyo = await login(
      t.http,
      (await createUser(t, (await createCity(t, '131016')).id, ['CITY_CASEWORKER'])).email,
    );
    await tokyo.get(`/api/v1/cases/${late.id}`).expect(404);
    const elsewhere = await login(
      t.http,
      (await createUser(t, (await createPeso(t, ['131016'])).id, ['PESO_COUNSELOR'])).email,
    );
    await elsewhere.get(`/api/v1/cases/${late.id}`).expect(404);
  });

  it("discloses to an ADMIN who read and wrote a resident's record, when and for what purpose", async () => {
    const { resident, case: opened } = await openCase();
    await caseworker.get(`/api/v1/cases/${opened.id}`).expect(200);
    await caseworker.get(`/api/v1/residents/${resident.id}`).set('x-purpose', 'COUNSELING').expect(200);
    await consent(resident.id).expect(201);
    const sent = await caseworker
      .post(`/api/v1/cases/${opened.id}/referrals`, { toOrgId: pesoOrgId, purpose: 'EMPLOYMENT_SUPPORT' })
      .expect(201);
    await counselor.patch(`/api/v1/referrals/${sent.body.id}`, { version: 1, status: 'ACCEPTED' }).expect(200);
    await counselor.get(`/api/v1/cases/${opened.id}`).expect(200);

    await caseworker.get(`/api/v1/residents/${resident.id}/access-disclosure`).expect(403);
    const disclosed = await admin.get(`/api/v1/residents/${resident.id}/access-disclosure?limit=100`).expect(200);
    const entries = disclosed.body.items as Array<Record<string, string | null>>;
    const summary = entries.map((e) => [e.action, e.actorOrgId, e.purpose]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['resident.create', cityOrgId, null],
        ['case.create', cityOrgId, 'CASE_WORK'],
        ['case.read', cityOrgId, 'CASE_WORK'],
        ['resident.read', cityOrgId, 'COUNSELING'],
        ['consent.create', cityOrgId, null],
        ['referral.send', cityOrgId, 'EMPLOYMENT_SUPPORT'],
        ['referral.respond', pesoOrgId, 'EMPLOYMENT_SUPPORT'],
        ['case.read', pesoOrgId, 'EMPLOYMENT_SUPPORT'],
      ]),
    );
    for (const entry of entries) {
      expect(entry.at).toBeTruthy();
      expect(entry.actorName).toBeTruthy();
      expect(entry.actorOrgName).toBeTruthy();
    }
    const times = entries.map((e) => e.at as string);
    expect(times).toEqual([...times].sort().reverse());
    const tokyoAdmin = await login(t.http, (await createUser(t, (await createCity(t, '271004')).id, ['ADMIN'])).email);
    await tokyoAdmin.get(`/api/v1/residents/${resident.id}/access-disclosure`).expect(404);
  });
});
