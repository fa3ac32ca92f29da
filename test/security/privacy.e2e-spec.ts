import request from 'supertest';
import { createUser, DEMO, seedDemo } from '../factories/identity.js';
import { login, sessionCookieOf } from '../support/http.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

/**
 * [K13] Privacy at the API: a changed role counts on the user's very next request, whatever the
 * session cache holds; the session cookie carries its flags behind an HTTPS proxy; the name search
 * that keeps names out of URLs is a CSRF-protected POST; throttling does not tell which accounts exist.
 * Already proven elsewhere, not repeated here (test/auth.e2e-spec.ts): HttpOnly and SameSite=Lax
 * over plain http and Secure with an https APP_BASE_URL, CSRF refusals, 429 on the 11th failure,
 * revocation at sign-out and on deactivation; test/session-cache.e2e-spec.ts: across processes.
 * Browser URLs, storage and logs: test/security/privacy-browser.e2e-spec.ts.
 */
describe('privacy: sessions, cookies and the name search', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Sessions are cached for 30 s (the default), so a role change must evict to count at once;
    // the app sits behind a reverse proxy that terminates TLS (X-Forwarded-Proto is trusted).
    t = await createTestApp({ SESSION_CACHE_SECONDS: '30', TRUST_PROXY: 'true' });
    await seedDemo(t);
  });
  afterAll(() => t.close());

  it("takes a removed role away from every one of the user's sessions on their next request", async () => {
    const admin = await login(t.http, DEMO.admin);
    const user = await createUser(t, admin.user.orgId, ['CITY_CASEWORKER']);
    const desk = await login(t.http, user.email);
    const laptop = await login(t.http, user.email);
    // Both sessions are in the cache now, with the caseworker role.
    await desk.get('/api/v1/residents?limit=1').expect(200);
    await laptop.get('/api/v1/residents?limit=1').expect(200);

    await admin.patch(`/api/v1/users/${user.id}`, { version: user.version, roles: ['REPORT_VIEWER'] }).expect(200);

    // No waiting: the very next request of either session has lost the role.
    await desk.get('/api/v1/residents?limit=1').expect(403);
    await laptop.post('/api/v1/residents/search', { limit: 1 }).expect(403);
    expect((await laptop.get('/api/v1/me').expect(200)).body.roles).toEqual(['REPORT_VIEWER']);
  });

  it('takes ADMIN away from an administrator at once: no more looking at or changing accounts', async () => {
    const admin = await login(t.http, DEMO.admin);
    const second = await createUser(t, admin.user.orgId, ['ADMIN']);
    const demoted = await login(t.http, second.email);
    const target = await createUser(t, admin.user.orgId, ['REPORT_VIEWER']);
    await demoted.get('/api/v1/users').expect(200); // cached as ADMIN

    await admin.patch(`/api/v1/users/${second.id}`, { version: second.version, roles: ['REPORT_VIEWER'] }).expect(200);

    await demoted.get('/api/v1/users').expect(403);
    await demoted.patch(`/api/v1/users/${target.id}`, { version: target.version, roles: ['ADMIN'] }).expect(403);
    expect((await admin.get(`/api/v1/users/${target.id}`).expect(200)).body.roles).toEqual(['REPORT_VIEWER']);
  });

  it('marks the session cookie Secure behind a trusted HTTPS proxy, and HttpOnly SameSite=Lax always', async () => {
    const overHttps = await request(t.http)
      .post('/api/v1/auth/login')
      .set('x-forwarded-proto', 'https')
      .send({ email: DEMO.caseworker, password: TEST_PASSWORD })
      .expect(200);
    const cookie = setCookie(overHttps);
    expect(cookie).toMatch(/^kyosei_session=[^;]+;/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; Path=\//i);
    // Signing out clears the cookie with the same flags.
    const out = await request(t.http)
      .post('/api/v1/auth/logout')
      .set('x-forwarded-proto', 'https')
      .set('cookie', sessionCookieOf(overHttps))
      .set('x-csrf-token', overHttps.body.csrfToken)
      .expect(204);
    const cleared = setCookie(out);
    expect(cleared).toMatch(/^kyosei_session=;/);
    expect(cleared).toMatch(/; Expires=Thu, 01 Jan 1970/i);
    expect(cleared).toMatch(/; HttpOnly/i);
    expect(cleared).toMatch(/; SameSite=Lax/i);
    expect(cleared).toMatch(/; Secure/i);
    // The same proxy forwarding plain http: HttpOnly and SameSite, no Secure (the browser would drop it).
    const overHttp = await request(t.http)
      .post('/api/v1/auth/login')
      .set('x-forwarded-proto', 'http')
      .send({ email: DEMO.caseworker, password: TEST_PASSWORD })
      .expect(200);
    expect(setCookie(overHttp)).toMatch(/; HttpOnly/i);
    expect(setCookie(overHttp)).toMatch(/; SameSite=Lax/i);
    expect(setCookie(overHttp)).not.toMatch(/Secure/i);
  });

  it('answers the name search in a body (POST /residents/search) as GET does, and only with the CSRF token', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    await caseworker
      .post('/api/v1/residents', {
        residentKey: 'PRIV-SEARCH-1',
        familyName: 'OKONKWO',
        givenName: 'ADAEZE',
        kanaName: 'オコンクウォ アダエゼ',
        birthDate: '1991-01-11',
        sex: 'F',
        nationality: 'NG',
        registryCategory: 'MID_LONG_TERM',
        statusCode: 'LONG_TERM',
        stayPeriod: '3y',
        stayExpiryDate: '2028-01-10',
      })
      .expect(201);
    const viaGet = await caseworker
      .get(`/api/v1/residents?q=${encodeURIComponent('オコンクウォ')}&limit=5`)
      .expect(200);
    const viaPost = await caseworker.post('/api/v1/residents/search', { q: 'オコンクウォ', limit: 5 }).expect(200);
    expect(viaPost.body).toEqual(viaGet.body);
    expect(viaPost.body.items.map((resident: { familyName: string }) => resident.familyName)).toEqual(['OKONKWO']);
    expect(viaPost.headers['cache-control']).toBe('no-store');

    // Audited exactly as the GET: one resident.search event per search, naming the filters.
    const audited: Array<{ diff: { filters: string[] } }> = await t.dataSource.query(
      `SELECT diff FROM audit_event WHERE action = 'resident.search' AND actor_user_id = $1 ORDER BY at`,
      [caseworker.user.id],
    );
    expect(audited.map((event) => event.diff.filters)).toEqual([['q'], ['q']]);

    // A session cookie alone (a forged cross-site form) is refused.
    const forged = await request(t.http)
      .post('/api/v1/residents/search')
      .set('cookie', caseworker.cookie)
      .send({ q: 'オコンクウォ' });
    expect(forged.status).toBe(403);
    expect(forged.body.type).toBe('urn:kyosei:problem:csrf');
    // Its fields are checked as the query's are; unknown fields are refused.
    const bad = await caseworker.post('/api/v1/residents/search', { q: 'x', birthDate: 'tomorrow', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['birthDate', 'extra']);
  });

  it('throttles an unknown e-mail address as it does a real account, so the 429 reveals nothing', async () => {
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 11; attempt++) {
      const response = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: 'nobody-here@demo.city', password: 'wrong password' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });
});

function setCookie(response: request.Response): string {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = header?.find((value) => value.startsWith('kyosei_session='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return cookie;
}
