import { ACCESS_OPENAPI_EXTENSION, addDays, type AccessRule, type Role } from '@app/platform';
import request from 'supertest';
import type { SignedIn } from '../support/http.js';
import type { TestApp } from '../support/test-app.js';
import { schoolYear, today, type Kind, type World } from './idor-world.js';

type Agent = Record<string, (path: string) => request.Test>;
const open = (t: TestApp, method: string, path: string) => (request(t.http) as unknown as Agent)[method](path);

/** One operation of the OpenAPI document, with its path template as published. */
export interface Operation {
  method: string;
  template: string;
  access: AccessRule | undefined;
  query: Array<{ name: string; required: boolean }>;
}

export async function operations(t: TestApp): Promise<Operation[]> {
  const document = (await request(t.http).get('/api/docs-json').expect(200)).body as {
    paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; required?: boolean }> }>>;
  };
  return Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method,
      template,
      access: (operation as Record<string, unknown>)[ACCESS_OPENAPI_EXTENSION] as AccessRule | undefined,
      query: (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => ({ name: parameter.name, required: parameter.required === true })),
    })),
  );
}

export const label = (operation: Operation) => `${operation.method.toUpperCase()} ${operation.template}`;

export function mayCall(role: Role, access: AccessRule | undefined): boolean {
  if (!access) return false;
  return access.kind !== 'roles' || access.roles.includes(role);
}

/** Any HTTP method, signed in as `session`, with the CSRF token. */
export function send(
  t: TestApp,
  session: SignedIn,
  method: string,
  path: string,
  prepared: Prepared = {},
): request.Test {
  let test = open(t, method, prepared.query ? `${path}?${prepared.query}` : path)
    .set('cookie', session.cookie)
    .set('x-csrf-token', session.csrfToken);
  for (const [name, value] of Object.entries(prepared.headers ?? {})) test = test.set(name, value);
  if (prepared.body !== undefined) test = test.send(prepared.body);
  return test;
}

/** Everything a response says, headers included, as one text to scan. */
export function textOf(response: request.Response): string {
  const body =
    typeof response.text === 'string' && response.text.length > 0 ? response.text : JSON.stringify(response.body);
  return `${JSON.stringify(response.headers)}\n${body}`;
}

/** A route with its path parameters filled in, and the record it aims at. */
export interface Binding {
  path: string;
  focus: { kind: Kind; id: string };
  /** The record a second-city user should succeed on, to show the body and ids are right. */
  control?: boolean;
}

export interface Prepared {
  body?: object;
  headers?: Record<string, string>;
  query?: string;
}

/** Current versions of the second city's records, as the client would have read them. */
export type Versions = Map<string, number>;

const VERSIONED: Array<[string, string]> = [
  ['resident', 'id'],
  ['household', 'id'],
  ['coverage_period', 'id'],
  ['employment_record', 'id'],
  ['school_enrollment', 'id'],
  ['school', 'id'],
  ['support_case', 'id'],
  ['referral', 'id'],
  ['consent', 'id'],
  ['referral_to_work', 'id'],
  ['alert', 'id'],
  ['language_course', 'id'],
  ['course_session', 'id'],
  ['enrollment', 'id'],
  ['app_user', 'id'],
  ['resident_insurance_facts', 'resident_id'],
  ['student_job_hunt', 'resident_id'],
];

export async function loadVersions(t: TestApp): Promise<Versions> {
  const versions: Versions = new Map();
  for (const [table, key] of VERSIONED) {
    const rows: Array<{ key: string; version: number }> = await t.dataSource.query(
      `SELECT ${key}::text AS key, version FROM ${table}`,
    );
    for (const row of rows) versions.set(`${table}:${row.key}`, row.version);
  }
  const statuses: Array<{ key: string; version: number }> = await t.dataSource.query(
    `SELECT resident_id || ':' || school_year AS key, version FROM schooling_status`,
  );
  for (const row of statuses) versions.set(`schooling_status:${row.key}`, row.version);
  return versions;
}

const ID = /\{[^}]+\}/g;
const fill = (template: string, values: string[]) => {
  let index = 0;
  return template.replace(ID, () => values[index++]);
};

type Binder = (w: World, template: string) => Binding[];

