import type { Role } from '@app/platform';
import type { SignedIn } from '../support/http.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  binderFor,
  differences,
  label,
  loadVersions,
  mayCall,
  operations,
  pool,
  prepare,
  send,
  snapshot,
  textOf,
  type Binding,
  type Operation,
} from './idor-routes.js';
import { buildWorld, OTHER_CITY, type World } from './idor-world.js';

interface Targeted {
  operation: Operation;
  bindings: Binding[];
}

/** One line per route, role and answer: "ADMIN GET /api/v1/alerts/{id} -> 200 (25 ids, e.g. …)". */
function summarize(found: Array<{ key: string; example: string }>): string[] {
  const groups = new Map<string, { count: number; example: string }>();
  for (const { key, example } of found) {
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { count: 1, example });
  }
  return [...groups].map(([key, { count, example }]) => `${key} (${count}×, e.g. ${example})`);
}

/**
 * [K13] IDOR. A second city (222143) holds real records; every route of the OpenAPI document whose
 * path names one of them is called by each role of the demo city (221309) and by the demo PESO,
 * whose jurisdiction does not include 222143. Each must answer 404 — as for an id that does not
 * exist — and nothing of the second city may change. Its own staff, with the same requests, succeed.
 */
describe('IDOR: another office guessing ids', () => {
  let t: TestApp;
  let w: World;
  let targeted: Targeted[];
  let ids: string[];

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    const list = await operations(t);
    const unclassified: string[] = [];
    targeted = [];
    for (const operation of list) {
      if (!operation.template.includes('{')) continue;
      const binder = binderFor(operation.template);
      if (binder === undefined) unclassified.push(label(operation));
      else if (binder !== 'other') targeted.push({ operation, bindings: binder(w, operation.template) });
    }
    if (unclassified.length > 0) {
      throw new Error(`routes with path parameters this test does not know: ${unclassified.join(', ')}`);
    }
    ids = Object.values(w.foreign).flatMap((records) => records.map((record) => record.id));
  }, 180_000);
  afterAll(() => t.close());

  it('plants at least 50 ids of residents, cases, notes, alerts and report runs in the second city', () => {
    const { resident, case: cases, note, alert, reportRun } = w.foreign;
    for (const kind of [resident, cases, note, alert, reportRun]) expect(kind.length).toBeGreaterThan(0);
    expect(
      new Set([resident, cases, note, alert, reportRun].flat().map((record) => record.id)).size,
    ).toBeGreaterThanOrEqual(50);
    // Every kind planted is aimed at by some route (notes have none: they are reached through their case).
    const aimed = new Set(targeted.flatMap(({ bindings }) => bindings.map((binding) => binding.focus.kind)));
    for (const kind of Object.keys(w.foreign))
      if (kind !== 'note') expect([kind, aimed.has(kind as never)]).toEqual([kind, true]);
  });

  it('answers 404 to every demo-city role and the demo PESO on every such route, and changes nothing', async () => {
    const callers: Array<[Role, SignedIn]> = [
      ['CITY_CASEWORKER', w.demo.caseworker],
      ['SCHOOL_OFFICER', w.demo.school],
      ['REPORT_VIEWER', w.demo.reports],
      ['ADMIN', w.demo.admin],
      ['PESO_COUNSELOR', w.demo.counselor],
    ];
    const versions = await loadVersions(t);
    const before = await snapshot(t, ids, OTHER_CITY);
    const wrong: Array<{ key: string; example: string }> = [];
    const leaks: Array<{ key: string; example: string }> = [];
    let calls = 0;
    const tasks: Array<() => Promise<void>> = [];
    for (const { operation, bindings } of targeted) {
      for (const [role, session] of callers) {
        // A role the route does not admit is refused before any id is read (403, as for every id).
        const allowed = mayCall(role, operation.access);
        for (const binding of allowed ? bindings : bindings.slice(0, 1)) {
          tasks.push(async () => {
            const response = await send(
              t,
              session,
              operation.method,
              binding.path,
              prepare(operation, binding.path, w, versions),
            );
            calls += 1;
            const expected = allowed ? 404 : 403;
            if (response.status !== expected) {
              const detail = (response.body as { detail?: string })?.detail ?? '';
              wrong.push({
                key: `${role} ${label(operation)} [${binding.focus.kind}] -> ${response.status} (expected ${expected})`,
                example: `${binding.path}${detail ? ` "${detail}"` : ''}`,
              });
            }
            const text = textOf(response).toUpperCase();
            for (const marker of w.markers) {
              if (text.includes(marker.toUpperCase())) {
                leaks.push({
                  key: `${role} ${label(operation)} answered with the second city's data`,
                  example: `${binding.path}: ${marker}`,
                });
              }
            }
          });
        }
      }
    }
    await pool(tasks);
    const after = await snapshot(t, ids, OTHER_CITY);
    const demoOffices = [w.demo.caseworker.user.orgId, w.demo.counselor.user.orgId];
    const audited: Array<{ action: string; entity_id: string }> = await t.dataSource.query(
      `SELECT action, entity_id FROM audit_event
        WHERE actor_org_id = ANY ($1::uuid[]) AND (resident_id = ANY ($2::uuid[]) OR entity_id = ANY ($3::text[]))`,
      [demoOffices, ids, ids],
    );
    const violations = [
      ...summarize(wrong),
      ...summarize(leaks),
      ...differences(before, after),
      ...summarize(
        audited.map((event) => ({
          key: `audited as done by the demo city: ${event.action}`,
          example: event.entity_id,
        })),
      ),
    ];
    expect(violations).toEqual([]);
    expect(calls).toBeGreaterThan(1000);
    expect(before.size).toBeGreaterThan(100);
  }, 120_000);

  it("lets the second city's own staff read every such record, and make each write with the same request", async () => {
    const owners: Array<[Role, SignedIn]> = [
      ['CITY_CASEWORKER', w.other.caseworker],
      ['SCHOOL_OFFICER', w.other.school],
      ['ADMIN', w.other.admin],
      ['REPORT_VIEWER', w.other.reports],
      ['PESO_COUNSELOR', w.other.counselor],
    ];
    const own = Object.values(w.own);
    const foreignOnly = (binding: Binding) => !own.some((id) => binding.path.includes(id));
    const failures: string[] = [];
    /** The first owner the route admits who succeeds; every owner's answer when none does. */
    const asOwner = async (operation: Operation, path: string) => {
      const versions = operation.method === 'get' ? new Map<string, number>() : await loadVersions(t);
      const answers: string[] = [];
      for (const [role, session] of owners.filter(([role]) => mayCall(role, operation.access))) {
        const response = await send(t, session, operation.method, path, prepare(operation, path, w, versions));
        if (response.status >= 200 && response.status < 300) return;
        answers.push(`${role} ${response.status} ${(response.body as { detail?: string })?.detail ?? ''}`);
      }
      failures.push(`${operation.method.toUpperCase()} ${path}: ${answers.join('; ') || 'no owner role admitted'}`);
    };
    // Every read route once, and every record once through the first read route that names it.
    const reads = new Map<string, Operation>();
    const read = new Set<string>();
    for (const { operation, bindings } of targeted.filter((entry) => entry.operation.method === 'get')) {
      const usable = bindings.filter(foreignOnly);
      const control = usable.find((binding) => binding.control) ?? usable[0];
      for (const binding of usable) {
        if (binding !== control && read.has(binding.focus.id)) continue;
        reads.set(binding.path, operation);
        read.add(binding.focus.id);
      }
    }
    const readTasks = [...reads].map(
      ([path, operation]) =>
        () =>
          asOwner(operation, path),
    );
    await pool(readTasks);
    const unread = (['resident', 'household', 'case', 'alert', 'reportRun', 'course', 'user'] as const).flatMap(
      (kind) =>
        w.foreign[kind].filter((record) => !read.has(record.id)).map((record) => `${kind} ${record.id} never read`),
    );
    expect(unread).toEqual([]);
    // Writes one at a time, closing and removing last, each with the versions as they are now.
    const last = ({ operation }: Targeted) =>
      operation.method === 'delete' || operation.template.endsWith('/close') ? 1 : 0;
    const writes = targeted.filter(({ operation }) => operation.method !== 'get').sort((a, b) => last(a) - last(b));
    for (const { operation, bindings } of writes) {
      const control = bindings.find((binding) => binding.control);
      if (!control) failures.push(`${label(operation)}: no control record`);
      else await asOwner(operation, control.path);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
