import { AlertsService } from '@app/alerts';
import { NotificationSender, NotificationsService } from '@app/notifications';
import { addDays, officeDate, schoolYearOf, type Role } from '@app/platform';
import { MatchRunsService } from '@app/matching';
import { ReportRunner, scopeOf } from '@app/reports';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createResident } from '../factories/residents.js';
import { login, type SignedIn } from '../support/http.js';
import { TEST_PASSWORD, type TestApp } from '../support/test-app.js';

/**
 * One world of records for the [K13] security walks, built through the API as the staff who own
 * them would build it. Every write route it calls is logged with the caller, the request id it
 * sent and the records the call is about (resident, created record), so that the audit walk can
 * look for each call's `audit_event` rows, and the role × route matrix can probe routes with ids
 * of records that really exist in the caller's municipality.
 */

export type SessionsByRole = Record<Role, SignedIn>;

export interface WriteCall {
  /** `METHOD /path/{param}` exactly as in the OpenAPI document. */
  route: string;
  role: Role;
  userId: string;
  requestId: string;
  status: number;
  /** Ids the call is about: each must be an audit row's entity_id or resident_id. */
  subjects: string[];
}

export interface World {
  today: string;
  schoolYear: number;
  cityOrgId: string;
  pesoOrgId: string;
  /** An adult of the demo city, guardian of `child`, member of `householdId`. */
  adult: string;
  /** A child in grade 3 of elementary school, enrolled at `schoolId`, long absent (alert). */
  child: string;
  student: string;
  householdId: string;
  /** A city case on `adult`, never referred: the PESO has no way into it. */
  caseId: string;
  consentId: string;
  /** A consent kept only to be withdrawn by the matrix. */
  spareConsentId: string;
  caseReferralId: string;
  coveragePeriodId: string;
  employmentRecordId: string;
  workReferralId: string;
  courseId: string;
  /** A started course kept open for the matrix to close. */
  spareCourseId: string;
  courseSessionId: string;
  enrollmentId: string;
  orientationSessionId: string;
  schoolId: string;
  schoolEnrollmentId: string;
  /** CHILD_LONG_ABSENCE on `child`: owned by SCHOOL_OFFICER. */
  alertId: string;
  /** A LETTER notification to `adult`, printed (SENT). */
  notificationId: string;
  importRunId: string;
  /** A match run of the city's NHI roll, started by the caseworker. */
  matchRunId: string;
  /** Its two review lines: the first accepted, the second rejected. */
  reviewSeqs: [number, number];
  /** The city's NHI roll (health insurance: never the PESO's). */
  coverageImportId: string;
  employerImportId: string;
  dispatchId: string;
  reportRunId: string;
  serviceTokenId: string;
  /** A REPORT_VIEWER account of the city made for the walk, safe to edit. */
  spareUserId: string;
  /** A caseworker session signed out through POST /api/v1/auth/logout. */
  revoked: SignedIn;
  calls: WriteCall[];
}

const CITY = '221309';

// The city's resident register extract (POST /api/v1/imports/residents).
const REGISTER = `resident_key,family_name,given_name,middle_name,common_name,common_name_kana,kana_name,birth_date,sex,nationality
W001,OKAFOR,CHIDI,,,,,1987-03-03,M,NG
`;

// Twins born the same day: a roll line naming only "チャン ドゥック" could be either, so a person decides.
const MATCH_INPUT = `source_ref,kana_name,birth_date,sex
T1,チャン ドゥック,2001-06-30,M
T2,チャン ドゥック,2001-06-30,M
`;

// The NHI roll: NGUYEN from 2024-04-01, after the period entered by hand (2023-01-01 to 2024-03-31).
const NHI_ROLL = `source_ref,kana_name,birth_date,sex,start_date,end_date,role
N1,グエン ヴァン アン,1996-02-14,1,2024-04-01,,
`;

const EMPLOYER_REPORTS = `source_ref,kana_name,birth_date,sex,report_type,event_date,ei_insured,received_on,status_code,employer_name,corporate_number,is_corporation,employer_headcount,weekly_hours,monthly_wage,occupation
R1,グエン ヴァン アン,1996-02-14,M,HIRE,2026-10-01,1,2026-11-05,ENGINEER_HUMANITIES,浜松製作所,1234567890123,1,60,30,220000,製造
`;

