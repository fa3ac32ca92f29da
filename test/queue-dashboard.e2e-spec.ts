import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { DEMO, seedDemo } from './factories/identity.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('queue dashboard (/admin/queues)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let caseworker: SignedIn;
  let origin: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    admin = await login(t.http, DEMO.admin);
    caseworker = await login(t.http, DEMO.caseworker);
    origin = new URL(t.config.APP_BASE_URL).origin;
  });
  const maintenance = () => t.app.get<Queue>(getQueueToken('maintenance'), { strict: false });
  afterAll(async () => {
    await t.close();
  });

  it('opens for an ADMIN and lists every queue with its job counts', async () => {
    const page = await admin.get('/admin/queues').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-store');
    const queues = await admin.get('/admin/queues/api/queues').expect(200);
    const names = (queues.body.queues as Array<{ name: string; counts: Record<string, number> }>).map((q) => q.name);
    expect(names.sort()).toEqual([
      'alerts',
      'imports',
      'maintenance',
      'matching',
      'notifications',
      'reports',
      'schooling',
    ]);
  });

  it('is closed to anyone else: 401 signed out, 403 for a caseworker, in problem+json', async () => {
    const anonymous = await request(t.http).get('/admin/queues').expect(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    const refused = await caseworker.get('/admin/queues/api/queues').expect(403);
    expect(refused.body.detail).toContain('ADMIN');
    await request(t.http).put('/admin/queues/api/queues/maintenance/pause').expect(401);
  });

  it("takes actions only from the dashboard's own origin, and audits them", async () => {
    await request(t.http).put('/admin/queues/api/queues/maintenance/pause').set('cookie', admin.cookie).expect(403);
    await request(t.http)
      .put('/admin/queues/api/queues/maintenance/pause')
      .set('cookie', admin.cookie)
      .set('origin', 'https://evil.example')
      .expect(403);
    await request(t.http)
      .put('/admin/queues/api/queues/maintenance/pause')
      .set('cookie', admin.cookie)
      .set('origin', origin)
      .expect(200);
    expect(await maintenance().isPaused()).toBe(true);
    await request(t.http)
      .put('/admin/queues/api/queues/maintenance/resume')
      .set('cookie', admin.cookie)
      .set('sec-fetch-site', 'same-origin')
      .expect(200);
    expect(await maintenance().isPaused()).toBe(false);
    const audited: Array<{ diff: { method: string; path: string } }> = await t.dataSource.query(
      `SELECT diff FROM audit_event WHERE action = 'queue.admin' ORDER BY at`,
    );
    expect(audited.map((row) => row.diff.path)).toEqual([
      '/admin/queues/api/queues/maintenance/pause',
      '/admin/queues/api/queues/maintenance/resume',
    ]);
  });
});
