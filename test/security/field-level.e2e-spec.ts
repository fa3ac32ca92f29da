import { AlertsService } from '@app/alerts';
import { addDays, officeDate, schoolYearOf } from '@app/platform';
import { randomBytes, randomUUID } from 'node:crypto';
import { DEMO, seedDemo } from '../factories/identity.js';
import { createResident } from '../factories/residents.js';
import { login, type SignedIn } from '../support/http.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { call, everythingIn, sentinelsIn } from './field-scan.js';
import { operations } from './idor-routes.js';

const today = officeDate(new Date(), 'Asia/Tokyo');
const year = schoolYearOf(today);
const tag = randomBytes(4).toString('hex').toUpperCase();

/** Unique texts written into every field the PESO's duty does not need (docs/architecture.md, roles). */
const SENTINEL = {
  address: `SENTINEL-ADDRESS-${tag}`,
  residentKey: `SENTINEL-KEY-${tag}`,
  householdKey: `SENTINEL-HOUSEHOLD-${tag}`,
  schoolCode: `SENTINEL-SC-${tag.slice(0, 6)}`,
  schoolName: `SENTINEL-SCHOOL-${tag}`,
  schoolAddress: `SENTINEL-SCHOOLADDR-${tag}`,
  enrollmentNote: `SENTINEL-ENROLMENT-${tag}`,
  statusNote: `SENTINEL-SCHOOLSTATUS-${tag}`,
  guideNote: `SENTINEL-GUIDE-${tag}`,
  sensitiveNote: `SENTINEL-SENSITIVE-${tag}`,
  healthInsurance: `SENTINEL-NHI-${tag}`,
  pensionRelief: `SENTINEL-PENSION-${tag}`,
  contact: `sentinel-contact-${tag.toLowerCase()}@example.org`,
};
const SENTINELS = Object.values(SENTINEL);
/** What the PESO legitimately reads of the same resident: the scan must see real data. */
const SHARED_NOTE = `shared-note-${tag}`;

/**
 * [K13] "An office seeing fields its duty does not need". A resident of the demo city, within the
 * PESO's jurisdiction, has consented to EMPLOYMENT_SUPPORT and the PESO accepted the city's
 * referral: the PESO legitimately reads the resident and the case. Sentinels sit in every field it
 * must never read (schooling, health insurance and pension relief, the sensitive note, the address,
 * household and register key, the contact address). Every GET of the OpenAPI document, some bad
 * requests and some conflicts are sent as the PESO counselor; no answer may carry a sentinel.
 */
