import request from 'supertest';
import type { Server } from 'node:http';
import pg from 'pg';
import { createApiApp } from '../apps/api/src/configure-app.js';
import { startBuilt } from './support/processes.js';
import { dropTestDatabase } from './support/test-database.js';
import { testConfig } from './support/test-app.js';
import type { AppConfigValues } from '@app/platform';
import { serviceEnv } from './support/test-env.js';

describe('kyosei CLI (built)', () => {
  let config: AppConfigValues;
  let database: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    ({ config, database } = await testConfig());
    env = serviceEnv(config);
  });
  afterAll(() => dropTestDatabase(database));

  const run = async (...args: string[]) => {
    const cli = startBuilt('cli', env, args);
    return { code: await cli.exited, output: cli.output() };
  };

  it('creates offices and refuses a wrong check digit, naming the field', async () => {
    const bad = await run('orgs:create', '--kind', 'CITY', '--name', '磐田市', '--code', '222118');
    expect(bad.code).not.toBe(0);
    expect(bad.output).toMatch(/municipalityCode/);

    const city = await run('orgs:create', '--kind', 'city', '--name', '磐田市', '--code', '222119');
    expect(city.code).toBe(0);
    expect(JSON.parse(city.output)).toMatchObject({ kind: 'CITY', municipalityCode: '222119' });

    const peso = await run(
      'orgs:create',
      '--kind',
      'PESO',
      '--name',
      'ハローワーク磐田',
      '--jurisdiction',
      '222119,222216',
    );
    expect(peso.code).toBe(0);
    expect(JSON.parse(peso.output).jurisdictionCodes).toEqual(['222119', '222216']);
  });

  it('creates a user by municipality code with a generated password that signs in', async () => {
    const created = await run(
      'users:create',
      '--email',
      'Suzuki@Iwata.example',
      '--org',
      '222119',
      '--role',
      'ADMIN',
      '--role',
      'CITY_CASEWORKER',
    );
    expect(created.code).toBe(0);
    const password = /generated password \(shown once\): (\S+)/.exec(created.output)?.[1];
    expect(password).toBeDefined();

    const wrongRole = await run(
      'users:create',
      '--email',
      'x@iwata.example',
      '--org',
      '222119',
      '--role',
      'PESO_COUNSELOR',
    );
    expect(wrongRole.code).not.toBe(0);
    expect(wrongRole.output).toMatch(/roles/);

    const app = await createApiApp(config);
    try {
      const response = await request(app.getHttpServer() as Server)
        .post('/api/v1/auth/login')
        .send({ email: 'suzuki@iwata.example', password });
      expect(response.status).toBe(200);
      expect(response.body.user.roles).toEqual(['ADMIN', 'CITY_CASEWORKER']);
    } finally {
      await app.close();
    }
  });

  it('writes and imports a reproducible synthetic population; a second run changes nothing', async () => {
    const first = await run('demo:population', '--municipality', '222119', '--size', '200', '--seed', '11');
    expect(first.code).toBe(0);
    const result = JSON.parse(first.output.split('\n').find((line) => line.startsWith('{'))!);
    expect(result).toMatchObject({ status: 'DONE', insertedRows: 200, failedRows: 0 });
    const again = await run('demo:population', '--municipality', '222119', '--size', '200', '--seed', '11');
    const second = JSON.parse(again.output.split('\n').find((line) => line.startsWith('{'))!);
    expect(second).toMatchObject({ insertedRows: 0, updatedRows: 0, unchangedRows: 200 });
    // What `npm run demo` runs on every start: nothing once the city has residents.
    const demo = await run('demo:population', '--municipality', '222119', '--size', '300', '--if-empty');
    expect(demo.code).toBe(0);
    expect(demo.output).toContain('already has residents');
    const db = new pg.Client({ connectionString: config.DATABASE_URL });
    await db.connect();
    const { rows } = await db.query(`SELECT count(*)::int AS count FROM resident WHERE municipality_code = '222119'`);
    await db.end();
    expect(rows[0].count).toBe(200);
  });
});
