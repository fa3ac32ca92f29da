import { ACCESS_OPENAPI_EXTENSION as ACCESS, addDays, officeDate, ProblemFilter, toProblem } from '@app/platform';
import type { ArgumentsHost, INestApplicationContext } from '@nestjs/common';
import fc from 'fast-check';
import { createPeso, createUser, DEMO, seedDemo } from '../factories/identity.js';
import { createResident } from '../factories/residents.js';
import { login, type SignedIn } from '../support/http.js';
import { startWorker } from '../support/register.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  bodies,
  contractBreach,
  POLLUTED,
  RAW_BODIES,
  type Json,
  type Schema,
  type Schemas,
  type SeedBody,
} from './fuzz-arbitraries.js';

/**
 * [K13] Unexpected bodies. Every JSON write route of the OpenAPI document gets fast-check bodies
 * (mutated valid bodies, the schema's keys with hostile values, prototype-pollution keys, random
 * JSON, raw non-JSON) from a caller allowed to call it, on real records, so that the body reaches
 * the service. No answer may be a 5xx; every 4xx is problem+json; what got stored is served back
 * only as JSON (never HTML); Object.prototype is untouched in this (the API's) process.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 1_302_013);
/** Routes whose records matter most get the full 1,000 bodies; the rest `FUZZ_RUNS_OTHER`. */
const RUNS_CORE = Number(process.env.FUZZ_RUNS ?? 1_000);
const RUNS_OTHER = Number(process.env.FUZZ_RUNS_OTHER ?? 200);
const LANES = Number(process.env.FUZZ_LANES ?? 8);
/** The resident, case, note, coverage, schooling and employment writes. */
const CORE =
  /^\/api\/v1\/(residents(\/\{id\})?|cases(\/\{id\}(\/notes)?)?|residents\/\{id\}\/(coverage-periods|employment-records|school-enrollments|schooling-status|absences|school-guide-responses)(\/.*)?)$/;

type Who = 'admin' | 'caseworker' | 'school' | 'counselor' | 'anonymous';

interface Route {
  method: string;
  template: string;
  schema: Schema;
  url: string;
  who: Who;
  seed: SeedBody;
  /** Residents take their version as If-Match. */
  ifMatch?: boolean;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const today = officeDate(new Date());
const VERSION = '$version';
const key = (prefix: string) => fc.uuid({ version: 4 }).map((id) => `${prefix}${id.slice(0, 8)}`);

describe('fuzzing every write route with unexpected bodies', () => {
  let t: TestApp;
  let worker: INestApplicationContext | undefined;
  const sessions = new Map<Who, SignedIn>();
  let document: { paths: Record<string, Record<string, Record<string, unknown>>>; components: { schemas: Schemas } };
  let routes: Route[] = [];
  /** The version each versioned record is at, by URL (updated from every 2xx answer). */
  const versions = new Map<string, number | undefined>();
  const prototypesBefore = snapshotPrototypes();

  async function inject(method: string, url: string, who: Who, payload: string, extra: Record<string, string> = {}) {
    const session = sessions.get(who);
    const response = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: method.toUpperCase() as 'POST',
        url,
        payload,
        headers: {
          'content-type': 'application/json',
          ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
          ...extra,
        },
      });
    return { status: response.statusCode, headers: response.headers, body: response.body } as Answer;
  }

  async function send(route: Route, body: Json | string, raw = false): Promise<Answer & { sent?: Json }> {
    const version = versions.get(route.url);
    let payload: string;
    let sent: Json | undefined;
    if (raw) payload = body as string;
    else {
      sent =
        body && typeof body === 'object' && !Array.isArray(body) && body.version === VERSION
          ? withVersion(body, version)
          : (body as Json);
      payload = JSON.stringify(sent);
    }
    const answer = await inject(
      route.method,
      route.url,
      route.who,
      payload,
      route.ifMatch ? { 'if-match': `"${version ?? 1}"` } : {},
    );
    if (answer.status >= 200 && answer.status < 300 && versions.has(route.url)) {
      const next = parsed(answer.body) as { version?: unknown } | undefined;
      if (typeof next?.version === 'number') versions.set(route.url, next.version);
    }
    return { ...answer, sent };
  }

