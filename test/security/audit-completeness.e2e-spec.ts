import request from 'supertest';
import { DEMO, seedDemo } from '../factories/identity.js';
import { login } from '../support/http.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildWorld, type SessionsByRole, type World } from './route-world.js';

/**
 * Write routes with nothing of their own to audit, and why. Every other POST, PUT, PATCH and
 * DELETE of the OpenAPI document is called once with success by `buildWorld` and must leave an
 * `audit_event` row. That the rows cannot be changed afterwards is test/audit.e2e-spec.ts.
 */
const NOT_AUDITED: Record<string, string> = {
  'POST /api/v1/obligations/evaluate':
    'a what-if calculation on the facts in the body: it reads no resident and stores nothing',
  'POST /api/v1/alerts/sweep':
    'queues the nightly sweep job exactly as the 02:00 scheduler does; the alerts it opens and resolves are ' +
    'changes of the system, not of the administrator (each later acknowledgement is audited: PATCH /alerts/{id})',
  // "Apply again" of a loaded file: a recovery route for when the match run's completion handler
  // failed. It applies the matched lines still PENDING through the very code the handler runs,
  // whose audit rows the last test below checks. After a normal run no line is left pending (a
  // conflict or a rejection is final), so a call through the API changes and records nothing, and
  // there is no way to leave a line pending on purpose short of breaking the handler.
  'POST /api/v1/coverage-imports/{id}/apply': 'recovery route, see above (coverage.create rows are checked below)',
  'POST /api/v1/employer-report-imports/{id}/apply':
    'recovery route, see above (employment_record.from_report rows are checked below)',
};

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

interface AuditRow {
  actor_user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  resident_id: string | null;
}

/** [K13] Every write of the API is accountable: who did it, to which record. */
describe('audit completeness over the write routes of the OpenAPI document', () => {
  let t: TestApp;
  let world: World;
  let writeRoutes: string[];

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    const sessions: SessionsByRole = {
      ADMIN: await login(t.http, DEMO.admin),
      CITY_CASEWORKER: await login(t.http, DEMO.caseworker),
      SCHOOL_OFFICER: await login(t.http, DEMO.school),
      PESO_COUNSELOR: await login(t.http, DEMO.counselor),
      REPORT_VIEWER: await login(t.http, DEMO.reports),
    };
    world = await buildWorld(t, sessions);
    const document = (await request(t.http).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    writeRoutes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((method) => WRITE_METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
  }, 120_000);
  afterAll(() => t?.close());

  it('calls every write route with success, or names why it has nothing to audit', () => {
    const called = new Set(world.calls.map((call) => call.route));
    const unexercised = writeRoutes
      .filter((route) => !called.has(route) && !(route in NOT_AUDITED))
      .map((route) => `${route}: neither called with success nor excluded with a reason`);
    const stale = [...called, ...Object.keys(NOT_AUDITED)]
      .filter((route) => !writeRoutes.includes(route))
      .map((route) => `${route}: not a write route of the OpenAPI document`);
    expect([...unexercised, ...stale]).toEqual([]);
    expect(writeRoutes.length).toBeGreaterThan(60);
  });

  it('records each of those writes in audit_event with the acting user and the records it touched', async () => {
    const missing: string[] = [];
    for (const call of world.calls) {
      const rows: AuditRow[] = await t.dataSource.query(
        `SELECT actor_user_id, action, entity, entity_id, resident_id FROM audit_event WHERE request_id = $1`,
        [call.requestId],
      );
      const mine = rows.filter((row) => row.actor_user_id === call.userId);
      const where = `${call.route} (${call.role}, ${call.status})`;
      if (mine.length === 0) {
        missing.push(`${where}: no audit_event by the caller (${rows.length} rows by others)`);
        continue;
      }
      for (const subject of call.subjects) {
        if (!mine.some((row) => row.entity_id === subject || row.resident_id === subject)) {
          const seen = mine.map((row) => `${row.action} ${row.entity}:${row.entity_id} r:${row.resident_id}`);
          missing.push(`${where}: nothing about ${subject} (rows: ${seen.join('; ')})`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(world.calls.length).toBeGreaterThan(60);
  });

  it('records the lines of a loaded file applied by the match run’s job, on behalf of the member of staff who loaded it', async () => {
    const applied: AuditRow[] = await t.dataSource.query(
      `SELECT actor_user_id, action, entity, entity_id, resident_id FROM audit_event
        WHERE action IN ('coverage.create', 'employment_record.from_report') AND resident_id = $1
          AND request_id <> ALL ($2::text[])
        ORDER BY action`,
      [world.adult, world.calls.map((call) => call.requestId)],
    );
    const loader = (route: string) => world.calls.find((call) => call.route === route)!.userId;
    expect(applied.map((row) => [row.action, row.actor_user_id])).toEqual([
      ['coverage.create', loader('POST /api/v1/coverage-imports')],
      ['employment_record.from_report', loader('POST /api/v1/employer-report-imports')],
    ]);
  });
});
