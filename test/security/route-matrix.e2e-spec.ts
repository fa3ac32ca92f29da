import type { Role } from '@app/platform';
import request from 'supertest';
import { DEMO, seedDemo } from '../factories/identity.js';
import { login, type SignedIn } from '../support/http.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { CALLERS, declared, ROUTE_POLICY, type Caller, type Outcome } from './route-policy.js';
import { buildWorld, type SessionsByRole, type World } from './route-world.js';

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

interface Route {
  /** `METHOD /path/{param}` as in the OpenAPI document. */
  key: string;
  method: string;
  path: string;
}

/** How a route is called: its path parameters and, for a write, its body (`{}` unless given). */
interface Probe {
  params?: Record<string, string>;
  body?: object;
}

/**
 * The records each route is called with: real ones of the demo city (see route-world.ts), so that
 * a 404 means the policy hid a record that exists. A parameter left out is a sample id, and then a
 * 404 can only mean "no such record": it counts as allow. Writes send `{}` (a 400 got past access
 * control) except where a valid body is needed to get past validation to the policy's 404.
 */
function probes(w: World): Record<string, Probe> {
  const child = { id: w.child };
  const adult = { id: w.adult };
  return {
    'GET /api/v1/residents/{id}/access-disclosure': { params: adult },
    'GET /api/v1/organizations/{id}': { params: { id: w.cityOrgId } },
    'PATCH /api/v1/organizations/{id}': { params: { id: w.cityOrgId } },
    'GET /api/v1/users/{id}': { params: { id: w.spareUserId } },
    'PATCH /api/v1/users/{id}': { params: { id: w.spareUserId } },
    'DELETE /api/v1/service-tokens/{id}': { params: { id: w.serviceTokenId } },
    // An adult who is no one's guardian: not a school officer's to see.
    'GET /api/v1/residents/{id}': { params: { id: w.student } },
    'PATCH /api/v1/residents/{id}': { params: adult },
    'POST /api/v1/residents/{id}/guardians': { params: child },
    'GET /api/v1/residents/{id}/status-history': { params: adult },
    'GET /api/v1/households/{id}': { params: { id: w.householdId } },
    'PATCH /api/v1/households/{id}': { params: { id: w.householdId } },
    'PUT /api/v1/households/{id}/members/{residentId}': { params: { id: w.householdId, residentId: w.student } },
    'DELETE /api/v1/households/{id}/members/{residentId}': { params: { id: w.householdId, residentId: w.student } },
    'GET /api/v1/imports/{id}': { params: { id: w.importRunId } },
    'GET /api/v1/imports/{id}/errors': { params: { id: w.importRunId } },
    'GET /api/v1/match-runs/{id}': { params: { id: w.matchRunId } },
    'GET /api/v1/match-runs/{id}/result': { params: { id: w.matchRunId } },
    'GET /api/v1/match-runs/{id}/errors': { params: { id: w.matchRunId } },
    'GET /api/v1/match-runs/{id}/reviews': { params: { id: w.matchRunId } },
    'POST /api/v1/match-runs/{id}/reviews/{seq}/accept': { params: { id: w.matchRunId, seq: String(w.reviewSeqs[0]) } },
    'POST /api/v1/match-runs/{id}/reviews/{seq}/reject': { params: { id: w.matchRunId, seq: String(w.reviewSeqs[1]) } },
    'GET /api/v1/residents/{id}/obligations': { params: adult },
    'GET /api/v1/residents/{id}/coverage-periods': { params: adult },
    'POST /api/v1/residents/{id}/coverage-periods': { params: adult },
    'PATCH /api/v1/residents/{id}/coverage-periods/{periodId}': { params: { ...adult, periodId: w.coveragePeriodId } },
    'GET /api/v1/coverage-imports/{id}': { params: { id: w.coverageImportId } },
    'GET /api/v1/coverage-imports/{id}/lines': { params: { id: w.coverageImportId } },
    'POST /api/v1/coverage-imports/{id}/apply': { params: { id: w.coverageImportId } },
    'GET /api/v1/residents/{id}/insurance-facts': { params: adult },
    'PUT /api/v1/residents/{id}/insurance-facts': { params: adult },
    'GET /api/v1/residents/{id}/pension-reliefs': { params: adult },
    'POST /api/v1/residents/{id}/pension-reliefs': { params: adult },
    'GET /api/v1/employer-report-imports/{id}': { params: { id: w.employerImportId } },
    'GET /api/v1/employer-report-imports/{id}/reports': { params: { id: w.employerImportId } },
    'GET /api/v1/employer-report-imports/{id}/late.csv': { params: { id: w.employerImportId } },
    'POST /api/v1/employer-report-imports/{id}/apply': { params: { id: w.employerImportId } },
    'GET /api/v1/residents/{id}/employment-records': { params: adult },
    'POST /api/v1/residents/{id}/employment-records': { params: adult },
    'PATCH /api/v1/residents/{id}/employment-records/{recordId}': {
      params: { ...adult, recordId: w.employmentRecordId },
    },
    'GET /api/v1/residents/{id}/counseling-sessions': { params: adult },
    'POST /api/v1/residents/{id}/counseling-sessions': { params: adult },
    'GET /api/v1/residents/{id}/referrals-to-work': { params: adult },
    'POST /api/v1/residents/{id}/referrals-to-work': { params: adult },
    'PATCH /api/v1/referrals-to-work/{id}': { params: { id: w.workReferralId } },
    'GET /api/v1/residents/{id}/job-hunting': { params: { id: w.student } },
    'PUT /api/v1/residents/{id}/job-hunting': { params: { id: w.student } },
    'POST /api/v1/residents/{id}/part-time-hours': { params: { id: w.student } },
    'GET /api/v1/residents/{id}/part-time-hours': { params: { id: w.student } },
    'GET /api/v1/residents/{id}/credentials': { params: { id: w.student } },
    'POST /api/v1/residents/{id}/credentials': { params: { id: w.student } },
    'GET /api/v1/language-courses/{id}': { params: { id: w.courseId } },
    'PATCH /api/v1/language-courses/{id}': { params: { id: w.courseId } },
    'POST /api/v1/language-courses/{id}/sessions': { params: { id: w.courseId } },
    'GET /api/v1/language-courses/{id}/sessions': { params: { id: w.courseId } },
    'POST /api/v1/language-courses/{id}/enrollments': { params: { id: w.courseId } },
    'GET /api/v1/language-courses/{id}/enrollments': { params: { id: w.courseId } },
    'GET /api/v1/language-courses/{id}/enrollments.csv': { params: { id: w.courseId } },
    'GET /api/v1/language-courses/{id}/attendance.csv': { params: { id: w.courseId } },
    'GET /api/v1/language-courses/{id}/absent-learners': { params: { id: w.courseId } },
    'POST /api/v1/language-courses/{id}/close': { params: { id: w.spareCourseId } },
    'PATCH /api/v1/course-sessions/{id}': { params: { id: w.courseSessionId } },
    'PUT /api/v1/course-sessions/{id}/attendance': { params: { id: w.courseSessionId } },
    'PATCH /api/v1/enrollments/{id}': { params: { id: w.enrollmentId } },
    'GET /api/v1/residents/{id}/language': { params: adult },
    'POST /api/v1/residents/{id}/proficiency-assessments': { params: adult },
    'GET /api/v1/orientation-sessions/{id}': { params: { id: w.orientationSessionId } },
    'PATCH /api/v1/orientation-sessions/{id}': { params: { id: w.orientationSessionId } },
    'PUT /api/v1/orientation-sessions/{id}/attendance': { params: { id: w.orientationSessionId } },
    'GET /api/v1/orientation-sessions/{id}/attendance': { params: { id: w.orientationSessionId } },
    'GET /api/v1/orientation-sessions/{id}/attendance.csv': { params: { id: w.orientationSessionId } },
    'GET /api/v1/residents/{id}/orientation': { params: adult },
    // A city case never referred: valid bodies, so that the PESO's answer is the policy's, not validation's.
    'GET /api/v1/cases/{id}': { params: { id: w.caseId } },
    'PATCH /api/v1/cases/{id}': { params: { id: w.caseId }, body: { version: 1, priority: 'LOW' } },
    'POST /api/v1/cases/{id}/notes': { params: { id: w.caseId }, body: { body: 'Matrix probe.' } },
    'GET /api/v1/cases/{id}/notes': { params: { id: w.caseId } },
    'GET /api/v1/cases/{id}/notes.csv': { params: { id: w.caseId } },
    'GET /api/v1/cases/{id}/timeline': { params: { id: w.caseId } },
    'POST /api/v1/cases/{id}/referrals': {
      params: { id: w.caseId },
      body: { toOrgId: w.pesoOrgId, purpose: 'EMPLOYMENT_SUPPORT' },
    },
    'PATCH /api/v1/referrals/{id}': { params: { id: w.caseReferralId } },
    'POST /api/v1/residents/{id}/consents': { params: adult },
    'GET /api/v1/residents/{id}/consents': { params: adult },
    'POST /api/v1/consents/{id}/withdraw': { params: { id: w.spareConsentId } },
    // The board's alert: a valid body (stale version) so that others get the policy's 404.
    'GET /api/v1/alerts/{id}': { params: { id: w.alertId } },
    'PATCH /api/v1/alerts/{id}': { params: { id: w.alertId }, body: { version: 1, status: 'RESOLVED' } },
    'POST /api/v1/notifications/{id}/resend': { params: { id: w.notificationId } },
    'GET /api/v1/notifications/{id}/letter.pdf': { params: { id: w.notificationId } },
    'GET /api/v1/residents/{id}/notifications': { params: adult },
    'GET /api/v1/residents/{id}/notification-opt-outs': { params: adult },
    'PUT /api/v1/residents/{id}/notification-opt-outs': { params: adult },
    'GET /api/v1/residents/{id}/contact': { params: adult },
    'PUT /api/v1/residents/{id}/contact': { params: adult },
    'PATCH /api/v1/reminder-schedules/{purpose}': { params: { purpose: 'STATUS_RENEWAL_INSURANCE' } },
    'PATCH /api/v1/schools/{id}': { params: { id: w.schoolId } },
    // Schooling: valid bodies, since the duty is checked after validation.
    'GET /api/v1/residents/{id}/schooling': { params: child },
    'POST /api/v1/residents/{id}/school-enrollments': {
      params: child,
      body: { schoolId: w.schoolId, fromDate: `${w.schoolYear}-04-01` },
    },
    'PATCH /api/v1/residents/{id}/school-enrollments/{enrollmentId}': {
      params: { ...child, enrollmentId: w.schoolEnrollmentId },
      body: { version: 1, grade: 3 },
    },
    'PUT /api/v1/residents/{id}/schooling-status/{schoolYear}': {
      params: { ...child, schoolYear: String(w.schoolYear + 1) },
      body: { status: 'UNCONFIRMED', version: 1 },
    },
    'PUT /api/v1/residents/{id}/absences/{month}': {
      params: { ...child, month: `${w.schoolYear}-04` },
      body: { daysAbsent: 30 },
    },
    'POST /api/v1/residents/{id}/school-guide-responses': {
      params: child,
      body: { schoolYear: w.schoolYear + 1, response: 'INTENDS_TO_ENROLL' },
    },
    'GET /api/v1/school-guide-dispatches/{id}': { params: { id: w.dispatchId } },
    'GET /api/v1/reports/{code}/runs': { params: { code: 'RESIDENTS' } },
    'POST /api/v1/reports/{code}/runs': { params: { code: 'RESIDENTS' } },
    'GET /api/v1/reports/{code}/series': { params: { code: 'RESIDENTS' } },
    'GET /api/v1/reports/{code}/runs/{id}': { params: { code: 'RESIDENTS', id: w.reportRunId } },
  };
}

