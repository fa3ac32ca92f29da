import { DemoSeedService, OrganizationsService, UsersService } from '@app/identity';
import { systemContext, type Role } from '@app/platform';
import { randomBytes } from 'node:crypto';
import { TEST_PASSWORD, type TestApp } from '../support/test-app.js';

/** Hamamatsu (221309), its PESO office, and one user per role, all with TEST_PASSWORD. */
export async function seedDemo(t: TestApp): Promise<void> {
  await t.app.get(DemoSeedService).seed(TEST_PASSWORD);
}

export const DEMO = {
  admin: 'admin@demo.city',
  caseworker: 'caseworker@demo.city',
  school: 'school@demo.city',
  counselor: 'counselor@demo.peso',
  reports: 'reports@demo.city',
} as const;

export async function createCity(t: TestApp, municipalityCode: string, name = `City ${municipalityCode}`) {
  return t.app.get(OrganizationsService).create(systemContext('factory'), { kind: 'CITY', name, municipalityCode });
}

export async function createPeso(
  t: TestApp,
  jurisdictionCodes: string[],
  name = `PESO ${randomBytes(3).toString('hex')}`,
) {
  return t.app.get(OrganizationsService).create(systemContext('factory'), { kind: 'PESO', name, jurisdictionCodes });
}

export async function createUser(
  t: TestApp,
  orgId: string,
  roles: Role[],
  email = `user-${randomBytes(4).toString('hex')}@test.example`,
) {
  return t.app
    .get(UsersService)
    .create(systemContext('factory'), { email, displayName: 'Test User', roles, password: TEST_PASSWORD, orgId });
}