describe('field-level: what a PESO counselor never reads', () => {
  let t: TestApp;
  let caseworker: SignedIn;
  let school: SignedIn;
  let counselor: SignedIn;
  const ids: Record<string, string> = {};
  /** Answers the caseworker got where each sentinel is expected (the positive control). */
  const cityViews: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    caseworker = await login(t.http, DEMO.caseworker);
    school = await login(t.http, DEMO.school);
    counselor = await login(t.http, DEMO.counselor);
    const pesoOrgId = counselor.user.orgId;
    const ok = async (test: PromiseLike<{ status: number; body: unknown; text?: string }>) => {
      const response = await test;
      if (response.status >= 300) throw new Error(`fixture: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as { id: string; version: number } & Record<string, unknown>;
    };

    const parent = await createResident(caseworker, {
      familyName: `FIELDS${tag.replace(/[0-9]/g, 'Q')}`,
      givenName: 'LUANA',
      residentKey: SENTINEL.residentKey,
      address: SENTINEL.address,
      statusCode: 'LONG_TERM',
    });
    const child = await createResident(caseworker, {
      familyName: `FIELDS${tag.replace(/[0-9]/g, 'Q')}`,
      givenName: 'PEDRO',
      birthDate: `${year - 15}-09-15`,
      address: SENTINEL.address,
    });
    ids.parent = parent.id;
    ids.child = child.id;
    await caseworker.post(`/api/v1/residents/${child.id}/guardians`, { guardianId: parent.id }).expect(204);
    ids.household = (
      await ok(
        caseworker.post('/api/v1/households', {
          householdKey: SENTINEL.householdKey,
          memberIds: [parent.id, child.id],
          headResidentId: parent.id,
        }),
      )
    ).id;

    // Health insurance and pension relief, and the contact address: the city's desks only.
    ids.period = (
      await ok(
        caseworker.post(`/api/v1/residents/${parent.id}/coverage-periods`, {
          scheme: 'NHI',
          role: 'INSURED',
          startDate: '2024-04-01',
          endDate: addDays(today, -40),
          evidenceRef: SENTINEL.healthInsurance,
        }),
      )
    ).id;
    await ok(
      caseworker.post(`/api/v1/residents/${parent.id}/pension-reliefs`, {
        fiscalYear: 2024,
        kind: 'EXEMPTION_FULL',
        evidenceRef: SENTINEL.pensionRelief,
      }),
    );
    await ok(caseworker.put(`/api/v1/residents/${parent.id}/contact`, { email: SENTINEL.contact }));

    // The child's schooling, every free-text field of it.
    const schoolRow = await ok(
      school.post('/api/v1/schools', {
        code: SENTINEL.schoolCode,
        name: SENTINEL.schoolName,
        kind: 'PUBLIC_LOWER_SECONDARY',
        address: SENTINEL.schoolAddress,
      }),
    );
    ids.school = schoolRow.id;
    ids.enrollment = (
      await ok(
        school.post(`/api/v1/residents/${child.id}/school-enrollments`, {
          schoolId: schoolRow.id,
          grade: 9,
          fromDate: `${year}-04-01`,
          japaneseInstructionNeeded: true,
          note: SENTINEL.enrollmentNote,
        }),
      )
    ).id;
    await ok(
      school.put(`/api/v1/residents/${child.id}/schooling-status/${year + 1}`, {
        status: 'NOT_ENROLLED',
        source: 'HOME_VISIT',
        note: SENTINEL.statusNote,
      }),
    );
    for (const month of [`${year}-04`, `${year}-05`, `${year}-06`]) {
      await ok(school.put(`/api/v1/residents/${child.id}/absences/${month}`, { daysAbsent: 11, reason: 'FUTOKO' }));
    }
    const guide = await caseworker.post(`/api/v1/residents/${child.id}/school-guide-responses`, {
      schoolYear: year,
      response: 'INTENDS_TO_ENROLL',
      note: SENTINEL.guideNote,
    });
    expect(guide.status).toBe(201);
    cityViews.push(guide.text);

    // The case, a note the PESO may read and a sensitive one it may not; consent, referral, acceptance.
    const opened = await ok(
      caseworker.post('/api/v1/cases', {
        residentId: parent.id,
        category: 'JOB_SEARCH',
        title: 'Looking for work after the plant closed',
        nextActionOn: addDays(today, -1),
      }),
    );
    ids.case = opened.id;
    await ok(caseworker.post(`/api/v1/cases/${opened.id}/notes`, { body: SHARED_NOTE }));
    await ok(
      caseworker.post(`/api/v1/cases/${opened.id}/notes`, { body: SENTINEL.sensitiveNote, sensitivity: 'SENSITIVE' }),
    );
    ids.consent = (
      await ok(
        caseworker.post(`/api/v1/residents/${parent.id}/consents`, {
          purpose: 'EMPLOYMENT_SUPPORT',
          recipientOrgId: pesoOrgId,
          grantedOn: today,
          evidenceRef: 'FORM-2026-77',
          explanationLanguage: 'pt',
        }),
      )
    ).id;
    const referral = await ok(
      caseworker.post(`/api/v1/cases/${opened.id}/referrals`, { toOrgId: pesoOrgId, purpose: 'EMPLOYMENT_SUPPORT' }),
    );
    ids.referral = referral.id;
    await ok(counselor.patch(`/api/v1/referrals/${referral.id}`, { version: referral.version, status: 'ACCEPTED' }));

    // The PESO's own work on the resident, and a language course the city runs.
    ids.record = (
      await ok(
        counselor.post(`/api/v1/residents/${parent.id}/employment-records`, {
          employer: { name: 'Enshu Seiki', isCorporation: true },
          hiredOn: addDays(today, -30),
          eiInsured: false,
        }),
      )
    ).id;
    ids.course = (
      await ok(
        caseworker.post('/api/v1/language-courses', {
          title: 'にほんご',
          provider: 'HICE',
          providerKind: 'INTERNATIONAL_ASSOCIATION',
          levelFrom: 'A1',
          levelTo: 'A2',
          instructionLanguage: 'ja-easy',
          capacity: 10,
          startsOn: addDays(today, -7),
          endsOn: addDays(today, 60),
        }),
      )
    ).id;
    await ok(caseworker.post(`/api/v1/language-courses/${ids.course}/enrollments`, { residentId: parent.id }));

    // Alerts as the evaluation raises them (the city's, the board's and the PESO's).
    await t.app.get(AlertsService).evaluateResidents([parent.id, child.id]);
  }, 60_000);
  afterAll(() => t.close());

  /** The values a path parameter takes for the scan; an id the PESO cannot know is a fresh uuid. */
  function pathsFor(template: string): string[] {
    const values: Record<string, string[]> = {
      '/residents/{id}': [ids.parent, ids.child],
      '/cases/{id}': [ids.case],
      '/households/{id}': [ids.household],
      '/schools/{id}': [ids.school],
      '/referrals/{id}': [ids.referral],
      '/consents/{id}': [ids.consent],
      '/language-courses/{id}': [ids.course],
      '{periodId}': [ids.period],
      '{recordId}': [ids.record],
      '{enrollmentId}': [ids.enrollment],
      '{schoolYear}': [String(year), String(year + 1)],
      '{month}': [`${year}-05`],
      '{code}': ['RESIDENTS', 'SCHOOL_ENROLMENT', 'EMPLOYER_REPORTS'],
      '{purpose}': ['NHI_ENROLMENT'],
      '{seq}': ['1'],
    };
    let paths = [template.replace('/api/v1', '')];
    for (;;) {
      const next = paths[0].match(/(\/[a-z-]+\/)?\{[^}]+\}/);
      if (!next) break;
      const [whole, prefix = ''] = next;
      const param = whole.slice(prefix.length);
      const choices = values[`${prefix.slice(0, -1)}/${param}`] ?? values[param] ?? [randomUUID()];
      paths = paths.flatMap((path) => choices.map((choice) => path.replace(whole, `${prefix}${choice}`)));
    }
    return paths.map((path) => `/api/v1${path}`);
  }

  it('never shows the PESO a schooling field, health-insurance or pension record, sensitive note, address or household', async () => {
    const alertIds: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM alert WHERE resident_id = ANY ($1::uuid[])`,
      [[ids.parent, ids.child]],
    );
    const requests: Array<{ method: string; path: string; body?: object }> = [];
    const required: Record<string, string> = {
      scheme: 'NHI',
      birthDate: `${year - 15}-09-15`,
      from: `${year}-04-01`,
      to: `${year + 1}-03-31`,
      measure: 'residents',
      source: 'CITY_NHI_ROLL',
    };
    for (const operation of await operations(t)) {
      if (operation.method !== 'get') continue;
      const query = operation.query
        .filter((parameter) => parameter.required)
        .map((parameter) => `${parameter.name}=${required[parameter.name] ?? 'x'}`)
        .join('&');
      const paths =
        operation.template === '/api/v1/alerts/{id}'
          ? alertIds.map((alert) => `/api/v1/alerts/${alert.id}`)
          : pathsFor(operation.template);
      for (const path of paths) requests.push({ method: 'get', path: query ? `${path}?${query}` : path });
    }
    const { parent, child } = ids;
    requests.push(
      // Searches and filtered lists.
      { method: 'get', path: `/api/v1/residents?q=FIELDS${tag.replace(/[0-9]/g, 'Q')}` },
      { method: 'get', path: `/api/v1/residents?q=PEDRO` },
      { method: 'post', path: '/api/v1/residents/search', body: { q: `FIELDS${tag.replace(/[0-9]/g, 'Q')}` } },
      { method: 'get', path: `/api/v1/alerts?residentId=${parent}&status=OPEN` },
      { method: 'get', path: `/api/v1/alerts?residentId=${child}` },
      { method: 'get', path: `/api/v1/cases?residentId=${parent}` },
      { method: 'get', path: '/api/v1/cases?overdue=true' },
      { method: 'get', path: '/api/v1/referrals?direction=incoming' },
      { method: 'get', path: '/api/v1/referrals?direction=incoming&status=ACCEPTED' },
      { method: 'get', path: `/api/v1/school-age-children?stage=LOWER_SECONDARY&longAbsence=true` },
      { method: 'get', path: `/api/v1/residents/${parent}/part-time-hours?from=${year}-04-01&to=${today}` },
      // Bad requests: wrong ids, wrong parameters.
      { method: 'get', path: '/api/v1/residents/not-a-uuid' },
      { method: 'get', path: `/api/v1/cases/${ids.case.slice(0, -1)}x/notes` },
      { method: 'get', path: '/api/v1/residents?limit=abc&birthDate=2020-02-30' },
      { method: 'get', path: '/api/v1/alerts?residentId=zzz&status=NOPE' },
      { method: 'get', path: `/api/v1/cases/${ids.case}/notes.csv?sensitivity=SENSITIVE` },
      { method: 'get', path: `/api/v1/residents/${child}/schooling?on=yesterday` },
      { method: 'get', path: `/api/v1/residents/${parent}/part-time-hours?from=bad&to=${today}` },
      { method: 'get', path: `/api/v1/residents?cursor=${'A'.repeat(40)}` },
      // Conflicts and refusals on writes about the same resident and child.
      { method: 'patch', path: `/api/v1/referrals/${ids.referral}`, body: { version: 1, status: 'COMPLETED' } },
      { method: 'patch', path: `/api/v1/cases/${ids.case}`, body: { version: 99, priority: 'LOW' } },
      {
        method: 'post',
        path: `/api/v1/cases/${ids.case}/referrals`,
        body: { toOrgId: caseworker.user.orgId, purpose: 'EMPLOYMENT_SUPPORT' },
      },
      {
        method: 'patch',
        path: `/api/v1/residents/${parent}/employment-records/${ids.record}`,
        body: { version: 99, occupation: 'welder' },
      },
      {
        method: 'patch',
        path: `/api/v1/residents/${parent}/coverage-periods/${ids.period}`,
        body: { version: 99, endDate: today },
      },
      { method: 'put', path: `/api/v1/residents/${parent}/job-hunting`, body: { version: 3, status: 'SEARCHING' } },
      {
        method: 'post',
        path: `/api/v1/residents/${child}/school-enrollments`,
        body: { schoolId: ids.school, fromDate: today },
      },
      {
        method: 'patch',
        path: `/api/v1/residents/${child}/school-enrollments/${ids.enrollment}`,
        body: { version: 99, note: 'x' },
      },
      {
        method: 'put',
        path: `/api/v1/residents/${child}/schooling-status/${year + 1}`,
        body: { status: 'UNCONFIRMED', version: 99 },
      },
      { method: 'put', path: `/api/v1/residents/${child}/absences/${year}-05`, body: { daysAbsent: 1 } },
      {
        method: 'post',
        path: `/api/v1/residents/${child}/school-guide-responses`,
        body: { schoolYear: year, response: 'LEAVING' },
      },
      { method: 'post', path: `/api/v1/residents/${parent}/guardians`, body: { guardianId: child } },
      { method: 'post', path: '/api/v1/households', body: { memberIds: [parent] } },
    );

    const leaks: string[] = [];
    const failures: string[] = [];
    let sharedSeen = 0;
    let answered = 0;
    for (const { method, path, body } of requests) {
      const response = await call(t, counselor, method, path, body);
      const text = await everythingIn(response);
      const found = sentinelsIn(text, SENTINELS);
      if (found.length > 0) leaks.push(`${method.toUpperCase()} ${path} -> ${response.status}: ${found.join(', ')}`);
      if (response.status >= 500) failures.push(`${method.toUpperCase()} ${path} -> ${response.status}`);
      if (text.includes(SHARED_NOTE)) sharedSeen += 1;
      if (response.status === 200) answered += 1;
    }
    expect(leaks).toEqual([]);
    expect(failures).toEqual([]);
    expect(requests.length).toBeGreaterThan(120);
    // Not vacuous: the PESO does read this resident and the case's shared note through the same scan.
    expect(answered).toBeGreaterThan(40);
    expect(sharedSeen).toBeGreaterThanOrEqual(3); // notes, notes.csv, timeline
    const record = await counselor.get(`/api/v1/residents/${parent}`).expect(200);
    expect(record.body).toMatchObject({ givenName: 'LUANA', statusCode: 'LONG_TERM' });
    await counselor.get(`/api/v1/cases/${ids.case}`).expect(200);
    // The schooling record is not there for the PESO at all, even as a conflict.
    await counselor.get(`/api/v1/residents/${child}/schooling`).expect(404);
  }, 60_000);

  it("shows the city caseworker each sentinel where the city's duty needs it (positive control)", async () => {
    for (const path of [
      `/api/v1/residents/${ids.parent}`,
      `/api/v1/households/${ids.household}`,
      '/api/v1/schools',
      `/api/v1/residents/${ids.child}/schooling`,
      `/api/v1/cases/${ids.case}/notes`,
      `/api/v1/residents/${ids.parent}/coverage-periods`,
      `/api/v1/residents/${ids.parent}/pension-reliefs`,
      `/api/v1/residents/${ids.parent}/contact`,
    ]) {
      const response = await call(t, caseworker, 'get', path).expect(200);
      cityViews.push(await everythingIn(response));
    }
    const seen = new Set(cityViews.flatMap((text) => sentinelsIn(text, SENTINELS)));
    expect(SENTINELS.filter((sentinel) => !seen.has(sentinel))).toEqual([]);
  });
});