const UNSAFE = ['post', 'put', 'patch', 'delete'];

/** The route's path with the probe's records; `sample` when any parameter had to be a sample id. */
function pathOf(route: Route, probe: Probe | undefined): { path: string; sample: boolean } {
  let sample = false;
  const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = probe?.params?.[name];
    if (value !== undefined) return value;
    sample = true;
    return SAMPLE_ID;
  });
  return { path, sample };
}

/** What an answer means under the policy. */
function outcomeOf(status: number, sample: boolean): Outcome | `${number}` {
  if (status === 401 || status === 403) return status;
  if (status === 404) return sample ? 'allow' : 'hidden';
  if (status >= 500) return `${status}`;
  return 'allow';
}

/** [K13] Every route against the declared table (route-policy.ts), for every kind of caller. */
describe('role × route matrix', () => {
  let t: TestApp;
  let world: World;
  let sessions: SessionsByRole;
  let routes: Route[];
  let probeOf: Record<string, Probe>;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    sessions = {
      ADMIN: await login(t.http, DEMO.admin),
      CITY_CASEWORKER: await login(t.http, DEMO.caseworker),
      SCHOOL_OFFICER: await login(t.http, DEMO.school),
      PESO_COUNSELOR: await login(t.http, DEMO.counselor),
      REPORT_VIEWER: await login(t.http, DEMO.reports),
    };
    world = await buildWorld(t, sessions);
    probeOf = probes(world);
    const document = (await request(t.http).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ key: `${method.toUpperCase()} ${path}`, method, path })),
    );
  }, 120_000);
  afterAll(() => t?.close());

  it('has a declared policy for every route of the OpenAPI document, and for no other', () => {
    const inDocument = new Set(routes.map((route) => route.key));
    const undeclared = routes
      .filter((route) => !(route.key in ROUTE_POLICY))
      .map((route) => `${route.key}: route not in the policy table (default deny: declare who may call it)`);
    const stale = Object.keys(ROUTE_POLICY)
      .filter((key) => !inDocument.has(key))
      .map((key) => `${key}: in the policy table but no longer in the OpenAPI document`);
    const unprobed = Object.keys(probeOf)
      .filter((key) => !inDocument.has(key))
      .map((key) => `${key}: probed but not in the OpenAPI document`);
    expect([...undeclared, ...stale, ...unprobed]).toEqual([]);
  });

  it('probes every route with a hidden cell with real records (a 404 on a sample id proves nothing)', () => {
    const weak = routes
      .filter((route) => ROUTE_POLICY[route.key]?.includes('hidden') && pathOf(route, probeOf[route.key]).sample)
      .map((route) => route.key);
    expect(weak).toEqual([]);
  });

  async function sessionOf(caller: Caller, route: Route): Promise<SignedIn | undefined> {
    if (caller === 'anonymous') return undefined;
    if (caller === 'revoked') return world.revoked;
    // Signing out would end the session the walk goes on with: sign out a session of its own.
    if (route.key === 'POST /api/v1/auth/logout') return login(t.http, sessions[caller as Role].user.email);
    return sessions[caller as Role];
  }

  /** The route called as the caller, with its probe: the mismatch, if any. */
  async function check(caller: Caller, route: Route, expected: Outcome): Promise<string | null> {
    const probe = probeOf[route.key];
    const { path, sample } = pathOf(route, probe);
    const session = await sessionOf(caller, route);
    let test = (request(t.http) as unknown as Record<string, (path: string) => request.Test>)[route.method](path);
    if (session) test = test.set('cookie', session.cookie).set('x-csrf-token', session.csrfToken);
    const response = await (UNSAFE.includes(route.method) ? test.send(probe?.body ?? {}) : test);
    const got = outcomeOf(response.status, sample);
    return got === expected
      ? null
      : `${route.key} ${caller}: expected ${expected} got ${got} (${response.status} on ${path})`;
  }

  it.each(CALLERS)('answers %s on every route as the table declares', async (caller) => {
    const declaredRoutes = routes.flatMap((route) => {
      const expected = declared(route.key, caller);
      return expected === undefined ? [] : [{ route, expected }]; // undeclared: reported by the first test
    });
    const wrong: string[] = [];
    // Reads eight at a time; writes one by one in the document's order (PUT a member, then DELETE it).
    const reads = declaredRoutes.filter(({ route }) => !UNSAFE.includes(route.method));
    for (let i = 0; i < reads.length; i += 8) {
      const answers = await Promise.all(
        reads.slice(i, i + 8).map(({ route, expected }) => check(caller, route, expected)),
      );
      wrong.push(...answers.filter((answer): answer is string => answer !== null));
    }
    for (const { route, expected } of declaredRoutes.filter(({ route }) => UNSAFE.includes(route.method))) {
      const answer = await check(caller, route, expected);
      if (answer) wrong.push(answer);
    }
    expect(wrong).toEqual([]);
    expect(declaredRoutes.length).toBeGreaterThan(150);
  });
});
