import request from 'supertest';
import type { Server } from 'node:http';
import { createApiApp } from '../apps/api/src/configure-app.js';
import { DEMO, seedDemo } from './factories/identity.js';
import { login } from './support/http.js';
import { waitFor } from './support/processes.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Two API processes share the database and Redis. Each keeps resolved sessions in memory
 * for speed; a sign-out or a role change in one must reach the other at once.
 */
describe('session cache across API processes', () => {
  let first: TestApp;
  let second: Awaited<ReturnType<typeof createApiApp>>;
  let secondHttp: Server;

  beforeAll(async () => {
    first = await createTestApp();
    await seedDemo(first);
    second = await createApiApp(first.config);
    secondHttp = second.getHttpServer() as Server;
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('refuses a session on the other process right after sign-out', async () => {
    const session = await login(first.http, DEMO.caseworker);
    await request(secondHttp).get('/api/v1/me').set('cookie', session.cookie).expect(200); // now cached there
    await session.post('/api/v1/auth/logout').expect(204);
    await waitFor(
      async () => (await request(secondHttp).get('/api/v1/me').set('cookie', session.cookie)).status === 401,
      2_000,
      'the other process to drop the session',
    );
  });

  it('applies a role change on the other process at once', async () => {
    const admin = await login(first.http, DEMO.admin);
    const reports = await login(first.http, DEMO.reports);
    await request(secondHttp).get('/api/v1/users').set('cookie', reports.cookie).expect(403);
    await admin
      .patch(`/api/v1/users/${reports.user.id}`, { version: reports.user.version, roles: ['ADMIN', 'REPORT_VIEWER'] })
      .expect(200);
    await waitFor(
      async () => (await request(secondHttp).get('/api/v1/users').set('cookie', reports.cookie)).status === 200,
      2_000,
      'the new role to count on the other process',
    );
  });
});