const each =
  (kind: Kind, control = 0): Binder =>
  (w, template) =>
    w.foreign[kind].map((record, index) => ({
      path: fill(template, [record.id]),
      focus: { kind, id: record.id },
      control: index === control,
    }));

/** A resident's own sub-record: under its resident, and under one of the demo city's residents. */
const child =
  (kind: Kind): Binder =>
  (w, template) =>
    w.foreign[kind].flatMap((record, index) => [
      { path: fill(template, [record.residentId!, record.id]), focus: { kind, id: record.id }, control: index === 0 },
      { path: fill(template, [w.own.resident, record.id]), focus: { kind, id: record.id } },
    ]);

const residents =
  (pick: (w: World) => string = (w) => w.named.adults[0], extra: (template: string) => string[] = () => []): Binder =>
  (w, template) =>
    w.foreign.resident.map((record) => ({
      path: fill(template, [record.id, ...extra(template)]),
      focus: { kind: 'resident' as Kind, id: record.id },
      control: record.id === pick(w),
    }));

const SCHOOLING = /\/(schooling|school-enrollments|schooling-status|absences|school-guide-responses|guardians)(\/|$)/;
const STUDENT = /\/(job-hunting|part-time-hours)$/;

/**
 * Which records each route's path parameters name. A route whose parameters name none of the kinds
 * this test plants in the second city is listed in OTHER_KINDS; anything else fails the test, so a
 * new route is never silently left out.
 */
export function binderFor(template: string): Binder | 'other' | undefined {
  if (OTHER_KINDS.some((pattern) => pattern.test(template))) return 'other';
  const rules: Array<[RegExp, Binder]> = [
    [/^\/api\/v1\/residents\/\{id\}\/coverage-periods\/\{periodId\}$/, child('coveragePeriod')],
    [/^\/api\/v1\/residents\/\{id\}\/employment-records\/\{recordId\}$/, child('employmentRecord')],
    [/^\/api\/v1\/residents\/\{id\}\/school-enrollments\/\{enrollmentId\}$/, child('schoolEnrollment')],
    [
      /^\/api\/v1\/residents\/\{id\}\/schooling-status\/\{schoolYear\}$/,
      residents(
        (w) => w.named.children[1],
        () => [String(schoolYear)],
      ),
    ],
    [
      /^\/api\/v1\/residents\/\{id\}\/absences\/\{month\}$/,
      residents(
        (w) => w.named.children[0],
        () => [`${schoolYear}-06`],
      ),
    ],
    [
      /^\/api\/v1\/residents\/\{id\}(\/[a-z-]+(\.[a-z]+)?)?$/,
      (w, template) =>
        residents((world) =>
          SCHOOLING.test(template)
            ? world.named.children[1]
            : STUDENT.test(template)
              ? world.named.student
              : template.endsWith('/consents')
                ? world.named.adults[5]
                : world.named.adults[0],
        )(w, template),
    ],
    [/^\/api\/v1\/households\/\{id\}$/, each('household')],
    [
      /^\/api\/v1\/households\/\{id\}\/members\/\{residentId\}$/,
      (w, template) => {
        const household = w.foreign.household[0].id;
        return [
          ...w.foreign.resident.map((resident) => ({
            path: fill(template, [household, resident.id]),
            focus: { kind: 'household' as Kind, id: household },
            control: resident.id === w.named.adults[1],
          })),
          // The demo city's own household and a foreign resident: moving them in or out must fail too.
          ...w.foreign.resident.map((resident) => ({
            path: fill(template, [w.own.household, resident.id]),
            focus: { kind: 'resident' as Kind, id: resident.id },
          })),
          { path: fill(template, [household, w.own.resident]), focus: { kind: 'household' as Kind, id: household } },
        ];
      },
    ],
    [/^\/api\/v1\/cases\/\{id\}\/referrals$/, each('case', 2)],
    [/^\/api\/v1\/cases\/\{id\}(\/[a-z]+(\.csv)?)?$/, each('case')],
    [/^\/api\/v1\/referrals\/\{id\}$/, each('referral')],
    [/^\/api\/v1\/consents\/\{id\}\/withdraw$/, each('consent', 3)],
    [/^\/api\/v1\/referrals-to-work\/\{id\}$/, each('referralToWork')],
    [/^\/api\/v1\/alerts\/\{id\}$/, each('alert')],
    [
      /^\/api\/v1\/reports\/\{code\}\/runs\/\{id\}$/,
      (w, template) =>
        w.foreign.reportRun.flatMap((run, index) =>
          ['', '.csv', '.xlsx'].map((suffix) => ({
            path: `${fill(template, [run.code!, run.id])}${suffix}`,
            focus: { kind: 'reportRun' as Kind, id: run.id },
            control: index === 0,
          })),
        ),
    ],
    [/^\/api\/v1\/schools\/\{id\}$/, each('school')],
    [/^\/api\/v1\/language-courses\/\{id\}\/close$/, each('course')],
    [/^\/api\/v1\/language-courses\/\{id\}(\/[a-z-]+(\.csv)?)?$/, each('course')],
    [/^\/api\/v1\/course-sessions\/\{id\}(\/attendance)?$/, each('courseSession')],
    [/^\/api\/v1\/enrollments\/\{id\}$/, each('courseEnrollment', 1)],
    [/^\/api\/v1\/users\/\{id\}$/, each('user')],
  ];
  return rules.find(([pattern]) => pattern.test(template))?.[1];
}

