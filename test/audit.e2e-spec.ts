import request from 'supertest';
import { DEMO, seedDemo } from './factories/identity.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

interface AuditItem {
  action: string;
  entity: string;
  entityId: string | null;
  actorUserId: string | null;
  diff: Record<string, unknown> | null;
  requestId: string | null;
}

describe('audit log', () => {
  let t: TestApp;
  let admin: SignedIn;

  const events = async (query: string): Promise<AuditItem[]> =>
    (await admin.get(`/api/v1/audit-events?${query}`).expect(200)).body.items;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    admin = await login(t.http, DEMO.admin);
  });
  afterAll(() => t.close());

  it('records creating a user, changing roles and signing in, with actor and request id', async () => {
    const created = await admin
      .post('/api/v1/users', {
        email: 'sato@demo.city',
        displayName: '佐藤',
        roles: ['CITY_CASEWORKER'],
        password: TEST_PASSWORD,
      })
      .set('x-request-id', 'create-sato-0001')
      .expect(201);
    const userId = created.body.id as string;
    await admin
      .patch(`/api/v1/users/${userId}`, { version: created.body.version, roles: ['CITY_CASEWORKER', 'REPORT_VIEWER'] })
      .expect(200);
    await login(t.http, 'sato@demo.city');

    const trail = await events(`entity=user&entityId=${userId}`);
    expect(trail.map((event) => event.action)).toEqual(['auth.login', 'user.roles_change', 'user.create']);
    const [signIn, rolesChange, creation] = trail;
    expect(creation).toMatchObject({ actorUserId: admin.user.id, requestId: 'create-sato-0001' });
    expect(rolesChange.diff).toEqual({ roles: [['CITY_CASEWORKER'], ['CITY_CASEWORKER', 'REPORT_VIEWER']] });
    expect(signIn.actorUserId).toBe(userId);
    // No password, hash or e-mail in the trail.
    expect(JSON.stringify(trail)).not.toMatch(/argon2|Correct-horse|sato@/);
  });

  it('records failed sign-ins', async () => {
    await request(t.http).post('/api/v1/auth/login').send({ email: DEMO.school, password: 'nope' }).expect(401);
    const failures = await events('action=auth.login_failed');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0].diff).toEqual({ reason: 'wrong_password' });
  });

  it('filters by actor and time, and pages with a cursor without gaps or repeats', async () => {
    const mine = await events(`userId=${admin.user.id}`);
    expect(mine.every((event) => event.actorUserId === admin.user.id)).toBe(true);
    const future = await events(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(future).toEqual([]);

    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await admin
        .get(`/api/v1/audit-events?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      all.push(
        ...page.body.items.map((event: { action: string; entityId: string }) => `${event.action}:${event.entityId}`),
      );
      cursor = page.body.nextCursor;
    } while (cursor);
    const everything = await events('limit=200');
    expect(all).toEqual(everything.map((event) => `${event.action}:${event.entityId}`));
  });

  it('cannot be changed or deleted, even from the application’s own connection', async () => {
    await expect(t.dataSource.query(`UPDATE audit_event SET action = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_event WHERE action = 'tampered'`,
    );
    expect(count).toBe(0);
  });
});
