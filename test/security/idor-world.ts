import { AlertsService } from '@app/alerts';
import { addDays, officeDate, schoolYearOf } from '@app/platform';
import { REPORTS, ReportRunner, scopeOf } from '@app/reports';
import { randomBytes } from 'node:crypto';
import { createCity, createPeso, createUser, DEMO, seedDemo } from '../factories/identity.js';
import { createResident } from '../factories/residents.js';
import { login, type SignedIn } from '../support/http.js';
import type { TestApp } from '../support/test-app.js';

export const OTHER_CITY = '222143';
export const today = officeDate(new Date(), 'Asia/Tokyo');
export const schoolYear = schoolYearOf(today);
/** A child in `grade` (1–9 from elementary entry) of this school year. */
const bornForGrade = (grade: number) => `${schoolYear - 6 - grade}-09-15`;

export type Kind =
  | 'resident'
  | 'household'
  | 'coveragePeriod'
  | 'employmentRecord'
  | 'schoolEnrollment'
  | 'school'
  | 'case'
  | 'note'
  | 'referral'
  | 'consent'
  | 'referralToWork'
  | 'alert'
  | 'reportRun'
  | 'course'
  | 'courseSession'
  | 'courseEnrollment'
  | 'user';

export interface Owned {
  id: string;
  residentId?: string;
  code?: string;
}

/** Signed-in users of one office set: a city's four roles and a PESO counselor serving that city. */
export interface Staff {
  caseworker: SignedIn;
  school: SignedIn;
  admin: SignedIn;
  reports: SignedIn;
  counselor: SignedIn;
}

export interface World {
  demo: Staff;
  other: Staff;
  otherCityOrgId: string;
  otherPesoOrgId: string;
  /** The second city's records, by kind. */
  foreign: Record<Kind, Owned[]>;
  /** Named records of the second city that some routes need in their bodies. */
  named: {
    adults: string[];
    children: string[];
    student: string;
    consented: string[];
    school: string;
    course: string;
  };
  /** The demo city's own records, to pair with foreign ones in two-id routes. */
  own: {
    resident: string;
    household: string;
    coveragePeriod: string;
    employmentRecord: string;
    schoolEnrollment: string;
  };
  /** Unique texts written into the second city's records: no demo-city response may carry one. */
  markers: string[];
}