export async function buildWorld(t: TestApp, sessions: SessionsByRole): Promise<World> {
  const today = officeDate(new Date(), 'Asia/Tokyo');
  const schoolYear = schoolYearOf(today);
  const calls: WriteCall[] = [];
  const tag = randomBytes(3).toString('hex');
  let seq = 0;

  /** One write through the API that must succeed, logged for the audit walk. */
  const write = async <T = Record<string, unknown>>(
    route: string,
    role: Role,
    send: (session: SignedIn) => request.Test,
    subjects: (body: T) => Array<string | null | undefined>,
    session: SignedIn = sessions[role],
  ): Promise<T> => {
    const requestId = `world-${tag}-${(seq += 1)}`;
    const response = await send(session).set('x-request-id', requestId);
    if (response.status < 200 || response.status >= 300) {
      throw new Error(`${route} as ${role}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    const body = response.body as T;
    calls.push({
      route,
      role,
      userId: session.user.id,
      requestId,
      status: response.status,
      subjects: subjects(body).filter((id): id is string => typeof id === 'string'),
    });
    return body;
  };
  type Body = Record<string, unknown> & { id: string; version: number };

  const caseworker = sessions.CITY_CASEWORKER;
  const cityOrgId = caseworker.user.orgId;
  const pesoOrgId = sessions.PESO_COUNSELOR.user.orgId;

  // --- Identity: sign-in and sign-out, offices, accounts, service tokens -------------------------
  const signedIn = await write<{ user: { id: string }; csrfToken: string }>(
    'POST /api/v1/auth/login',
    'CITY_CASEWORKER',
    () => request(t.http).post('/api/v1/auth/login').send({ email: caseworker.user.email, password: TEST_PASSWORD }),
    (body) => [body.user.id],
  );
  const revoked = await login(t.http, caseworker.user.email);
  await write(
    'POST /api/v1/auth/logout',
    'CITY_CASEWORKER',
    (s) => s.post('/api/v1/auth/logout'),
    () => [signedIn.user.id],
    revoked,
  );

  const admin = sessions.ADMIN;
  await write<Body>(
    'POST /api/v1/organizations',
    'ADMIN',
    (s) =>
      s.post('/api/v1/organizations', { kind: 'PESO', name: `ハローワーク磐田 ${tag}`, jurisdictionCodes: ['222119'] }),
    (body) => [body.id],
  );
  // Administrators change their own office only.
  const city = (await admin.get(`/api/v1/organizations/${cityOrgId}`).expect(200)).body as Body & { name: string };
  await write<Body>(
    'PATCH /api/v1/organizations/{id}',
    'ADMIN',
    (s) => s.patch(`/api/v1/organizations/${cityOrgId}`, { version: city.version, name: city.name }),
    (body) => [body.id],
  );
  const spareUser = await write<Body>(
    'POST /api/v1/users',
    'ADMIN',
    (s) =>
      s.post('/api/v1/users', {
        email: `viewer-${tag}@demo.city`,
        displayName: '統計 閲覧者',
        roles: ['REPORT_VIEWER'],
        password: TEST_PASSWORD,
      }),
    (body) => [body.id],
  );
  await write<Body>(
    'PATCH /api/v1/users/{id}',
    'ADMIN',
    (s) => s.patch(`/api/v1/users/${spareUser.id}`, { version: spareUser.version, displayName: '統計 担当' }),
    (body) => [body.id],
  );
  const token = await write<Body>(
    'POST /api/v1/service-tokens',
    'ADMIN',
    (s) => s.post('/api/v1/service-tokens', { name: `export ${tag}`, roles: ['REPORT_VIEWER'] }),
    (body) => [body.id],
  );
  const doomed = await admin
    .post('/api/v1/service-tokens', { name: `old ${tag}`, roles: ['REPORT_VIEWER'] })
    .expect(201);
  await write(
    'DELETE /api/v1/service-tokens/{id}',
    'ADMIN',
    (s) => s.delete(`/api/v1/service-tokens/${doomed.body.id}`),
    () => [doomed.body.id],
  );

  // --- The register: residents, guardians, households, imports ----------------------------------
  const adultBody = await write<Body>(
    'POST /api/v1/residents',
    'CITY_CASEWORKER',
    (s) =>
      s.post('/api/v1/residents', {
        residentKey: `W${tag}A`,
        familyName: 'NGUYEN',
        givenName: 'VAN AN',
        birthDate: '1996-02-14',
        sex: 'M',
        nationality: 'VN',
        registryCategory: 'MID_LONG_TERM',
        statusCode: 'ENGINEER_HUMANITIES',
        stayPeriod: '3y',
        stayExpiryDate: '2028-05-09',
        preferredLanguage: 'vi',
      }),
    (body) => [body.id],
  );
  const adult = adultBody.id;
  await write<Body>(
    'PATCH /api/v1/residents/{id}',
    'CITY_CASEWORKER',
    (s) =>
      s
        .patch(`/api/v1/residents/${adult}`, { postalCode: '430-0929', address: '浜松市中央区中央1-2-3' })
        .set('if-match', `"${adultBody.version}"`),
    (body) => [body.id],
  );
  await write(
    'POST /api/v1/residents/search',
    'CITY_CASEWORKER',
    (s) => s.post('/api/v1/residents/search', { q: 'NGUYEN' }),
    () => [],
  );
  const child = (
    await createResident(caseworker, {
      familyName: 'NGUYEN',
      givenName: 'MINH',
      birthDate: `${schoolYear - 9}-09-15`,
      preferredLanguage: 'vi',
    })
  ).id;
  await write(
    'POST /api/v1/residents/{id}/guardians',
    'CITY_CASEWORKER',
    (s) => s.post(`/api/v1/residents/${child}/guardians`, { guardianId: adult }),
    () => [child],
  );
  const student = (
    await createResident(caseworker, { familyName: 'LE', statusCode: 'STUDENT', birthDate: '2003-04-04' })
  ).id;
  const household = await write<Body>(
    'POST /api/v1/households',
    'CITY_CASEWORKER',
    (s) => s.post('/api/v1/households', { householdKey: `H-${tag}`, memberIds: [adult], headResidentId: adult }),
    (body) => [body.id, adult],
  );
  await write(
    'PUT /api/v1/households/{id}/members/{residentId}',
    'CITY_CASEWORKER',
    (s) => s.put(`/api/v1/households/${household.id}/members/${student}`),
    () => [household.id, student],
  );
  await write(
    'DELETE /api/v1/households/{id}/members/{residentId}',
    'CITY_CASEWORKER',
    (s) => s.delete(`/api/v1/households/${household.id}/members/${student}`),
    () => [household.id, student],
  );
  const householdNow = (await caseworker.get(`/api/v1/households/${household.id}`).expect(200)).body as Body;
  await write<Body>(
    'PATCH /api/v1/households/{id}',
    'CITY_CASEWORKER',
    (s) => s.patch(`/api/v1/households/${household.id}`, { version: householdNow.version, headResidentId: null }),
    (body) => [body.id],
  );
  const importRun = await write<Body>(
    'POST /api/v1/imports/residents',
    'CITY_CASEWORKER',
    (s) => s.upload('/api/v1/imports/residents').attach('file', Buffer.from(REGISTER), 'register.csv'),
    (body) => [body.id],
  );

  // --- Matching: a run with two lines for the twins, one accepted, one rejected ------------------
  for (const givenName of ['DUC MINH', 'DUC MANH']) {
    await createResident(caseworker, {
      familyName: 'TRAN',
      givenName,
      birthDate: '2001-06-30',
      sex: 'M',
      nationality: 'VN',
    });
  }
  const matchRun = await write<Body>(
    'POST /api/v1/match-runs',
    'CITY_CASEWORKER',
    (s) => s.upload('/api/v1/match-runs?source=CITY_NHI_ROLL').attach('file', Buffer.from(MATCH_INPUT), 'nhi-roll.csv'),
    (body) => [body.id],
  );

  // --- Insurance ---------------------------------------------------------------------------------
  const manual = await write<Body>(
    'POST /api/v1/residents/{id}/coverage-periods',
    'CITY_CASEWORKER',
    (s) =>
      s.post(`/api/v1/residents/${adult}/coverage-periods`, {
        scheme: 'NHI',
        role: 'INSURED',
        startDate: '2023-01-01',
      }),
    (body) => [body.id, adult],
  );
  // Ended before the roll's period begins, so that the roll's line for NGUYEN is recorded.
  await write<Body>(
    'PATCH /api/v1/residents/{id}/coverage-periods/{periodId}',
    'CITY_CASEWORKER',
    (s) =>
      s.patch(`/api/v1/residents/${adult}/coverage-periods/${manual.id}`, {
        version: manual.version,
        endDate: '2024-03-31',
      }),
    (body) => [body.id, adult],
  );
  const coverageImport = await write<Body>(
    'POST /api/v1/coverage-imports',
    'CITY_CASEWORKER',
    (s) =>
      s
        .upload('/api/v1/coverage-imports?scheme=NHI&source=CITY_NHI_ROLL')
        .attach('file', Buffer.from(NHI_ROLL), 'nhi-roll.csv'),
    (body) => [body.id],
  );
  await write(
    'PUT /api/v1/residents/{id}/insurance-facts',
    'CITY_CASEWORKER',
    (s) => s.put(`/api/v1/residents/${adult}/insurance-facts`, { version: 0, onPublicAssistance: false }),
    () => [adult],
  );
  await write<Body>(
    'POST /api/v1/residents/{id}/pension-reliefs',
    'CITY_CASEWORKER',
    (s) =>
      s.post(`/api/v1/residents/${adult}/pension-reliefs`, {
        fiscalYear: 2024,
        kind: 'STUDENT_DEFERRAL',
        decidedOn: '2024-05-20',
        evidenceRef: 'notice 24-1187',
      }),
    (body) => [body.id, adult],
  );

  // --- Employment --------------------------------------------------------------------------------
  const employerImport = await write<Body>(
    'POST /api/v1/employer-report-imports',
    'PESO_COUNSELOR',
    (s) =>
      s
        .upload(`/api/v1/employer-report-imports?municipality=${CITY}`)
        .attach('file', Buffer.from(EMPLOYER_REPORTS), 'reports.csv'),
    (body) => [body.id],
  );
  const record = await write<Body>(
    'POST /api/v1/residents/{id}/employment-records',
    'PESO_COUNSELOR',
    (s) =>
      s.post(`/api/v1/residents/${adult}/employment-records`, {
        employer: { name: `株式会社浜松部品 ${tag}`, isCorporation: true, insuredHeadcount: 60 },
        hiredOn: addDays(today, -30),
        weeklyContractHours: 30,
      }),
    (body) => [body.id, adult],
  );
  await write<Body>(
    'PATCH /api/v1/residents/{id}/employment-records/{recordId}',
    'CITY_CASEWORKER',
    (s) =>
      s.patch(`/api/v1/residents/${adult}/employment-records/${record.id}`, {
        version: record.version,
        occupation: '製造',
      }),
    (body) => [body.id, adult],
  );
  await write<Body>(
    'POST /api/v1/residents/{id}/counseling-sessions',
    'PESO_COUNSELOR',
    (s) =>
      s.post(`/api/v1/residents/${adult}/counseling-sessions`, {
        heldOn: today,
        topics: ['JOB_SEARCH'],
        languages: ['vi'],
        interpreter: true,
      }),
    (body) => [body.id, adult],
  );
  const workReferral = await write<Body>(
    'POST /api/v1/residents/{id}/referrals-to-work',
    'PESO_COUNSELOR',
    (s) =>
      s.post(`/api/v1/residents/${adult}/referrals-to-work`, {
        kind: 'JOB',
        referredOn: today,
        vacancyRef: '22010-12345671',
        employerName: '浜松製作所',
      }),
    (body) => [body.id, adult],
  );
  await write<Body>(
    'PATCH /api/v1/referrals-to-work/{id}',
    'PESO_COUNSELOR',
    (s) =>
      s.patch(`/api/v1/referrals-to-work/${workReferral.id}`, { version: workReferral.version, status: 'INTERVIEW' }),
    (body) => [body.id, adult],
  );
  await write(
    'PUT /api/v1/residents/{id}/job-hunting',
    'PESO_COUNSELOR',
    (s) => s.put(`/api/v1/residents/${student}/job-hunting`, { version: 0, status: 'SEARCHING' }),
    () => [student],
  );
  await write(
    'POST /api/v1/residents/{id}/part-time-hours',
    'PESO_COUNSELOR',
    (s) =>
      s.post(`/api/v1/residents/${student}/part-time-hours`, {
        days: [{ date: addDays(today, -2), hours: 4, employerName: 'コンビニ' }],
      }),
    () => [student],
  );
  await write<Body>(
    'POST /api/v1/residents/{id}/credentials',
    'PESO_COUNSELOR',
    (s) =>
      s.post(`/api/v1/residents/${student}/credentials`, {
        title: 'Bachelor of Engineering (Mechanical)',
        issuingCountry: 'VN',
        iscedLevel: 6,
        verification: 'CLAIMED',
      }),
    (body) => [body.id, student],
  );

  // --- Language ----------------------------------------------------------------------------------
  const courseBody = (startsOn: string) => ({
    title: 'にほんご きょうしつ',
    provider: 'Hamamatsu Foundation for International Communications',
    providerKind: 'INTERNATIONAL_ASSOCIATION',
    levelFrom: 'A1',
    levelTo: 'A2',
    instructionLanguage: 'ja-easy',
    capacity: 1,
    startsOn,
    endsOn: addDays(today, 90),
  });
  const course = await write<Body>(
    'POST /api/v1/language-courses',
    'CITY_CASEWORKER',
    (s) => s.post('/api/v1/language-courses', courseBody(addDays(today, -10))),
    (body) => [body.id],
  );
  const enrollment = await write<Body>(
    'POST /api/v1/language-courses/{id}/enrollments',
    'CITY_CASEWORKER',
    (s) => s.post(`/api/v1/language-courses/${course.id}/enrollments`, { residentId: adult }),
    (body) => [body.id, adult],
  );
  const waiting = await caseworker.post(`/api/v1/language-courses/${course.id}/enrollments`, { residentId: student });
  if (waiting.status !== 201) throw new Error(`waitlist: ${waiting.status}`);
  const courseNow = (await caseworker.get(`/api/v1/language-courses/${course.id}`).expect(200)).body as Body;
  await write<Body>(
    'PATCH /api/v1/language-courses/{id}',
    'CITY_CASEWORKER',
    (s) => s.patch(`/api/v1/language-courses/${course.id}`, { version: courseNow.version, capacity: 5 }),
    (body) => [body.id, student], // the waitlisted student is enrolled at once
  );
  const courseSession = await write<Body>(
    'POST /api/v1/language-courses/{id}/sessions',
    'CITY_CASEWORKER',
    (s) => s.post(`/api/v1/language-courses/${course.id}/sessions`, { heldOn: today }),
    (body) => [body.id],
  );
  await write<Body>(
    'PATCH /api/v1/course-sessions/{id}',
    'CITY_CASEWORKER',
    (s) =>
      s.patch(`/api/v1/course-sessions/${courseSession.id}`, {
        version: courseSession.version,
        topic: 'じこしょうかい',
      }),
    (body) => [body.id],
  );
  await write(
    'PUT /api/v1/course-sessions/{id}/attendance',
    'CITY_CASEWORKER',
    (s) =>
      s.put(`/api/v1/course-sessions/${courseSession.id}/attendance`, {
        records: [{ enrollmentId: enrollment.id, status: 'PRESENT' }],
      }),
    () => [courseSession.id, adult],
  );
  await write<Body>(
    'POST /api/v1/residents/{id}/proficiency-assessments',
    'CITY_CASEWORKER',
    (s) =>
      s.post(`/api/v1/residents/${adult}/proficiency-assessments`, {
        framework: 'JLPT',
        level: 'N3',
        assessedOn: today,
      }),
    (body) => [body.id, adult],
  );
  // A second course: one learner enrolled, one waitlisted; a third learner withdraws, then it closes.
  const closing = (await caseworker.post('/api/v1/language-courses', courseBody(addDays(today, -10))).expect(201))
    .body as Body;
  const leaver = (
    await caseworker.post(`/api/v1/language-courses/${closing.id}/enrollments`, { residentId: child }).expect(201)
  ).body as Body;
  await caseworker.post(`/api/v1/language-courses/${closing.id}/enrollments`, { residentId: adult }).expect(201);
  await caseworker.post(`/api/v1/language-courses/${closing.id}/enrollments`, { residentId: student }).expect(201);
  await write<Body>(
    'PATCH /api/v1/enrollments/{id}',
    'CITY_CASEWORKER',
    (s) => s.patch(`/api/v1/enrollments/${leaver.id}`, { version: leaver.version, status: 'WITHDRAWN' }),
    (body) => [body.id, child, adult], // the adult is promoted from the waitlist
  );
  const third = (await createResident(caseworker, { familyName: 'SILVA', givenName: 'ANA' })).id;
  await caseworker.post(`/api/v1/language-courses/${closing.id}/enrollments`, { residentId: third }).expect(201);
  await write(
    'POST /api/v1/language-courses/{id}/close',
    'CITY_CASEWORKER',
    (s) => s.post(`/api/v1/language-courses/${closing.id}/close`),
    () => [closing.id, adult, student, third], // enrolled → completed or dropped; waitlisted → withdrawn
  );
  const spareCourse = (await caseworker.post('/api/v1/language-courses', courseBody(addDays(today, -10))).expect(201))
    .body as Body;

  // --- Orientation -------------------------------------------------------------------------------
  const orientation = await write<Body>(
    'POST /api/v1/orientation-sessions',
    'CITY_CASEWORKER',
    (s) =>
      s.post('/api/v1/orientation-sessions', {
        heldOn: addDays(today, 14),
        startsAt: '13:30',
        venue: '浜松市役所 北館 101会議室',
        languages: ['ja-easy', 'vi'],
        interpreter: true,
        topics: ['RESIDENCE_PROCEDURES'],
        capacity: 30,
      }),
    (body) => [body.id],
  );
  await write<Body>(
    'PATCH /api/v1/orientation-sessions/{id}',
    'CITY_CASEWORKER',
    (s) => s.patch(`/api/v1/orientation-sessions/${orientation.id}`, { version: orientation.version, capacity: 40 }),
    (body) => [body.id],
  );
  await write(
    'PUT /api/v1/orientation-sessions/{id}/attendance',
    'CITY_CASEWORKER',
    (s) =>
      s.put(`/api/v1/orientation-sessions/${orientation.id}/attendance`, { residentId: adult, status: 'REGISTERED' }),
    () => [adult],
  );

  // --- Cases, consents, referrals between offices ------------------------------------------------
  const theCase = await write<Body>(
    'POST /api/v1/cases',
    'CITY_CASEWORKER',
    (s) => s.post('/api/v1/cases', { residentId: adult, category: 'JOB_SEARCH', title: 'Looking for work' }),
    (body) => [body.id, adult],
  );
  await write<Body>(
    'PATCH /api/v1/cases/{id}',
    'CITY_CASEWORKER',
    (s) => s.patch(`/api/v1/cases/${theCase.id}`, { version: theCase.version, priority: 'HIGH' }),
    (body) => [body.id, adult],
  );
  await write<Body>(
    'POST /api/v1/cases/{id}/notes',
    'CITY_CASEWORKER',
    (s) => s.post(`/api/v1/cases/${theCase.id}/notes`, { body: 'Came to the desk with an interpreter.' }),
    (body) => [body.id, adult],
  );
  const consentBody = {
    purpose: 'EMPLOYMENT_SUPPORT',
    recipientOrgId: pesoOrgId,
    grantedOn: today,
    evidenceRef: `DOC-${tag}`,
    explanationLanguage: 'vi',
  };
  const consent = await write<Body>(
    'POST /api/v1/residents/{id}/consents',
    'CITY_CASEWORKER',
    (s) => s.post(`/api/v1/residents/${adult}/consents`, consentBody),
    (body) => [body.id, adult],
  );
  const referredCase = (
    await caseworker
      .post('/api/v1/cases', { residentId: adult, category: 'JOB_SEARCH', title: 'Hello Work' })
      .expect(201)
  ).body as Body;
  const caseReferral = await write<Body>(
    'POST /api/v1/cases/{id}/referrals',
    'CITY_CASEWORKER',
    (s) => s.post(`/api/v1/cases/${referredCase.id}/referrals`, { toOrgId: pesoOrgId, purpose: 'EMPLOYMENT_SUPPORT' }),
    (body) => [body.id, adult],
  );
  await write<Body>(
    'PATCH /api/v1/referrals/{id}',
    'PESO_COUNSELOR',
    (s) => s.patch(`/api/v1/referrals/${caseReferral.id}`, { version: caseReferral.version, status: 'ACCEPTED' }),
    (body) => [body.id, adult],
  );
  const withdrawn = (await caseworker.post(`/api/v1/residents/${student}/consents`, consentBody).expect(201))
    .body as Body;
  await write<Body>(
    'POST /api/v1/consents/{id}/withdraw',
    'CITY_CASEWORKER',
    (s) => s.post(`/api/v1/consents/${withdrawn.id}/withdraw`, {}),
    (body) => [body.id, student],
  );
  const spareConsent = (await caseworker.post(`/api/v1/residents/${student}/consents`, consentBody).expect(201))
    .body as Body;

  // --- Schooling ---------------------------------------------------------------------------------
  const school = sessions.SCHOOL_OFFICER;
  const schoolRow = await write<Body>(
    'POST /api/v1/schools',
    'SCHOOL_OFFICER',
    (s) => s.post('/api/v1/schools', { code: `E${tag}`, name: '北小学校', kind: 'PUBLIC_ELEMENTARY' }),
    (body) => [body.id],
  );
  await write<Body>(
    'PATCH /api/v1/schools/{id}',
    'SCHOOL_OFFICER',
    (s) => s.patch(`/api/v1/schools/${schoolRow.id}`, { version: schoolRow.version, name: '浜松市立北小学校' }),
    (body) => [body.id],
  );
  const schoolEnrollment = await write<Body>(
    'POST /api/v1/residents/{id}/school-enrollments',
    'SCHOOL_OFFICER',
    (s) =>
      s.post(`/api/v1/residents/${child}/school-enrollments`, {
        schoolId: schoolRow.id,
        grade: 3,
        fromDate: `${schoolYear}-04-01`,
      }),
    (body) => [body.id, child],
  );
  await write<Body>(
    'PATCH /api/v1/residents/{id}/school-enrollments/{enrollmentId}',
    'SCHOOL_OFFICER',
    (s) =>
      s.patch(`/api/v1/residents/${child}/school-enrollments/${schoolEnrollment.id}`, {
        version: schoolEnrollment.version,
        japaneseInstructionNeeded: true,
      }),
    (body) => [body.id, child],
  );
  await write(
    'PUT /api/v1/residents/{id}/schooling-status/{schoolYear}',
    'SCHOOL_OFFICER',
    (s) =>
      s.put(`/api/v1/residents/${child}/schooling-status/${schoolYear + 1}`, {
        status: 'UNCONFIRMED',
        source: 'HOME_VISIT',
      }),
    () => [child],
  );
  await write(
    'PUT /api/v1/residents/{id}/absences/{month}',
    'SCHOOL_OFFICER',
    (s) => s.put(`/api/v1/residents/${child}/absences/${schoolYear}-04`, { daysAbsent: 30, reason: 'FUTOKO' }),
    () => [child],
  );
  await write(
    'POST /api/v1/residents/{id}/school-guide-responses',
    'CITY_CASEWORKER',
    (s) =>
      s.post(`/api/v1/residents/${child}/school-guide-responses`, {
        schoolYear: schoolYear + 1,
        response: 'INTENDS_TO_ENROLL',
      }),
    () => [child],
  );
  const dispatch = await write<Body>(
    'POST /api/v1/school-guide-dispatches',
    'SCHOOL_OFFICER',
    (s) => s.post('/api/v1/school-guide-dispatches', { schoolYear: schoolYear + 1 }),
    (body) => [body.id],
  );

  // --- Alerts and notifications ------------------------------------------------------------------
  await t.app.get(AlertsService).evaluateResident(child);
  const alerts = (await school.get(`/api/v1/alerts?residentId=${child}`).expect(200)).body.items as Array<
    Body & { ruleCode: string }
  >;
  const alert = alerts.find((item) => item.ruleCode === 'CHILD_LONG_ABSENCE');
  if (!alert) throw new Error(`no CHILD_LONG_ABSENCE alert: ${JSON.stringify(alerts)}`);
  await write<Body>(
    'PATCH /api/v1/alerts/{id}',
    'SCHOOL_OFFICER',
    (s) => s.patch(`/api/v1/alerts/${alert.id}`, { version: alert.version, status: 'ACKNOWLEDGED' }),
    (body) => [body.id, child],
  );
  const notificationId = await t.dataSource.transaction((tx) =>
    t.app.get(NotificationsService).enqueue(tx, {
      residentId: adult,
      purpose: 'NHI_ENROLMENT',
      data: {},
      dedupKey: `world-${tag}-letter`,
    }),
  );
  if (!notificationId) throw new Error('no notification');
  const sent = await t.app.get(NotificationSender).send(notificationId);
  if (sent !== 'SENT') throw new Error(`letter not printed: ${sent}`);
  await write(
    'POST /api/v1/notifications/{id}/resend',
    'CITY_CASEWORKER',
    (s) => s.post(`/api/v1/notifications/${notificationId}/resend`),
    () => [notificationId, adult],
  );
  await t.app.get(NotificationSender).send(notificationId);
  await write(
    'PUT /api/v1/residents/{id}/notification-opt-outs',
    'CITY_CASEWORKER',
    (s) => s.put(`/api/v1/residents/${adult}/notification-opt-outs`, { email: true, letter: false }),
    () => [adult],
  );
  await write(
    'PUT /api/v1/residents/{id}/contact',
    'CITY_CASEWORKER',
    (s) => s.put(`/api/v1/residents/${adult}/contact`, { email: `nguyen-${tag}@example.com` }),
    () => [adult],
  );
  const schedules = (await admin.get('/api/v1/reminder-schedules').expect(200)).body as Array<
    Body & { purpose: string }
  >;
  const schedule = schedules.find((item) => item.purpose === 'STATUS_RENEWAL_INSURANCE')!;
  await write(
    'PATCH /api/v1/reminder-schedules/{purpose}',
    'ADMIN',
    (s) =>
      s.patch('/api/v1/reminder-schedules/STATUS_RENEWAL_INSURANCE', {
        version: schedule.version,
        offsetsDays: [45, 14],
      }),
    () => ['STATUS_RENEWAL_INSURANCE'],
  );

  // --- Reports -----------------------------------------------------------------------------------
  const outcome = await t.app
    .get(ReportRunner)
    .run('RESIDENTS', scopeOf('MUNICIPALITY', CITY, [CITY]), today, 'MANUAL');
  if (!outcome.runId) throw new Error(`report run: ${JSON.stringify(outcome)}`);
  await write(
    'POST /api/v1/reports/{code}/runs',
    'ADMIN',
    (s) => s.post('/api/v1/reports/RESIDENTS/runs', { asOf: addDays(today, -1) }),
    () => ['RESIDENTS'],
  );

  // --- The runs processed (the worker's job, run here), reviews of the twins ---------------------
  const runs = t.app.get(MatchRunsService);
  for (const runId of [
    matchRun.id,
    (coverageImport.matchRun as { id: string }).id,
    (employerImport.matchRun as { id: string }).id,
  ]) {
    const processed = await runs.run(runId);
    if (processed.status !== 'DONE') throw new Error(`match run ${runId}: ${JSON.stringify(processed)}`);
  }
  const reviews = (await caseworker.get(`/api/v1/match-runs/${matchRun.id}/reviews`).expect(200)).body.items as Array<{
    seq: number;
    residentId: string;
  }>;
  if (reviews.length !== 2) throw new Error(`expected two reviews: ${JSON.stringify(reviews)}`);
  await write(
    'POST /api/v1/match-runs/{id}/reviews/{seq}/accept',
    'CITY_CASEWORKER',
    (s) =>
      s.post(`/api/v1/match-runs/${matchRun.id}/reviews/${reviews[0].seq}/accept`, {
        residentId: reviews[0].residentId,
      }),
    () => [reviews[0].residentId],
  );
  await write(
    'POST /api/v1/match-runs/{id}/reviews/{seq}/reject',
    'CITY_CASEWORKER',
    (s) => s.post(`/api/v1/match-runs/${matchRun.id}/reviews/${reviews[1].seq}/reject`, {}),
    () => [reviews[1].residentId],
  );

  return {
    today,
    schoolYear,
    cityOrgId,
    pesoOrgId,
    adult,
    child,
    student,
    householdId: household.id,
    caseId: theCase.id,
    consentId: consent.id,
    spareConsentId: spareConsent.id,
    caseReferralId: caseReferral.id,
    coveragePeriodId: manual.id,
    employmentRecordId: record.id,
    workReferralId: workReferral.id,
    courseId: course.id,
    spareCourseId: spareCourse.id,
    courseSessionId: courseSession.id,
    enrollmentId: enrollment.id,
    orientationSessionId: orientation.id,
    schoolId: schoolRow.id,
    schoolEnrollmentId: schoolEnrollment.id,
    alertId: alert.id,
    notificationId,
    importRunId: importRun.id,
    matchRunId: matchRun.id,
    reviewSeqs: [reviews[0].seq, reviews[1].seq],
    coverageImportId: coverageImport.id,
    employerImportId: employerImport.id,
    dispatchId: dispatch.id,
    reportRunId: outcome.runId,
    serviceTokenId: token.id,
    spareUserId: spareUser.id,
    revoked,
    calls,
  };
}