/** Routes whose path parameters are ids of other kinds (imports, runs, sessions…) or not ids at all. */
const OTHER_KINDS: RegExp[] = [
  /^\/api\/v1\/organizations\/\{id\}$/, // the directory of offices: administrators read every office by design
  /^\/api\/v1\/service-tokens\/\{id\}$/, // the office's own machine tokens
  /^\/api\/v1\/imports\/\{id\}/, // register imports
  /^\/api\/v1\/match-runs\/\{id\}/,
  /^\/api\/v1\/coverage-imports\/\{id\}/,
  /^\/api\/v1\/employer-report-imports\/\{id\}/,
  /^\/api\/v1\/orientation-sessions\/\{id\}/,
  /^\/api\/v1\/notifications\/\{id\}/,
  /^\/api\/v1\/reminder-schedules\/\{purpose\}$/, // a purpose code, shared by all offices
  /^\/api\/v1\/school-guide-dispatches\/\{id\}$/,
  /^\/api\/v1\/reports\/\{code\}\/(runs|series)$/, // a report code: the caller's own scope
];

/**
 * A valid request for each write route, aimed at the bound record with its current version, so
 * that validation and concurrency checks pass and only the office check can refuse.
 */
export function prepare(operation: Operation, path: string, w: World, versions: Versions): Prepared {
  const ids = [...path.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)].map((m) => m[0]);
  const [first, second] = ids;
  const version = (table: string, id = first) => versions.get(`${table}:${id}`) ?? 0;
  const key = `${operation.method.toUpperCase()} ${operation.template}`;
  const query = operation.query
    .filter((parameter) => parameter.required)
    .map((parameter) => `${parameter.name}=${QUERY_VALUES[`${key}?${parameter.name}`] ?? 'missing'}`)
    .join('&');
  const base: Prepared = query ? { query } : {};
  if (operation.method === 'get' || operation.method === 'delete') return base;
  const builder = BODIES[key];
  if (!builder) throw new Error(`no request body known for ${key}: add one to BODIES in idor-routes.ts`);
  return { ...base, ...builder({ first, second, version, w }) };
}

const QUERY_VALUES: Record<string, string> = {
  'GET /api/v1/residents/{id}/part-time-hours?from': '2026-01-01',
  'GET /api/v1/residents/{id}/part-time-hours?to': '2026-12-31',
};

type Builder = (input: {
  first: string;
  second: string | undefined;
  version: (table: string, id?: string) => number;
  w: World;
}) => Prepared;

