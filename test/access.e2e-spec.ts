import { ACCESS_METADATA, ACCESS_OPENAPI_EXTENSION, ROLES, type AccessRule, type Role } from '@app/platform';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import request from 'supertest';
import { createPeso, createUser, DEMO, seedDemo } from './factories/identity.js';
import { login, type SignedIn } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Operation {
  method: string;
  path: string;
  access: AccessRule | undefined;
}

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

/** Every route, from the OpenAPI document: the list a client sees. */
async function operations(t: TestApp): Promise<Operation[]> {
  const document = (await request(t.http).get('/api/docs-json').expect(200)).body as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method,
      path: path.replace(/\{[^}]+\}/g, SAMPLE_ID),
      access: operation[ACCESS_OPENAPI_EXTENSION] as AccessRule | undefined,
    })),
  );
}

function call(t: TestApp, { method, path }: Operation, session?: SignedIn): request.Test {
  const test = (request(t.http) as unknown as Record<string, (path: string) => request.Test>)[method](path);
  if (session) test.set('cookie', session.cookie).set('x-csrf-token', session.csrfToken);
  return test;
}

describe('access rules over the whole route list', () => {
  let t: TestApp;
  const sessionsByRole = new Map<Role, SignedIn>();

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    const admin = await login(t.http, DEMO.admin);
    // A PESO administrator too, so that every role has a one-role user in some office.
    const peso = await createPeso(t, ['221309']);
    const pesoAdmin = await createUser(t, peso.id, ['ADMIN']);
    sessionsByRole.set('ADMIN', admin);
    sessionsByRole.set('CITY_CASEWORKER', await login(t.http, DEMO.caseworker));
    sessionsByRole.set('SCHOOL_OFFICER', await login(t.http, DEMO.school));
    sessionsByRole.set('PESO_COUNSELOR', await login(t.http, DEMO.counselor));
    sessionsByRole.set('REPORT_VIEWER', await login(t.http, DEMO.reports));
    expect((await login(t.http, pesoAdmin.email)).user.roles).toEqual(['ADMIN']);
  });
  afterAll(() => t.close());

  it('declares who may call every route in the OpenAPI document', async () => {
    const list = await operations(t);
    expect(list.length).toBeGreaterThan(10);
    const undeclared = list.filter((operation) => !operation.access).map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(undeclared).toEqual([]);
  });

  it('declares access on every controller handler, including those left out of the document', () => {
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const reflector = t.app.get(Reflector);
    const missing: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const prototype = Object.getPrototypeOf(wrapper.instance) as object;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, () => unknown>)[name];
        if (reflector.get(PATH_METADATA, handler) === undefined) continue; // a helper, not a route
        const rule = reflector.getAllAndOverride<AccessRule>(ACCESS_METADATA, [handler, wrapper.metatype as never]);
        if (!rule) missing.push(`${wrapper.name}.${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('answers 401 to an anonymous caller on every non-public route', async () => {
    const wrong: string[] = [];
    for (const operation of (await operations(t)).filter((o) => o.access?.kind !== 'public')) {
      const response = await call(t, operation);
      if (response.status !== 401) wrong.push(`${operation.method} ${operation.path} -> ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to a signed-in user whose roles are not allowed, on every role-restricted route', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const operation of await operations(t)) {
      if (operation.access?.kind !== 'roles') continue;
      const allowed = operation.access.roles;
      for (const role of ROLES.filter((candidate) => !allowed.includes(candidate))) {
        const response = await call(t, operation, sessionsByRole.get(role));
        checked += 1;
        if (response.status !== 403) wrong.push(`${role} ${operation.method} ${operation.path} -> ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});
