import { createCity, DEMO, seedDemo } from './factories/identity.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

describe('offices and staff accounts', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    admin = await login(t.http, DEMO.admin);
  });
  afterAll(() => t.close());

  it('creates a PESO office and hands it to its first administrator, who then runs it', async () => {
    const peso = await admin
      .post('/api/v1/organizations', {
        kind: 'PESO',
        name: 'ハローワーク磐田',
        jurisdictionCodes: ['222119', '222216'],
      })
      .expect(201);
    expect(peso.body).toMatchObject({ kind: 'PESO', municipalityCode: null, jurisdictionCodes: ['222119', '222216'] });

    await admin
      .post('/api/v1/users', {
        email: 'boss@iwata.peso',
        displayName: 'Boss',
        roles: ['ADMIN'],
        password: TEST_PASSWORD,
        orgId: peso.body.id,
      })
      .expect(201);
    // Only the first: from then on that office manages itself.
    const second = await admin.post('/api/v1/users', {
      email: 'second@iwata.peso',
      displayName: 'Second',
      roles: ['PESO_COUNSELOR'],
      password: TEST_PASSWORD,
      orgId: peso.body.id,
    });
    expect(second.status).toBe(403);

    const boss = await login(t.http, 'boss@iwata.peso');
    const counselor = await boss
      .post('/api/v1/users', {
        email: 'counselor@iwata.peso',
        displayName: 'Counselor',
        roles: ['PESO_COUNSELOR'],
        password: TEST_PASSWORD,
      })
      .expect(201);
    expect(counselor.body.organization.id).toBe(peso.body.id);
    const signedIn = await login(t.http, 'counselor@iwata.peso');
    const me = await signedIn.get('/api/v1/me').expect(200);
    expect(me.body.municipalityCodes).toEqual(['222119', '222216']);

    // Narrowing the jurisdiction narrows what its counselors see, at once.
    await boss
      .patch(`/api/v1/organizations/${peso.body.id}`, { version: peso.body.version, jurisdictionCodes: ['222216'] })
      .expect(200);
    expect((await signedIn.get('/api/v1/me').expect(200)).body.municipalityCodes).toEqual(['222216']);
    // Another office's administrator cannot change it.
    const foreign = await admin.patch(`/api/v1/organizations/${peso.body.id}`, { version: 2, name: 'Taken over' });
    expect(foreign.status).toBe(403);

    // Each administrator lists only their own office's accounts.
    const bossList = await boss.get('/api/v1/users').expect(200);
    expect(bossList.body.items.map((user: { email: string }) => user.email).sort()).toEqual([
      'boss@iwata.peso',
      'counselor@iwata.peso',
    ]);
    await admin.get(`/api/v1/users/${counselor.body.id}`).expect(404);
  });

  it('refuses roles that do not fit the kind of office', async () => {
    const response = await admin.post('/api/v1/users', {
      email: 'misfit@demo.city',
      displayName: 'Misfit',
      roles: ['PESO_COUNSELOR'],
      password: TEST_PASSWORD,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'roles' });
  });

  it('refuses a second account with the same e-mail in any letter case', async () => {
    const response = await admin.post('/api/v1/users', {
      email: 'ADMIN@demo.city',
      displayName: 'Copy',
      roles: ['REPORT_VIEWER'],
      password: TEST_PASSWORD,
    });
    expect(response.status).toBe(409);
  });

  it('refuses a duplicate city and a short password with field-level reasons', async () => {
    const city = await admin.post('/api/v1/organizations', { kind: 'CITY', name: 'Again', municipalityCode: '221309' });
    expect(city.status).toBe(409);
    const short = await admin.post('/api/v1/users', {
      email: 'short@demo.city',
      displayName: 'Short',
      roles: ['REPORT_VIEWER'],
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([{ field: 'password', reason: expect.stringContaining('12') }]);
  });

  it('detects a stale version instead of overwriting another administrator’s change', async () => {
    const created = await admin
      .post('/api/v1/users', {
        email: 'ito@demo.city',
        displayName: 'Ito',
        roles: ['SCHOOL_OFFICER'],
        password: TEST_PASSWORD,
      })
      .expect(201);
    const path = `/api/v1/users/${created.body.id}`;
    const first = await admin.patch(path, { version: created.body.version, displayName: '伊藤' }).expect(200);
    expect(first.body.version).toBe(created.body.version + 1);
    const stale = await admin.patch(path, { version: created.body.version, displayName: 'Ito again' });
    expect(stale.status).toBe(409);
    expect((await admin.get(path).expect(200)).body.displayName).toBe('伊藤');
  });

  it('never removes the last active administrator of an office', async () => {
    const response = await admin.patch(`/api/v1/users/${admin.user.id}`, {
      version: admin.user.version,
      roles: ['REPORT_VIEWER'],
    });
    expect(response.status).toBe(409);
    expect(response.body.type).toBe('urn:kyosei:problem:last-admin');
  });

  it('lists and pages the office directory', async () => {
    const first = await admin.get('/api/v1/organizations?limit=1').expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await admin.get(`/api/v1/organizations?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    const pesoOnly = await admin.get('/api/v1/organizations?kind=PESO').expect(200);
    expect(pesoOnly.body.items.every((org: { kind: string }) => org.kind === 'PESO')).toBe(true);
  });

  it('shows staff the offices they work with, for consents and referrals, and no others', async () => {
    await createCity(t, '131016', '千代田区');
    const caseworker = await login(t.http, DEMO.caseworker);
    const offices = await caseworker.get('/api/v1/offices').expect(200);
    expect(offices.body.map((office: { kind: string; municipalityCode: string | null }) => office.kind).sort()).toEqual(
      ['CITY', 'PESO'],
    );
    expect(offices.body.map((office: { municipalityCode: string | null }) => office.municipalityCode)).not.toContain(
      '131016',
    );
    const counselor = await login(t.http, DEMO.counselor);
    const seen = await counselor.get('/api/v1/offices').expect(200);
    expect(seen.body.find((office: { kind: string }) => office.kind === 'CITY')).toMatchObject({
      municipalityCode: '221309',
    });
  });
});