const BODIES: Record<string, Builder> = {
  'PATCH /api/v1/residents/{id}': ({ version }) => ({
    body: { address: 'moved by another office' },
    headers: { 'if-match': `"${version('resident')}"` },
  }),
  'POST /api/v1/residents/{id}/guardians': ({ first, w }) => ({
    body: { guardianId: w.named.adults.find((id) => id !== first), relationship: 'GUARDIAN' },
  }),
  'PATCH /api/v1/households/{id}': ({ version }) => ({ body: { version: version('household'), headResidentId: null } }),
  'PUT /api/v1/households/{id}/members/{residentId}': () => ({}),
  'POST /api/v1/residents/{id}/coverage-periods': () => ({
    body: { scheme: 'EI', role: 'INSURED', startDate: today },
  }),
  'PATCH /api/v1/residents/{id}/coverage-periods/{periodId}': ({ second, version }) => ({
    body: { version: version('coverage_period', second), endDate: today },
  }),
  'PUT /api/v1/residents/{id}/insurance-facts': ({ version }) => ({
    body: { version: version('resident_insurance_facts'), onPublicAssistance: false },
  }),
  'POST /api/v1/residents/{id}/pension-reliefs': () => ({ body: { fiscalYear: 2023, kind: 'EXEMPTION_FULL' } }),
  'POST /api/v1/residents/{id}/employment-records': () => ({
    body: { employer: { name: 'Another Office Kogyo', isCorporation: true }, hiredOn: '2025-10-01' },
  }),
  'PATCH /api/v1/residents/{id}/employment-records/{recordId}': ({ second, version }) => ({
    body: { version: version('employment_record', second), occupation: 'changed by another office' },
  }),
  'POST /api/v1/residents/{id}/counseling-sessions': () => ({ body: { heldOn: today, topics: ['LIVING'] } }),
  'POST /api/v1/residents/{id}/referrals-to-work': () => ({
    body: { kind: 'JOB', referredOn: today, vacancyRef: '22010-76543211' },
  }),
  'PATCH /api/v1/referrals-to-work/{id}': ({ version }) => ({
    body: { version: version('referral_to_work'), status: 'INTERVIEW' },
  }),
  'PUT /api/v1/residents/{id}/job-hunting': ({ version }) => ({
    body: { version: version('student_job_hunt'), status: 'SEARCHING', schoolName: 'Shizuoka University' },
  }),
  'POST /api/v1/residents/{id}/part-time-hours': () => ({ body: { days: [{ date: today, hours: 3 }] } }),
  'POST /api/v1/residents/{id}/credentials': () => ({
    body: { title: 'Technician diploma', issuingCountry: 'PE', verification: 'DOCUMENT_SEEN' },
  }),
  'POST /api/v1/residents/{id}/proficiency-assessments': () => ({
    body: { framework: 'JLPT', level: 'N4', assessedOn: today },
  }),
  'PUT /api/v1/residents/{id}/notification-opt-outs': () => ({ body: { email: true, letter: false } }),
  'PUT /api/v1/residents/{id}/contact': () => ({ body: { email: 'another.office@example.org' } }),
  'POST /api/v1/residents/{id}/consents': ({ w }) => ({
    body: {
      purpose: 'LIVING_SUPPORT',
      recipientOrgId: w.otherPesoOrgId,
      grantedOn: today,
      evidenceRef: 'FORM-OTHER-OFFICE',
      explanationLanguage: 'pt',
    },
  }),
  'PATCH /api/v1/cases/{id}': ({ version }) => ({ body: { version: version('support_case'), priority: 'URGENT' } }),
  'POST /api/v1/cases/{id}/notes': () => ({ body: { body: 'written by another office' } }),
  'POST /api/v1/cases/{id}/referrals': ({ w }) => ({
    body: { toOrgId: w.otherPesoOrgId, purpose: 'EMPLOYMENT_SUPPORT' },
  }),
  'PATCH /api/v1/referrals/{id}': ({ version }) => ({ body: { version: version('referral'), status: 'ACCEPTED' } }),
  'POST /api/v1/consents/{id}/withdraw': () => ({ body: { withdrawnOn: today } }),
  'PATCH /api/v1/alerts/{id}': ({ version }) => ({ body: { version: version('alert'), status: 'ACKNOWLEDGED' } }),
  'PATCH /api/v1/schools/{id}': ({ version }) => ({ body: { version: version('school'), name: 'Renamed elsewhere' } }),
  'POST /api/v1/residents/{id}/school-enrollments': ({ w }) => ({
    body: { schoolId: w.named.school, fromDate: today, note: 'enrolled by another office' },
  }),
  'PATCH /api/v1/residents/{id}/school-enrollments/{enrollmentId}': ({ second, version }) => ({
    body: { version: version('school_enrollment', second), note: 'changed by another office' },
  }),
  'PUT /api/v1/residents/{id}/schooling-status/{schoolYear}': ({ first, version }) => {
    const recorded = version(`schooling_status`, `${first}:${schoolYear}`);
    return {
      body: { status: 'ENROLLED_FOREIGN_SCHOOL', source: 'MANUAL', ...(recorded ? { version: recorded } : {}) },
    };
  },
  'PUT /api/v1/residents/{id}/absences/{month}': () => ({ body: { daysAbsent: 2, reason: 'OTHER' } }),
  'POST /api/v1/residents/{id}/school-guide-responses': () => ({
    body: { schoolYear, response: 'FOREIGN_SCHOOL' },
  }),
  'PATCH /api/v1/language-courses/{id}': ({ version }) => ({
    body: { version: version('language_course'), venue: 'Another office hall' },
  }),
  'POST /api/v1/language-courses/{id}/sessions': () => ({
    body: { heldOn: addDays(today, 1), topic: 'added elsewhere' },
  }),
  'POST /api/v1/language-courses/{id}/enrollments': ({ w }) => ({ body: { residentId: w.named.adults[7] } }),
  'POST /api/v1/language-courses/{id}/close': () => ({ body: {} }),
  'PATCH /api/v1/course-sessions/{id}': ({ version }) => ({
    body: { version: version('course_session'), topic: 'changed elsewhere' },
  }),
  'PUT /api/v1/course-sessions/{id}/attendance': ({ w }) => ({
    body: { records: [{ enrollmentId: w.foreign.courseEnrollment[0].id, status: 'PRESENT' }] },
  }),
  'PATCH /api/v1/enrollments/{id}': ({ version }) => ({
    body: { version: version('enrollment'), status: 'WITHDRAWN', reason: 'moved' },
  }),
  'PATCH /api/v1/users/{id}': ({ version }) => ({
    body: { version: version('app_user'), displayName: 'Renamed by another office' },
  }),
};

