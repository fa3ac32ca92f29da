import request from 'supertest';
import { createUser, DEMO, seedDemo } from './factories/identity.js';
import { login, sessionCookieOf } from './support/http.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

describe('sign-in, sessions, CSRF and service tokens', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
  });
  afterAll(() => t.close());

  it('signs in with e-mail and password: HttpOnly SameSite=Lax cookie, user and CSRF token', async () => {
    const response = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: DEMO.admin, password: TEST_PASSWORD })
      .expect(200);
    expect(response.body.user).toMatchObject({ email: DEMO.admin, roles: ['ADMIN'] });
    expect(response.body.user.organization).toMatchObject({ kind: 'CITY', municipalityCode: '221309' });
    expect(response.body.user.passwordHash).toBeUndefined();
    expect(response.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = (response.headers['set-cookie'] as unknown as string[]).join(';');
    expect(cookie).toMatch(/kyosei_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; https deployments get Secure

    const me = await request(t.http).get('/api/v1/me').set('cookie', sessionCookieOf(response)).expect(200);
    expect(me.body).toMatchObject({ kind: 'user', roles: ['ADMIN'], municipalityCodes: ['221309'] });
    expect(me.body.csrfToken).toBe(response.body.csrfToken);
  });

  it('sets the Secure flag when the application is served over HTTPS', async () => {
    const secure = await createTestApp({ APP_BASE_URL: 'https://kyosei.city.example' });
    try {
      await seedDemo(secure);
      const response = await request(secure.http)
        .post('/api/v1/auth/login')
        .send({ email: DEMO.admin, password: TEST_PASSWORD })
        .expect(200);
      expect((response.headers['set-cookie'] as unknown as string[]).join(';')).toMatch(/Secure/);
    } finally {
      await secure.close();
    }
  });

  it('refuses a wrong password, and answers 429 on the 11th attempt within 15 minutes', async () => {
    const user = await createUser(t, (await login(t.http, DEMO.admin)).user.orgId, ['REPORT_VIEWER']);
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'wrong password' });
      expect(response.status).toBe(401);
    }
    const eleventh = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'wrong password' });
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(800);
    // Locked means locked: even the right password waits for the window to pass.
    const right = await request(t.http).post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    // Other accounts are not affected.
    await login(t.http, DEMO.reports);
  });

  it('does not reveal whether an account exists', async () => {
    const unknown = await request(t.http).post('/api/v1/auth/login').send({ email: 'nobody@demo.city', password: 'x' });
    const wrong = await request(t.http).post('/api/v1/auth/login').send({ email: DEMO.school, password: 'x' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('revokes the session at logout: the old cookie no longer works', async () => {
    const session = await login(t.http, DEMO.caseworker);
    await session.get('/api/v1/me').expect(200);
    await session.post('/api/v1/auth/logout').expect(204);
    await session.get('/api/v1/me').expect(401);
  });

  it('refuses unsafe requests without the session CSRF token', async () => {
    const admin = await login(t.http, DEMO.admin);
    const body = { kind: 'CITY', name: 'Iwata', municipalityCode: '222119' };
    const missing = await request(t.http).post('/api/v1/organizations').set('cookie', admin.cookie).send(body);
    expect(missing.status).toBe(403);
    expect(missing.body.type).toBe('urn:kyosei:problem:csrf');
    const wrong = await request(t.http)
      .post('/api/v1/organizations')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', 'x'.repeat(43))
      .send(body);
    expect(wrong.status).toBe(403);
    // Another session's token does not fit this session.
    const other = await login(t.http, DEMO.admin);
    const foreign = await request(t.http)
      .post('/api/v1/organizations')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', other.csrfToken)
      .send(body);
    expect(foreign.status).toBe(403);
    await admin.post('/api/v1/organizations', body).expect(201);
  });

  it('blocks sign-in and ends sessions of a deactivated user', async () => {
    const admin = await login(t.http, DEMO.admin);
    const created = await admin
      .post('/api/v1/users', {
        email: 'leaving@demo.city',
        displayName: 'Leaving',
        roles: ['CITY_CASEWORKER'],
        password: TEST_PASSWORD,
      })
      .expect(201);
    const leaving = await login(t.http, 'leaving@demo.city');
    await admin.patch(`/api/v1/users/${created.body.id}`, { version: created.body.version, active: false }).expect(200);
    await leaving.get('/api/v1/me').expect(401);
    await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: 'leaving@demo.city', password: TEST_PASSWORD })
      .expect(401);
  });

  it('lets a machine act with a scoped service token until it is revoked', async () => {
    const admin = await login(t.http, DEMO.admin);
    const created = await admin
      .post('/api/v1/service-tokens', { name: 'nightly export', roles: ['REPORT_VIEWER'] })
      .expect(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^kys_/);
    const listed = await admin.get('/api/v1/service-tokens').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(token);

    const me = await request(t.http).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ kind: 'service', roles: ['REPORT_VIEWER'], user: null });
    // Scoped: the token's roles do not include ADMIN.
    await request(t.http).get('/api/v1/users').set('authorization', `Bearer ${token}`).expect(403);

    await admin.delete(`/api/v1/service-tokens/${created.body.id}`).expect(204);
    await request(t.http).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(401);
    await request(t.http)
      .get('/api/v1/me')
      .set('authorization', 'Bearer kys_forged-token-that-does-not-exist')
      .expect(401);
  });

  it('refuses ADMIN and out-of-office roles for service tokens', async () => {
    const admin = await login(t.http, DEMO.admin);
    const adminToken = await admin.post('/api/v1/service-tokens', { name: 'too strong', roles: ['ADMIN'] });
    expect(adminToken.status).toBe(400);
    expect(adminToken.body.errors[0].field).toBe('roles');
    const pesoRole = await admin.post('/api/v1/service-tokens', { name: 'wrong office', roles: ['PESO_COUNSELOR'] });
    expect(pesoRole.status).toBe(400);
  });
});