async function created(response: Promise<{ status: number; body: unknown }> | { status: number; body: unknown }) {
  const answer = await response;
  if (answer.status !== 201 && answer.status !== 200) {
    throw new Error(`fixture write failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body as { id: string; version: number } & Record<string, unknown>;
}

async function staffOf(t: TestApp, cityOrgId: string, pesoOrgId: string): Promise<Staff> {
  const user = async (
    orgId: string,
    role: 'CITY_CASEWORKER' | 'SCHOOL_OFFICER' | 'ADMIN' | 'REPORT_VIEWER' | 'PESO_COUNSELOR',
  ) => login(t.http, (await createUser(t, orgId, [role])).email);
  return {
    caseworker: await user(cityOrgId, 'CITY_CASEWORKER'),
    school: await user(cityOrgId, 'SCHOOL_OFFICER'),
    admin: await user(cityOrgId, 'ADMIN'),
    reports: await user(cityOrgId, 'REPORT_VIEWER'),
    counselor: await user(pesoOrgId, 'PESO_COUNSELOR'),
  };
}

/**
 * The demo city (221309) with its PESO (jurisdiction 221309 and 222216), and a second city
 * (222143) with a PESO of its own, full of real records made through the API the way its staff
 * would make them: residents, a household, coverage, cases and notes, consents and referrals,
 * employment, schooling, language courses, alerts from the evaluation and report runs.
 */
export async function buildWorld(t: TestApp): Promise<World> {
  await seedDemo(t);
  const demo: Staff = {
    caseworker: await login(t.http, DEMO.caseworker),
    school: await login(t.http, DEMO.school),
    admin: await login(t.http, DEMO.admin),
    reports: await login(t.http, DEMO.reports),
    counselor: await login(t.http, DEMO.counselor),
  };
  const city = await createCity(t, OTHER_CITY, '湖西市 (Kosai City)');
  const peso = await createPeso(t, [OTHER_CITY], 'ハローワーク湖西 (Hello Work Kosai)');
  const other = await staffOf(t, city.id, peso.id);
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const markers: string[] = [];
  const mark = (what: string) => {
    const text = `IDOR-${what}-${tag}`;
    markers.push(text);
    return text;
  };
  const foreign = Object.fromEntries(
    (
      [
        'resident',
        'household',
        'coveragePeriod',
        'employmentRecord',
        'schoolEnrollment',
        'school',
        'case',
        'note',
        'referral',
        'consent',
        'referralToWork',
        'alert',
        'reportRun',
        'course',
        'courseSession',
        'courseEnrollment',
        'user',
      ] as Kind[]
    ).map((kind) => [kind, [] as Owned[]]),
  ) as Record<Kind, Owned[]>;
  const { caseworker, school, counselor } = other;

  // Residents: ten adults (one a student), two school-age children.
  const adults: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const familyName = `KOSAI${String.fromCharCode(65 + i)}${tag.replace(/[0-9]/g, 'X')}`;
    markers.push(familyName);
    const resident = await createResident(caseworker, {
      familyName,
      givenName: 'MARCOS',
      address: mark(`ADDRESS${i}`),
      ...(i === 3 ? { statusCode: 'STUDENT', birthDate: '2003-04-04' } : {}),
    });
    adults.push(resident.id);
  }
  const children: string[] = [];
  for (const grade of [3, 7]) {
    const child = await createResident(caseworker, {
      familyName: `KOSAIKID${tag.replace(/[0-9]/g, 'Y')}`,
      givenName: `G${grade}`,
      birthDate: bornForGrade(grade),
    });
    children.push(child.id);
    await caseworker.post(`/api/v1/residents/${child.id}/guardians`, { guardianId: adults[0] }).expect(204);
  }
  for (const id of [...adults, ...children]) foreign.resident.push({ id });

  const household = await created(
    caseworker.post('/api/v1/households', {
      householdKey: mark('HH'),
      memberIds: [adults[0], ...children],
      headResidentId: adults[0],
    }),
  );
  foreign.household.push({ id: household.id });

  // Coverage periods, facts, relief and contact.
  for (const residentId of adults.slice(0, 4)) {
    const period = await created(
      caseworker.post(`/api/v1/residents/${residentId}/coverage-periods`, {
        scheme: 'NHI',
        role: 'INSURED',
        startDate: '2024-04-01',
        evidenceRef: mark('NHI'),
      }),
    );
    foreign.coveragePeriod.push({ id: period.id, residentId });
  }
  await created(caseworker.put(`/api/v1/residents/${adults[0]}/insurance-facts`, { version: 0, isEmployed: true }));
  await created(
    caseworker.post(`/api/v1/residents/${adults[1]}/pension-reliefs`, {
      fiscalYear: 2024,
      kind: 'EXEMPTION_HALF',
      evidenceRef: mark('RELIEF'),
    }),
  );
  await created(
    caseworker.put(`/api/v1/residents/${adults[0]}/contact`, { email: `${mark('MAIL').toLowerCase()}@example.org` }),
  );

  // Employment records (one by the city, one by its PESO).
  for (const [who, residentId] of [
    [caseworker, adults[1]],
    [counselor, adults[2]],
  ] as const) {
    const record = await created(
      who.post(`/api/v1/residents/${residentId}/employment-records`, {
        employer: { name: mark('EMPLOYER'), isCorporation: true },
        hiredOn: '2025-04-01',
        occupation: 'assembly',
      }),
    );
    foreign.employmentRecord.push({ id: record.id, residentId });
  }

  // Cases with a normal and a sensitive note each; three have an overdue next action.
  for (let i = 0; i < 6; i += 1) {
    const opened = await created(
      caseworker.post('/api/v1/cases', {
        residentId: adults[i],
        category: 'JOB_SEARCH',
        title: mark(`CASE${i}`),
        nextActionOn: addDays(today, i < 3 ? -3 : 10),
      }),
    );
    foreign.case.push({ id: opened.id, residentId: adults[i] });
    for (const sensitivity of ['NORMAL', 'SENSITIVE']) {
      const note = await created(
        caseworker.post(`/api/v1/cases/${opened.id}/notes`, { body: mark(`NOTE${i}${sensitivity}`), sensitivity }),
      );
      foreign.note.push({ id: note.id, residentId: adults[i] });
    }
  }

  // Consents to the second city's PESO (four residents), referrals of the first two cases.
  const consented = adults.slice(0, 4);
  for (const residentId of consented) {
    const consent = await created(
      caseworker.post(`/api/v1/residents/${residentId}/consents`, {
        purpose: 'EMPLOYMENT_SUPPORT',
        recipientOrgId: peso.id,
        grantedOn: today,
        evidenceRef: mark('CONSENT'),
        explanationLanguage: 'pt',
      }),
    );
    foreign.consent.push({ id: consent.id, residentId });
  }
  for (const opened of foreign.case.slice(0, 2)) {
    const sent = await created(
      caseworker.post(`/api/v1/cases/${opened.id}/referrals`, {
        toOrgId: peso.id,
        purpose: 'EMPLOYMENT_SUPPORT',
        message: mark('REFERRAL'),
      }),
    );
    foreign.referral.push({ id: sent.id, residentId: opened.residentId });
  }
  // The PESO accepts the second one; the first stays SENT.
  await created(counselor.patch(`/api/v1/referrals/${foreign.referral[1].id}`, { version: 1, status: 'ACCEPTED' }));

  // The PESO's own work: counseling, a referral to a job, a student's job hunting, a credential.
  await created(
    counselor.post(`/api/v1/residents/${adults[2]}/counseling-sessions`, {
      heldOn: today,
      topics: ['JOB_SEARCH'],
      outcome: mark('COUNSELING'),
    }),
  );
  const toWork = await created(
    counselor.post(`/api/v1/residents/${adults[2]}/referrals-to-work`, {
      kind: 'JOB',
      referredOn: today,
      vacancyRef: '22010-12345671',
      employerName: mark('VACANCY'),
    }),
  );
  foreign.referralToWork.push({ id: toWork.id, residentId: adults[2] });
  await created(counselor.put(`/api/v1/residents/${adults[3]}/job-hunting`, { version: 0, status: 'SEARCHING' }));
  await created(
    counselor.post(`/api/v1/residents/${adults[3]}/credentials`, {
      title: mark('CREDENTIAL'),
      issuingCountry: 'BR',
      verification: 'CLAIMED',
    }),
  );

  // Schooling: a school, an enrolment, a status, absences and a guide answer.
  const schoolRow = await created(
    school.post('/api/v1/schools', { code: `K${tag}`, name: mark('SCHOOL'), kind: 'PUBLIC_ELEMENTARY' }),
  );
  foreign.school.push({ id: schoolRow.id });
  const enrolled = await created(
    school.post(`/api/v1/residents/${children[0]}/school-enrollments`, {
      schoolId: schoolRow.id,
      grade: 3,
      fromDate: `${schoolYear}-04-01`,
      note: mark('ENROLMENT'),
    }),
  );
  foreign.schoolEnrollment.push({ id: enrolled.id, residentId: children[0] });
  await created(
    school.put(`/api/v1/residents/${children[1]}/schooling-status/${schoolYear}`, {
      status: 'NOT_ENROLLED',
      source: 'HOME_VISIT',
      note: mark('STATUS'),
    }),
  );
  await created(
    school.put(`/api/v1/residents/${children[0]}/absences/${schoolYear}-05`, { daysAbsent: 4, reason: 'ILLNESS' }),
  );
  await created(
    school.post(`/api/v1/residents/${children[1]}/school-guide-responses`, {
      schoolYear,
      response: 'INTENDS_TO_ENROLL',
      note: mark('GUIDE'),
    }),
  );

  // A language course with a session and two learners.
  const course = await created(
    caseworker.post('/api/v1/language-courses', {
      title: mark('COURSE'),
      provider: 'Kosai International Association',
      providerKind: 'INTERNATIONAL_ASSOCIATION',
      levelFrom: 'A1',
      levelTo: 'A2',
      instructionLanguage: 'ja-easy',
      capacity: 20,
      startsOn: addDays(today, -7),
      endsOn: addDays(today, 90),
    }),
  );
  foreign.course.push({ id: course.id });
  const session = await created(caseworker.post(`/api/v1/language-courses/${course.id}/sessions`, { heldOn: today }));
  foreign.courseSession.push({ id: session.id });
  for (const residentId of adults.slice(4, 6)) {
    const enrollment = await created(
      caseworker.post(`/api/v1/language-courses/${course.id}/enrollments`, { residentId }),
    );
    foreign.courseEnrollment.push({ id: enrollment.id, residentId });
  }

  // Alerts, as the evaluation raises them (coverage gaps, overdue case actions, schooling).
  await t.app.get(AlertsService).evaluateResidents([...adults, ...children]);
  const alerts: Array<{ id: string; resident_id: string | null }> = await t.dataSource.query(
    `SELECT id, resident_id FROM alert WHERE municipality_code = $1 ORDER BY opened_at, id`,
    [OTHER_CITY],
  );
  for (const alert of alerts) foreign.alert.push({ id: alert.id, residentId: alert.resident_id ?? undefined });

  // Report runs of the second city, for two nights.
  const runner = t.app.get(ReportRunner);
  const scope = scopeOf('MUNICIPALITY', OTHER_CITY, [OTHER_CITY]);
  for (const asOf of [addDays(today, -1), today]) {
    for (const report of REPORTS.filter((definition) => definition.scopes.includes('MUNICIPALITY'))) {
      const outcome = await runner.run(report.code, scope, asOf, 'NIGHTLY');
      if (outcome.status !== 'DONE') throw new Error(`report ${report.code}: ${JSON.stringify(outcome)}`);
    }
  }
  const runs: Array<{ id: string; report_code: string }> = await t.dataSource.query(
    `SELECT id, report_code FROM report_run WHERE scope_key = $1 ORDER BY report_code, as_of`,
    [OTHER_CITY],
  );
  for (const run of runs) foreign.reportRun.push({ id: run.id, code: run.report_code });

  for (const member of [other.caseworker, other.school, other.admin, other.reports])
    foreign.user.push({ id: member.user.id });

  // The demo city's own records, to pair with foreign ids in routes that take two.
  const ownResident = (await createResident(demo.caseworker, { familyName: 'HAMAMATSU', givenName: 'OWN' })).id;
  const ownChild = (
    await createResident(demo.caseworker, { familyName: 'HAMAMATSU', givenName: 'KID', birthDate: bornForGrade(2) })
  ).id;
  const ownHousehold = await created(demo.caseworker.post('/api/v1/households', { memberIds: [ownResident] }));
  const ownPeriod = await created(
    demo.caseworker.post(`/api/v1/residents/${ownResident}/coverage-periods`, {
      scheme: 'NHI',
      role: 'INSURED',
      startDate: '2024-04-01',
    }),
  );
  const ownRecord = await created(
    demo.caseworker.post(`/api/v1/residents/${ownResident}/employment-records`, {
      employer: { name: 'Hamamatsu Works', isCorporation: true },
      hiredOn: '2025-04-01',
    }),
  );
  const ownSchool = await created(
    demo.school.post('/api/v1/schools', { code: 'H001', name: 'Hamamatsu Elementary', kind: 'PUBLIC_ELEMENTARY' }),
  );
  const ownEnrollment = await created(
    demo.school.post(`/api/v1/residents/${ownChild}/school-enrollments`, {
      schoolId: ownSchool.id,
      fromDate: `${schoolYear}-04-01`,
    }),
  );

  return {
    demo,
    other,
    otherCityOrgId: city.id,
    otherPesoOrgId: peso.id,
    foreign,
    named: { adults, children, student: adults[3], consented, school: schoolRow.id, course: course.id },
    own: {
      resident: ownResident,
      household: ownHousehold.id,
      coveragePeriod: ownPeriod.id,
      employmentRecord: ownRecord.id,
      schoolEnrollment: ownEnrollment.id,
    },
    markers,
  };
}