/** Every row of every table that names one of `ids` or the municipality, as a hash per row. */
export async function snapshot(t: TestApp, ids: string[], municipalityCode: string): Promise<Map<string, string>> {
  const columns: Array<{ table_name: string; column_name: string; data_type: string }> = await t.dataSource.query(
    `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'audit_event'`,
  );
  const byTable = new Map<string, typeof columns>();
  for (const column of columns) byTable.set(column.table_name, [...(byTable.get(column.table_name) ?? []), column]);
  const rows = new Map<string, string>();
  for (const [table, list] of byTable) {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const uuids = list.filter((c) => c.data_type === 'uuid');
    const byCode = list.filter((c) => ['municipality_code', 'scope_key', 'jurisdiction_codes'].includes(c.column_name));
    const idsParam = uuids.length > 0 ? param(ids) : '';
    const codeParam = byCode.length > 0 ? param(municipalityCode) : '';
    const conditions = [
      ...uuids.map((c) => `x.${c.column_name} = ANY (${idsParam}::uuid[])`),
      ...byCode.map((c) =>
        c.column_name === 'jurisdiction_codes'
          ? `${codeParam}::text = ANY (x.jurisdiction_codes)`
          : `x.${c.column_name} = ${codeParam}`,
      ),
    ];
    if (conditions.length === 0) continue;
    const hasId = list.some((c) => c.column_name === 'id');
    const found: Array<{ key: string; hash: string }> = await t.dataSource.query(
      `SELECT ${hasId ? 'x.id::text' : 'md5(x::text)'} AS key, md5(x::text) AS hash FROM ${table} x
        WHERE ${conditions.join(' OR ')}`,
      params,
    );
    for (const row of found) rows.set(`${table} ${row.key}`, row.hash);
  }
  return rows;
}

export function differences(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [key, hash] of before) {
    if (!after.has(key)) changes.push(`row removed: ${key}`);
    else if (after.get(key) !== hash) changes.push(`row changed: ${key}`);
  }
  for (const key of after.keys()) if (!before.has(key)) changes.push(`row added: ${key}`);
  return changes;
}

/** Runs `tasks` with at most `width` at a time. */
export async function pool<T>(tasks: Array<() => Promise<T>>, width = 6): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]();
      }
    }),
  );
  return results;
}
