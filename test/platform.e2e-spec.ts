import request from 'supertest';
import { DEMO, seedDemo } from './factories/identity.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { TEST_QUEUE_BACKEND } from './support/test-env.js';

describe('platform: errors, health, docs', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    admin = await login(t.http, DEMO.admin);
  });
  afterAll(() => t.close());

  it('rejects an unknown JSON field with 400 problem+json naming the field', async () => {
    const response = await admin.post('/api/v1/organizations', {
      kind: 'CITY',
      name: 'Kosai',
      municipalityCode: '222216',
      mayor: 'x',
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, type: 'urn:kyosei:problem:validation' });
    expect(response.body.errors).toContainEqual({ field: 'mayor', reason: expect.stringContaining('unknown field') });
  });

  it('rejects a municipality code with a wrong check digit, naming the field', async () => {
    const response = await admin.post('/api/v1/organizations', {
      kind: 'CITY',
      name: 'Kosai',
      municipalityCode: '222217',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'municipalityCode', reason: expect.stringContaining('check digit') },
    ]);
  });

  it('names the bad element of a jurisdiction list', async () => {
    const response = await admin.post('/api/v1/organizations', {
      kind: 'PESO',
      name: 'HW',
      jurisdictionCodes: ['221309', '12345'],
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('jurisdictionCodes');
  });

  it('answers malformed JSON, a bad path id and an unknown route with 4xx problems, never 500', async () => {
    const badJson = await request(t.http)
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"email": ');
    expect(badJson.status).toBe(400);
    expect(badJson.headers['content-type']).toMatch(/problem\+json/);

    const badId = await admin.get('/api/v1/users/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toEqual([{ field: 'id', reason: 'id must be a UUID' }]);

    const missing = await admin.get('/api/v1/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.body.title).toBe('Not Found');

    const badQuery = await admin.get('/api/v1/users?limit=5000');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors[0].field).toBe('limit');

    const badCursor = await admin.get('/api/v1/audit-events?cursor=bm9wZQ');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
  });

  it('reports liveness and readiness with PostgreSQL and the queue backend checked', async () => {
    await request(t.http).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(t.http).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details.database.status).toBe('up');
    // Redis, or with the queues on PostgreSQL (embedded mode) the queue tables.
    const queues = TEST_QUEUE_BACKEND === 'postgres' ? 'queues' : 'redis';
    expect(ready.body.details[queues].status).toBe('up');
  });

  it('serves the OpenAPI document, its UI and the placeholder page', async () => {
    const document = await request(t.http).get('/api/docs-json').expect(200);
    expect(document.body.paths['/api/v1/auth/login']).toBeDefined();
    const ui = await request(t.http).get('/api/docs').redirects(1);
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    const home = await request(t.http).get('/').expect(200);
    expect(home.text).toContain('Kyosei');
  });

  it('forbids caching of API answers and gives pages the full browser policy', async () => {
    const api = await admin.get('/api/v1/me').expect(200);
    expect(api.headers['cache-control']).toBe('no-store');
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    const page = await request(t.http).get('/').expect(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('echoes a caller request id, or gives a new one, and sends security headers', async () => {
    const echoed = await request(t.http).get('/health/live').set('x-request-id', 'trace-1234567');
    expect(echoed.headers['x-request-id']).toBe('trace-1234567');
    const fresh = await request(t.http).get('/health/live');
    expect(fresh.headers['x-request-id']).toMatch(/^[A-Za-z0-9_-]{8}-[0-9a-z]+$/);
    expect(fresh.headers['x-request-id']).not.toBe(echoed.headers['x-request-id']);
    expect(fresh.headers['x-content-type-options']).toBe('nosniff');
    expect(fresh.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