  beforeAll(async () => {
    if (process.env.FUZZ_DEBUG) showFailures();
    t = await createTestApp();
    await seedDemo(t);
    for (const who of ['admin', 'caseworker', 'school', 'counselor'] as const) {
      sessions.set(who, await login(t.http, DEMO[who]));
    }
    document = parsed((await inject('get', '/api/docs-json', 'anonymous', '')).body) as typeof document;
    routes = await buildRoutes();
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  /** Real records for every path id, each versioned route on a record of its own. */
  async function buildRoutes(): Promise<Route[]> {
    const caseworker = sessions.get('caseworker')!;
    const counselor = sessions.get('counselor')!;
    const school = sessions.get('school')!;
    const admin = sessions.get('admin')!;
    const cityOrgId = caseworker.user.orgId;
    const pesoOrgId = counselor.user.orgId;
    const ok = async (what: string, answer: Promise<{ status: number; body: unknown }>) => {
      const response = await answer;
      if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as { id: string; version: number } & Record<string, unknown>;
    };
    const resident = (fields: Record<string, unknown> = {}) => createResident(caseworker, fields);
    const child = (fields: Record<string, unknown> = {}) =>
      resident({ birthDate: addDays(today, -9 * 365), givenName: 'NINA', ...fields });

    // Throwaway accounts: login is fuzzed on one (never on a demo user: throttling), patched on another.
    const loginUser = await createUser(t, cityOrgId, ['REPORT_VIEWER']);
    const patchedUser = await createUser(t, cityOrgId, ['REPORT_VIEWER']);
    await createPeso(t, ['221309']);

    const patchedResident = await resident();
    const household = await ok(
      'household',
      caseworker.post('/api/v1/households', { memberIds: [(await resident()).id], householdKey: 'H-FUZZ' }),
    );
    const coveragePeriod = await ok(
      'coverage period',
      caseworker.post(`/api/v1/residents/${(await resident()).id}/coverage-periods`, {
        scheme: 'NHI',
        role: 'INSURED',
        startDate: '2020-04-01',
      }),
    );
    const employed = await resident();
    const employmentRecord = await ok(
      'employment record',
      counselor.post(`/api/v1/residents/${employed.id}/employment-records`, {
        employer: { name: '株式会社浜松部品', isCorporation: true },
        hiredOn: '2024-04-01',
      }),
    );
    const referralToWork = await ok(
      'referral to work',
      counselor.post(`/api/v1/residents/${(await resident()).id}/referrals-to-work`, {
        kind: 'JOB',
        referredOn: today,
        vacancyRef: '22010-12345678',
      }),
    );
    const student = await resident({ statusCode: 'STUDENT', birthDate: '2003-04-04' });
    const course = () =>
      ok(
        'course',
        caseworker.post('/api/v1/language-courses', {
          title: 'にほんご きょうしつ',
          provider: 'Hamamatsu Foundation',
          providerKind: 'INTERNATIONAL_ASSOCIATION',
          levelFrom: 'A1',
          levelTo: 'A2',
          instructionLanguage: 'ja-easy',
          capacity: 1000,
          startsOn: addDays(today, -30),
          endsOn: addDays(today, 90),
        }),
      );
    const patchedCourse = await course();
    const sessionsCourse = await course();
    const enrollCourse = await course();
    const attendanceCourse = await course();
    const courseSession = await ok(
      'course session',
      caseworker.post(`/api/v1/language-courses/${attendanceCourse.id}/sessions`, { heldOn: today }),
    );
    const patchedSession = await ok(
      'course session',
      caseworker.post(`/api/v1/language-courses/${(await course()).id}/sessions`, { heldOn: addDays(today, 1) }),
    );
    const learner = await ok(
      'enrollment',
      caseworker.post(`/api/v1/language-courses/${attendanceCourse.id}/enrollments`, {
        residentId: (await resident()).id,
      }),
    );
    const patchedEnrollment = await ok(
      'enrollment',
      caseworker.post(`/api/v1/language-courses/${(await course()).id}/enrollments`, {
        residentId: (await resident()).id,
      }),
    );
    const orientation = () =>
      ok(
        'orientation session',
        caseworker.post('/api/v1/orientation-sessions', {
          heldOn: addDays(today, 14),
          venue: '浜松市役所 北館 101会議室',
          languages: ['ja-easy', 'vi'],
          topics: ['TAX'],
        }),
      );
    const patchedOrientation = await orientation();
    const attendedOrientation = await orientation();
    const openCase = async () =>
      ok(
        'case',
        caseworker.post('/api/v1/cases', {
          residentId: (await resident()).id,
          category: 'JOB_SEARCH',
          title: 'Looking for work',
        }),
      );
    const consentFor = (residentId: string) =>
      ok(
        'consent',
        caseworker.post(`/api/v1/residents/${residentId}/consents`, {
          purpose: 'EMPLOYMENT_SUPPORT',
          recipientOrgId: pesoOrgId,
          grantedOn: today,
          evidenceRef: 'DOC-1',
          explanationLanguage: 'vi',
        }),
      );
    const patchedCase = await openCase();
    const notedCase = await openCase();
    const referredCase = await openCase();
    await consentFor(referredCase.residentId as string);
    const answeredCase = await openCase();
    await consentFor(answeredCase.residentId as string);
    const caseReferral = await ok(
      'case referral',
      caseworker.post(`/api/v1/cases/${answeredCase.id}/referrals`, {
        toOrgId: pesoOrgId,
        purpose: 'EMPLOYMENT_SUPPORT',
      }),
    );
    const withdrawn = await consentFor((await resident()).id);
    const schedules = (await admin.get('/api/v1/reminder-schedules')).body as Array<{
      purpose: string;
      version: number;
    }>;
    const schedule = schedules.find((s) => s.purpose === 'NHI_ENROLMENT') ?? schedules[0];
    let schools = 0;
    const schoolRow = () =>
      ok(
        'school',
        school.post('/api/v1/schools', { code: `S${(schools += 1)}`, name: '北小学校', kind: 'PUBLIC_ELEMENTARY' }),
      );
    const patchedSchool = await schoolRow();
    const enrollingSchool = await schoolRow();
    const enrolledChild = await child();
    const schoolEnrollment = await ok(
      'school enrollment',
      school.post(`/api/v1/residents/${enrolledChild.id}/school-enrollments`, {
        schoolId: enrollingSchool.id,
        fromDate: addDays(today, -100),
      }),
    );
    const schoolYear = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 4 ? 1 : 0);

    // An alert and a match review need the worker: started for these two, stopped before fuzzing.
    worker = await startWorker(t);
    const alerted = await resident();
    const alert = await eventually('an alert', async () => {
      const page = (await caseworker.get(`/api/v1/alerts?residentId=${alerted.id}`)).body as {
        items: Array<{ id: string; version: number }>;
      };
      return page.items[0];
    });
    const twins = await Promise.all(
      ['DUC MINH', 'DUC MANH'].map((given) =>
        resident({ familyName: 'TRAN', givenName: given, birthDate: '2001-06-30', sex: 'M', nationality: 'VN' }),
      ),
    );
    const run = await ok(
      'match run',
      caseworker
        .upload('/api/v1/match-runs?source=EMPLOYER_REPORT')
        .attach(
          'file',
          Buffer.from(
            'source_ref,kana_name,birth_date,sex,alphabet_name,nationality\nR1,チャン ドゥック,2001-06-30,M,,\nR2,チャン ドゥック,2001-06-30,M,,\n',
          ),
          'roll.csv',
        ),
    );
    const reviews = await eventually('the match run', async () => {
      const state = (await caseworker.get(`/api/v1/match-runs/${run.id}`)).body as { status: string };
      if (state.status === 'FAILED') throw new Error(`match run failed: ${JSON.stringify(state)}`);
      if (state.status !== 'DONE') return undefined;
      const page = (await caseworker.get(`/api/v1/match-runs/${run.id}/reviews`)).body as {
        items: Array<{ seq: number }>;
      };
      if (page.items.length < 2) throw new Error(`expected two reviews: ${JSON.stringify(page)}`);
      return page.items;
    });
    await worker.close();
    worker = undefined;

    const versioned = (url: string, version: number | undefined) => {
      versions.set(url, version);
      return url;
    };
    const r = (path: string) => `/api/v1/residents/${path}`;
    const text = (value: string) => value;

    const table: Record<string, { who: Who; url: string; seed: SeedBody; ifMatch?: boolean }> = {
      'post /api/v1/auth/login': {
        who: 'anonymous',
        url: '/api/v1/auth/login',
        seed: { email: loginUser.email, password: 'Correct-horse-battery-9' },
      },
      'post /api/v1/organizations': {
        who: 'admin',
        url: '/api/v1/organizations',
        seed: { kind: 'PESO', name: key('PESO '), jurisdictionCodes: ['221309'] },
      },
      'patch /api/v1/organizations/{id}': {
        who: 'admin',
        url: versioned(
          `/api/v1/organizations/${cityOrgId}`,
          (await admin.get(`/api/v1/organizations/${cityOrgId}`)).body.version,
        ),
        seed: { version: VERSION, name: '浜松市' },
      },
      'post /api/v1/users': {
        who: 'admin',
        url: '/api/v1/users',
        seed: {
          email: key('fuzz-').map((local) => `${local}@test.example`),
          displayName: '田中 花子',
          roles: ['REPORT_VIEWER'],
          password: 'Correct-horse-battery-9',
        },
      },
      'patch /api/v1/users/{id}': {
        who: 'admin',
        url: versioned(`/api/v1/users/${patchedUser.id}`, patchedUser.version),
        seed: { version: VERSION, displayName: 'Test User', roles: ['REPORT_VIEWER'], active: true },
      },
      'post /api/v1/service-tokens': {
        who: 'admin',
        url: '/api/v1/service-tokens',
        seed: { name: 'nightly export', roles: ['REPORT_VIEWER'] },
      },
      'post /api/v1/residents': {
        who: 'caseworker',
        url: '/api/v1/residents',
        seed: {
          residentKey: key('F'),
          familyName: 'NGUYEN',
          givenName: 'VAN AN',
          kanjiName: '阮 文安',
          kanaName: 'グエン ヴァン アン',
          birthDate: '1994-07-21',
          sex: 'M',
          nationality: 'VN',
          registryCategory: 'MID_LONG_TERM',
          statusCode: 'ENGINEER_HUMANITIES',
          stayPeriod: '3y',
          stayExpiryDate: '2028-07-20',
          postalCode: '430-0929',
          address: '浜松市中区元城町103-2',
          preferredLanguage: 'vi',
        },
      },
      'post /api/v1/residents/search': {
        who: 'caseworker',
        url: '/api/v1/residents/search',
        seed: { q: 'NGUYEN VAN', birthDate: '1994-07-21', limit: 20 },
      },
      'patch /api/v1/residents/{id}': {
        who: 'caseworker',
        url: versioned(r(patchedResident.id), patchedResident.version),
        ifMatch: true,
        seed: { address: '浜松市中区元城町103-2', givenName: 'ANA', commonName: '山田 花子' },
      },
      'post /api/v1/residents/{id}/guardians': {
        who: 'caseworker',
        url: r(`${(await child()).id}/guardians`),
        seed: { guardianId: (await resident()).id, relationship: 'PARENT' },
      },
      'post /api/v1/households': {
        who: 'caseworker',
        url: '/api/v1/households',
        seed: { householdKey: key('H-') },
      },
      'patch /api/v1/households/{id}': {
        who: 'caseworker',
        url: versioned(`/api/v1/households/${household.id}`, household.version),
        seed: { version: VERSION, headResidentId: (household.members as Array<{ id: string }>)[0].id },
      },
      'post /api/v1/match-runs/{id}/reviews/{seq}/accept': {
        who: 'caseworker',
        url: `/api/v1/match-runs/${run.id}/reviews/${reviews[0].seq}/accept`,
        seed: { residentId: twins[0].id },
      },
      'post /api/v1/match-runs/{id}/reviews/{seq}/reject': {
        who: 'caseworker',
        url: `/api/v1/match-runs/${run.id}/reviews/${reviews[1].seq}/reject`,
        seed: {},
      },
      'post /api/v1/obligations/evaluate': {
        who: 'caseworker',
        url: '/api/v1/obligations/evaluate',
        seed: {
          onDate: today,
          birthDate: '1990-05-10',
          registryCategory: 'MID_LONG_TERM',
          statusCode: 'ENGINEER_HUMANITIES',
          hasResidentRecord: true,
          weeklyContractHours: 40,
          monthlyScheduledWage: 250_000,
          employerIsCorporation: true,
        },
      },
      'post /api/v1/residents/{id}/coverage-periods': {
        who: 'caseworker',
        url: r(`${(await resident()).id}/coverage-periods`),
        seed: {
          scheme: fc.constantFrom('NHI', 'NP', 'EHI', 'EPI', 'EI'),
          role: 'INSURED',
          startDate: fc.integer({ min: 0, max: 5000 }).map((days) => addDays('2010-01-01', days)),
          evidenceRef: 'NHI-123',
        },
      },
      'patch /api/v1/residents/{id}/coverage-periods/{periodId}': {
        who: 'caseworker',
        url: versioned(r(`${coveragePeriod.residentId}/coverage-periods/${coveragePeriod.id}`), coveragePeriod.version),
        seed: { version: VERSION, endDate: '2025-03-31', evidenceRef: 'NHI-123' },
      },
      'put /api/v1/residents/{id}/insurance-facts': {
        who: 'caseworker',
        url: versioned(r(`${(await resident()).id}/insurance-facts`), 0),
        seed: { version: VERSION, weeklyContractHours: 40, monthlyScheduledWage: 250_000, isEmployed: true },
      },
      'post /api/v1/residents/{id}/pension-reliefs': {
        who: 'caseworker',
        url: r(`${(await resident()).id}/pension-reliefs`),
        seed: {
          fiscalYear: fc.integer({ min: 2000, max: schoolYear }),
          kind: 'EXEMPTION_FULL',
          decidedOn: '2024-07-15',
          status: 'APPROVED',
          evidenceRef: 'N-1',
        },
      },
      'post /api/v1/residents/{id}/employment-records': {
        who: 'counselor',
        url: r(`${(await resident()).id}/employment-records`),
        seed: {
          employer: { name: '株式会社浜松部品', isCorporation: true, corporateNumber: null, insuredHeadcount: 50 },
          hiredOn: fc.integer({ min: 0, max: 5000 }).map((days) => addDays('2010-01-01', days)),
          weeklyContractHours: 40,
          monthlyScheduledWage: 250_000,
          occupation: '製造',
          eiInsured: true,
          dispatch: false,
        },
      },
      'patch /api/v1/residents/{id}/employment-records/{recordId}': {
        who: 'counselor',
        url: versioned(r(`${employed.id}/employment-records/${employmentRecord.id}`), employmentRecord.version),
        seed: { version: VERSION, occupation: '製造', weeklyContractHours: 30 },
      },
      'post /api/v1/residents/{id}/counseling-sessions': {
        who: 'counselor',
        url: r(`${(await resident()).id}/counseling-sessions`),
        seed: {
          heldOn: today,
          topics: ['JOB_SEARCH'],
          languages: ['vi'],
          interpreter: false,
          outcome: text('Registered at Hello Work'),
          nextStepOn: addDays(today, 7),
        },
      },
      'post /api/v1/residents/{id}/referrals-to-work': {
        who: 'counselor',
        url: r(`${(await resident()).id}/referrals-to-work`),
        seed: {
          kind: 'JOB',
          referredOn: today,
          vacancyRef: '22010-12345678',
          employerName: '浜松部品',
          note: 'Interview',
        },
      },
      'patch /api/v1/referrals-to-work/{id}': {
        who: 'counselor',
        url: versioned(`/api/v1/referrals-to-work/${referralToWork.id}`, referralToWork.version),
        seed: { version: VERSION, status: 'INTERVIEW', note: 'Interview on Monday' },
      },
      'put /api/v1/residents/{id}/job-hunting': {
        who: 'counselor',
        url: versioned(r(`${student.id}/job-hunting`), 0),
        seed: {
          version: VERSION,
          status: 'SEARCHING',
          schoolName: '静岡文化芸術大学',
          graduationDate: '2027-03-20',
          changeNeeded: true,
          targetStatusCode: 'ENGINEER_HUMANITIES',
          longVacations: [{ from: '2026-08-01', to: '2026-09-20' }],
        },
      },
      'post /api/v1/residents/{id}/part-time-hours': {
        who: 'counselor',
        url: r(`${student.id}/part-time-hours`),
        seed: { days: [{ date: '2026-11-06', hours: 4, employerName: 'コンビニ' }] },
      },
      'post /api/v1/residents/{id}/credentials': {
        who: 'counselor',
        url: r(`${(await resident()).id}/credentials`),
        seed: {
          title: 'Bachelor of Engineering',
          issuingCountry: 'VN',
          issuer: 'Hanoi University',
          field: 'Mechanical engineering',
          iscedLevel: 6,
          awardedOn: '2016-06-30',
          verification: 'CLAIMED',
        },
      },
      'post /api/v1/language-courses': {
        who: 'caseworker',
        url: '/api/v1/language-courses',
        seed: {
          title: 'にほんご きょうしつ',
          provider: 'Hamamatsu Foundation',
          providerKind: 'NPO',
          venue: '浜松市 多文化共生センター',
          online: false,
          levelFrom: 'A1',
          levelTo: 'A2',
          instructionLanguage: 'ja-easy',
          schedule: 'Saturdays 10:00–12:00',
          capacity: 20,
          feeYen: 0,
          startsOn: addDays(today, 7),
          endsOn: addDays(today, 97),
        },
      },
      'patch /api/v1/language-courses/{id}': {
        who: 'caseworker',
        url: versioned(`/api/v1/language-courses/${patchedCourse.id}`, patchedCourse.version),
        seed: { version: VERSION, title: 'にほんご', venue: 'センター', schedule: 'Sundays' },
      },
      'post /api/v1/language-courses/{id}/sessions': {
        who: 'caseworker',
        url: `/api/v1/language-courses/${sessionsCourse.id}/sessions`,
        seed: {
          heldOn: fc.integer({ min: -25, max: 25 }).map((days) => addDays(today, days)),
          startsAt: '10:00',
          topic: 'かいもの',
        },
      },
      'post /api/v1/language-courses/{id}/enrollments': {
        who: 'caseworker',
        url: `/api/v1/language-courses/${enrollCourse.id}/enrollments`,
        seed: { residentId: (await resident()).id },
      },
      'patch /api/v1/course-sessions/{id}': {
        who: 'caseworker',
        url: versioned(`/api/v1/course-sessions/${patchedSession.id}`, patchedSession.version),
        seed: { version: VERSION, topic: 'びょういん', cancelled: false },
      },
      'put /api/v1/course-sessions/{id}/attendance': {
        who: 'caseworker',
        url: `/api/v1/course-sessions/${courseSession.id}/attendance`,
        seed: { records: [{ enrollmentId: learner.id, status: 'PRESENT' }] },
      },
      'patch /api/v1/enrollments/{id}': {
        who: 'caseworker',
        url: versioned(`/api/v1/enrollments/${patchedEnrollment.id}`, patchedEnrollment.version),
        seed: { version: VERSION, status: 'WITHDRAWN', reason: 'Moved to Osaka' },
      },
      'post /api/v1/residents/{id}/proficiency-assessments': {
        who: 'caseworker',
        url: r(`${(await resident()).id}/proficiency-assessments`),
        seed: { framework: 'JLPT', level: 'N4', assessedOn: '2025-12-07', assessor: 'JEES', score: 120 },
      },
      'post /api/v1/orientation-sessions': {
        who: 'caseworker',
        url: '/api/v1/orientation-sessions',
        seed: {
          heldOn: addDays(today, 14),
          startsAt: '13:30',
          venue: '浜松市役所 北館 101会議室',
          online: false,
          languages: ['ja-easy', 'vi', 'pt'],
          interpreter: true,
          topics: ['RESIDENCE_PROCEDURES', 'TAX'],
          capacity: 30,
          note: '定員に注意',
        },
      },
      'patch /api/v1/orientation-sessions/{id}': {
        who: 'caseworker',
        url: versioned(`/api/v1/orientation-sessions/${patchedOrientation.id}`, patchedOrientation.version),
        seed: { version: VERSION, venue: '浜松市役所 南館', note: 'メモ', startsAt: '10:00' },
      },
      'put /api/v1/orientation-sessions/{id}/attendance': {
        who: 'caseworker',
        url: `/api/v1/orientation-sessions/${attendedOrientation.id}/attendance`,
        seed: { residentId: (await resident()).id, status: 'REGISTERED', language: 'vi' },
      },
      'post /api/v1/cases': {
        who: 'caseworker',
        url: '/api/v1/cases',
        seed: {
          residentId: (await resident()).id,
          category: 'HOUSING',
          title: 'Needs a flat',
          priority: 'NORMAL',
          nextActionOn: addDays(today, 7),
        },
      },
      'patch /api/v1/cases/{id}': {
        who: 'caseworker',
        url: versioned(`/api/v1/cases/${patchedCase.id}`, patchedCase.version),
        seed: { version: VERSION, title: 'Looking for work', priority: 'HIGH', nextActionOn: addDays(today, 3) },
      },
      'post /api/v1/cases/{id}/notes': {
        who: 'caseworker',
        url: `/api/v1/cases/${notedCase.id}/notes`,
        seed: { body: 'Needs an interpreter for appointments', sensitivity: 'NORMAL' },
      },
      'post /api/v1/cases/{id}/referrals': {
        who: 'caseworker',
        url: `/api/v1/cases/${referredCase.id}/referrals`,
        seed: { toOrgId: pesoOrgId, purpose: 'EMPLOYMENT_SUPPORT', message: 'Please help with job search' },
      },
      'patch /api/v1/referrals/{id}': {
        who: 'counselor',
        url: versioned(`/api/v1/referrals/${caseReferral.id}`, caseReferral.version),
        seed: { version: VERSION, status: 'ACCEPTED', responseNote: 'We will call' },
      },
      'post /api/v1/residents/{id}/consents': {
        who: 'caseworker',
        url: r(`${(await resident()).id}/consents`),
        seed: {
          purpose: 'EMPLOYMENT_SUPPORT',
          recipientOrgId: pesoOrgId,
          grantedOn: today,
          expiresOn: addDays(today, 365),
          evidenceRef: 'DOC-2026-0042',
          explanationLanguage: 'tl',
        },
      },
      'post /api/v1/consents/{id}/withdraw': {
        who: 'caseworker',
        url: `/api/v1/consents/${withdrawn.id}/withdraw`,
        seed: { withdrawnOn: today },
      },
      'patch /api/v1/alerts/{id}': {
        who: 'caseworker',
        url: versioned(`/api/v1/alerts/${alert.id}`, alert.version),
        seed: { version: VERSION, status: 'ACKNOWLEDGED', reason: 'Seen' },
      },
      'put /api/v1/residents/{id}/notification-opt-outs': {
        who: 'caseworker',
        url: r(`${(await resident()).id}/notification-opt-outs`),
        seed: { email: true, letter: false },
      },
      'put /api/v1/residents/{id}/contact': {
        who: 'caseworker',
        url: r(`${(await resident()).id}/contact`),
        seed: { email: 'ana.silva@example.com' },
      },
      'patch /api/v1/reminder-schedules/{purpose}': {
        who: 'admin',
        url: versioned(`/api/v1/reminder-schedules/${schedule.purpose}`, schedule.version),
        seed: { version: VERSION, offsetsDays: [90, 60, 30], enabled: true },
      },
      'post /api/v1/schools': {
        who: 'school',
        url: '/api/v1/schools',
        seed: { code: key('E'), name: '浜松市立北小学校', kind: 'PUBLIC_ELEMENTARY', address: '浜松市中区' },
      },
      'patch /api/v1/schools/{id}': {
        who: 'school',
        url: versioned(`/api/v1/schools/${patchedSchool.id}`, patchedSchool.version),
        seed: { version: VERSION, name: '浜松市立南小学校', address: '浜松市南区' },
      },
      'post /api/v1/residents/{id}/school-enrollments': {
        who: 'school',
        url: r(`${(await child()).id}/school-enrollments`),
        seed: {
          schoolId: enrollingSchool.id,
          grade: 3,
          fromDate: fc.integer({ min: 0, max: 3000 }).map((days) => addDays('2015-04-01', days)),
          toDate: null,
          japaneseInstructionNeeded: true,
          note: 'Portuguese at home',
        },
      },
      'patch /api/v1/residents/{id}/school-enrollments/{enrollmentId}': {
        who: 'school',
        url: versioned(r(`${enrolledChild.id}/school-enrollments/${schoolEnrollment.id}`), schoolEnrollment.version),
        seed: { version: VERSION, grade: 3, note: 'Needs support', japaneseInstructionNeeded: true },
      },
      'put /api/v1/residents/{id}/schooling-status/{schoolYear}': {
        who: 'school',
        url: versioned(r(`${(await child()).id}/schooling-status/${schoolYear}`), undefined),
        seed: { version: VERSION, status: 'UNCONFIRMED', source: 'HOME_VISIT', confirmedOn: today, note: 'Visited' },
      },
      'put /api/v1/residents/{id}/absences/{month}': {
        who: 'school',
        url: r(`${(await child()).id}/absences/${today.slice(0, 7)}`),
        seed: { daysAbsent: 3, reason: 'ILLNESS' },
      },
      'post /api/v1/residents/{id}/school-guide-responses': {
        who: 'school',
        // Enters elementary school next April: born between 2 April and 1 April six years before.
        url: r(`${(await child({ birthDate: `${schoolYear - 6}-10-01` })).id}/school-guide-responses`),
        seed: { schoolYear: schoolYear + 1, response: 'INTENDS_TO_ENROLL', respondedOn: today, note: 'Will enrol' },
      },
      'post /api/v1/school-guide-dispatches': {
        who: 'school',
        url: '/api/v1/school-guide-dispatches',
        seed: { schoolYear: schoolYear + 1 },
      },
      'post /api/v1/reports/{code}/runs': {
        who: 'admin',
        url: '/api/v1/reports/RESIDENTS/runs',
        seed: { asOf: addDays(today, -1) },
      },
    };

    const list: Route[] = [];
    const missing: string[] = [];
    for (const [template, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const schema = (operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)
          ?.content?.['application/json']?.schema;
        if (!['post', 'put', 'patch'].includes(method) || !schema) continue;
        const entry = table[`${method} ${template}`];
        if (!entry) missing.push(`${method.toUpperCase()} ${template}`);
        else list.push({ method, template, schema, ...entry });
      }
    }
    // A new write route must be added here (and so fuzzed): the list is the OpenAPI document's.
    expect(missing).toEqual([]);
    return list;
  }

  async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it("accepts every route's valid seed body, so the fuzzed bodies reach the service", async () => {
    const refused: string[] = [];
    for (const route of routes) {
      const [body] = fc.sample(seedOf(route.seed), { seed: SEED, numRuns: 1 });
      const answer = await send(route, body);
      record(route, answer);
      if (answer.status >= 300) refused.push(`${route.method} ${route.url} -> ${answer.status} ${answer.body}`);
    }
    expect(refused).toEqual([]);
    expect(routes.length).toBeGreaterThan(50);
  }, 120_000);

  it('never answers 5xx to generated bodies (1,000 per core route, 200 per other), 4xx always problem+json, 2xx only for bodies that keep to the schema', async () => {
    const started = Date.now();
    const failures: string[] = [];
    const schemas = document.components.schemas;
    const fuzz = async (route: Route, index: number) => {
      const numRuns = CORE.test(route.template) ? RUNS_CORE : RUNS_OTHER;
      const routeStarted = Date.now();
      const details = await fc.check(
        fc.asyncProperty(bodies(route.schema, schemas, route.seed), async (body) => {
          const answer = await send(route, body);
          record(route, answer);
          const wrong =
            misbehaviour(answer) ??
            (answer.status < 300 ? contractBreach(route.schema, schemas, answer.sent!) : undefined);
          if (wrong) throw new Error(`${route.method.toUpperCase()} ${route.url} -> ${answer.status}: ${wrong}`);
        }),
        { numRuns, seed: SEED + index },
      );
      timings.set(route, Date.now() - routeStarted);
      if (details.failed) {
        failures.push(
          `${route.method.toUpperCase()} ${route.template} (seed ${details.seed}, path "${details.counterexamplePath}", ` +
            `shrunk ${details.numShrinks} times): ${(details.errorInstance as Error | undefined)?.message}\n` +
            `  shrunk body: ${clip(JSON.stringify(details.counterexample?.[0]))}`,
        );
      }
    };
    // A few routes at a time (each on records of its own), so that one route's database round trips
    // overlap another's validation work.
    const queue = [...routes.entries()].sort(
      ([, a], [, b]) => Number(CORE.test(b.template)) - Number(CORE.test(a.template)),
    );
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await fuzz(next[1], next[0]);
      }),
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const sent = [...counts.values()].reduce(
      (sum, byStatus) => sum + [...byStatus.values()].reduce((a, b) => a + b, 0),
      0,
    );
    process.stdout.write(
      `fuzz seed ${SEED}: ${sent} requests on ${routes.length} routes in ${seconds} s\n${summary()}\n`,
    );
    expect(failures).toEqual([]);
  }, 600_000);

  it('answers bodies that are not JSON, or JSON the parser must refuse, with a 4xx problem', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const raw of RAW_BODIES) {
        const answer = await send(route, raw, true);
        record(route, answer);
        const wrong = misbehaviour(answer);
        if (wrong)
          failures.push(`${route.method.toUpperCase()} ${route.url} with ${clip(JSON.stringify(raw), 80)} -> ${wrong}`);
      }
      // Prototype keys sent as JSON text (a JavaScript object literal would make them prototypes, not keys).
      for (const raw of [
        `{"__proto__":{"${POLLUTED}":"yes"}}`,
        `{"constructor":{"prototype":{"${POLLUTED}":"yes"}}}`,
      ]) {
        const answer = await send(route, raw, true);
        if (answer.status !== 400 || misbehaviour(answer))
          failures.push(`${route.method} ${route.url} ${raw} -> ${answer.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('stores HTML fragments as text and serves them back only as JSON (or CSV downloads), never as HTML', async () => {
    // What the fuzzing left in the database: every text-like column of every table, scanned.
    const columns: Array<{ table_name: string; column_name: string }> = await t.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns c
        WHERE table_schema = 'public'
          AND EXISTS (SELECT 1 FROM information_schema.tables tb WHERE tb.table_schema = 'public'
                       AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE')
          AND (data_type IN ('text', 'character varying', 'json', 'jsonb') OR udt_name IN ('_text', '_varchar'))`,
    );
    const stored: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const [{ rows }] = await t.dataSource.query(
        `SELECT count(*)::int AS rows FROM "${table}" WHERE "${column}"::text ILIKE '%<script%'`,
      );
      if (rows > 0) stored.push(`${table}.${column}: ${rows}`);
    }
    process.stdout.write(`rows holding "<script": ${stored.join(', ')}\n`);
    // The fuzzing did store fragments (else this check proves nothing)…
    expect(stored.filter((entry) => !entry.startsWith('audit_event.')).length).toBeGreaterThan(3);

    // …and every read route that returns one returns it as a JSON string, with the API's CSP.
    const wrong: string[] = [];
    let served = 0;
    const urls = readUrls();
    for (const { url, who } of urls) {
      const answer = await inject('get', url, who, '');
      if (answer.status >= 500) wrong.push(`GET ${url} -> ${answer.status}`);
      if (!/<script/i.test(answer.body)) continue;
      served += 1;
      const type = String(answer.headers['content-type']);
      const json = /^application\/(problem\+)?json/.test(type) && parsed(answer.body) !== undefined;
      const download = /^text\/csv/.test(type) && /^attachment/.test(String(answer.headers['content-disposition']));
      if (!json && !download) wrong.push(`GET ${url} serves "<script" as ${type}`);
      if (answer.headers['content-security-policy'] !== API_CSP)
        wrong.push(`GET ${url}: CSP ${answer.headers['content-security-policy']}`);
      if (answer.headers['x-content-type-options'] !== 'nosniff') wrong.push(`GET ${url}: no nosniff`);
    }
    process.stdout.write(`read routes called: ${urls.length}; answers holding "<script": ${served}\n`);
    expect(wrong).toEqual([]);
    expect(served).toBeGreaterThan(10);
  }, 300_000);

  it('leaves Object.prototype and the other built-in prototypes of the API process untouched', () => {
    expect(({} as Record<string, unknown>)[POLLUTED]).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, POLLUTED)).toBe(false);
    expect(snapshotPrototypes()).toEqual(prototypesBefore);
    expect(typeof Object.prototype.toString).toBe('function');
    expect(typeof Object.prototype.hasOwnProperty).toBe('function');
  });

  // ---- bookkeeping --------------------------------------------------------------------------

  const counts = new Map<Route, Map<number, number>>();
  const timings = new Map<Route, number>();
  /** Records created by a fuzzed body that came back holding an HTML fragment: read back later. */
  const scripted = new Set<string>();

  function record(route: Route, answer: Answer): void {
    const byStatus = counts.get(route) ?? new Map<number, number>();
    byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
    counts.set(route, byStatus);
    if (answer.status < 300 && /<script/i.test(answer.body)) {
      const created = parsed(answer.body) as { id?: unknown } | undefined;
      if (route.method === 'post' && typeof created?.id === 'string' && UUID.test(created.id)) {
        scripted.add(`${route.url}/${created.id}`);
      }
      scripted.add(route.url);
    }
  }

  function summary(): string {
    return routes
      .map((route) => {
        const byStatus = [...(counts.get(route) ?? new Map<number, number>()).entries()]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${status}×${n}`)
          .join(' ');
        return `  ${route.method.toUpperCase().padEnd(5)} ${route.template.padEnd(64)} ${String(timings.get(route) ?? '').padStart(6)} ms  ${byStatus}`;
      })
      .join('\n');
  }

  /** GET URLs that can show what the fuzzing stored: the lists, and each read route of every record given a fragment. */
  function readUrls(): Array<{ url: string; who: Who }> {
    const known = new Set<string>();
    for (const url of scripted) {
      const parts = url.split('/');
      for (let end = parts.length; end > 3; end -= 1) known.add(parts.slice(0, end).join('/'));
    }
    const urls = new Map<string, Who>();
    for (const [template, methods] of Object.entries(document.paths)) {
      const get = methods.get as { [ACCESS]?: { kind: string; roles?: string[] } } | undefined;
      if (!get || template.startsWith('/api/v1/auth') || /letter\.pdf$/.test(template)) continue;
      const who = readerFor(get[ACCESS]);
      if (!who) continue;
      const lastParam = template.lastIndexOf('}');
      if (lastParam < 0) {
        urls.set(template, who);
        continue;
      }
      const head = new RegExp(`^${template.slice(0, lastParam + 1).replace(/\{[^}]+\}/g, '[^/]+')}$`);
      const tail = template.slice(lastParam + 1);
      for (const url of known) if (head.test(url)) urls.set(url + tail, who);
    }
    return [...urls].map(([url, who]) => ({ url, who }));
  }
});

const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function readerFor(access: { kind: string; roles?: string[] } | undefined): Who | undefined {
  if (!access || access.kind === 'public') return 'anonymous';
  if (access.kind === 'authenticated') return 'caseworker';
  const byRole: Array<[string, Who]> = [
    ['CITY_CASEWORKER', 'caseworker'],
    ['SCHOOL_OFFICER', 'school'],
    ['PESO_COUNSELOR', 'counselor'],
    ['ADMIN', 'admin'],
  ];
  return byRole.find(([role]) => access.roles?.includes(role))?.[1];
}

/** What is wrong with an answer, if anything. */
function misbehaviour(answer: Answer): string | undefined {
  const type = String(answer.headers['content-type'] ?? '');
  const head = `${answer.status} ${type}`;
  if (answer.status >= 500) return `${head}: ${clip(answer.body)}`;
  if (answer.status >= 400) {
    if (!type.startsWith('application/problem+json')) return `${head}: a 4xx that is not problem+json`;
    const problem = parsed(answer.body) as { status?: unknown; type?: unknown; title?: unknown } | undefined;
    if (problem?.status !== answer.status || typeof problem.type !== 'string' || typeof problem.title !== 'string') {
      return `${head}: malformed problem ${clip(answer.body)}`;
    }
  } else if (answer.body.length > 0 && (!type.startsWith('application/json') || parsed(answer.body) === undefined)) {
    return `${head}: a 2xx that is not JSON`;
  }
  if (answer.headers['content-security-policy'] !== API_CSP)
    return `${head}: CSP ${answer.headers['content-security-policy']}`;
  if (answer.headers['x-content-type-options'] !== 'nosniff') return `${head}: no nosniff`;
  return undefined;
}

function seedOf(seed: SeedBody): fc.Arbitrary<Json> {
  return fc.record(
    Object.fromEntries(
      Object.entries(seed).map(([name, value]) => [name, value instanceof fc.Arbitrary ? value : fc.constant(value)]),
    ),
  ) as fc.Arbitrary<Json>;
}

function clip(text: string | undefined, length = 600): string {
  if (text === undefined) return 'undefined';
  return text.length > length ? `${text.slice(0, length)}… (${text.length} characters)` : text;
}

/** FUZZ_DEBUG=1: print the error behind every 5xx (the app's logs are silent in tests). */
function showFailures(): void {
  const original = ProblemFilter.prototype.catch;
  ProblemFilter.prototype.catch = function (this: ProblemFilter, error: unknown, host: ArgumentsHost) {
    if (toProblem(error).unexpected) process.stdout.write(`5xx cause: ${(error as Error)?.stack ?? String(error)}\n`);
    return original.call(this, error, host);
  };
}

function withVersion(body: { [key: string]: Json }, version: number | undefined): Json {
  const entries = Object.entries(body).filter(([name]) => name !== 'version' || version !== undefined);
  return Object.fromEntries(entries.map(([name, value]) => [name, name === 'version' ? version! : value])) as Json;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function snapshotPrototypes(): Record<string, string[]> {
  return Object.fromEntries(
    [Object, Array, String, Number, Boolean, Function].map((type) => [
      type.name,
      Object.getOwnPropertyNames(type.prototype).sort(),
    ]),
  );
}
