import { MIGRATIONS } from '@app/migrations';
import type { AppConfigValues } from '@app/platform';
import { DataSource } from 'typeorm';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/configure-app.js';
import { startBuilt } from './support/processes.js';
import { createTestDatabase, dropTestDatabase } from './support/test-database.js';
import { databaseUrl, serviceEnv } from './support/test-env.js';
import { testConfig } from './support/test-app.js';

const PASSWORD = 'Drill-password-2026';

describe('backup, restore and upgrades (built CLI)', () => {
  let config: AppConfigValues;
  let database: string;
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    ({ config, database } = await testConfig());
    env = {
      ...serviceEnv(config),
      KYOSEI_DEMO_PASSWORD: PASSWORD,
    };
    dir = await mkdtemp(join(tmpdir(), 'kyosei-drill-'));
  });
  afterAll(async () => {
    await dropTestDatabase(database);
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (...args: string[]) => {
    const cli = startBuilt('cli', env, args);
    return { code: await cli.exited, output: cli.output() };
  };

  /** A resident's record as the API gives it to a caseworker. */
  const readResident = async (): Promise<Record<string, unknown>> => {
    const app = await createApiApp(config);
    try {
      const http = app.getHttpServer();
      const login = await request(http)
        .post('/api/v1/auth/login')
        .send({ email: 'caseworker@demo.city', password: PASSWORD });
      const cookie = login.headers['set-cookie'];
      const page = await request(http).get('/api/v1/residents?q=a&limit=1').set('cookie', cookie).expect(200);
      const id = page.body.items[0].id;
      return (await request(http).get(`/api/v1/residents/${id}`).set('cookie', cookie).expect(200)).body;
    } finally {
      await app.close();
    }
  };

  it('lists pending migrations without applying them, then applies them', async () => {
    // The test database is a clone of a migrated template: empty its schema to stand for a new install.
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: config.DATABASE_URL });
    await client.connect();
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    await client.end();
    const dry = await run('migrate', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.output).toMatch(/^\d+ pending migration\(s\):/);
    expect(dry.output).toContain('Reports1766800000000');
    const again = await run('migrate', '--dry-run');
    expect(again.output).toBe(dry.output);
    expect((await run('migrate')).code).toBe(0);
    expect((await run('migrate', '--dry-run')).output).toBe('database is up to date\n');
  }, 120_000);

  it('upgrades a database of the previous release, with its data, one migration at a time', async () => {
    // The previous release (the last landed before this one) ended at AlertHistoryView1766600000000.
    const previous = MIGRATIONS.findIndex((migration) => migration.name === 'AlertHistoryView1766600000000');
    expect(previous).toBeGreaterThan(0);
    const name = await createTestDatabase();
    const open = async (migrations: typeof MIGRATIONS) => {
      const dataSource = new DataSource({
        type: 'postgres',
        url: databaseUrl(name),
        migrations,
        migrationsTableName: 'schema_migration',
      });
      await dataSource.initialize();
      return dataSource;
    };
    try {
      const old = await open(MIGRATIONS.slice(0, previous + 1));
      await old.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      await old.runMigrations({ transaction: 'each' });
      // Data as the previous release wrote it: an office, residents, coverage, a case and an alert.
      const [org] = await old.query(
        `INSERT INTO organization (kind, name, municipality_code) VALUES ('CITY', '浜松市', '221309') RETURNING id`,
      );
      const residents = await old.query(
        `INSERT INTO resident (municipality_code, resident_key, family_name, given_name, birth_date, sex, nationality,
                               registry_category, status_code)
         SELECT '221309', 'U' || i, 'FAMILY' || i, 'GIVEN', '1990-01-01', 'F', 'BR', 'MID_LONG_TERM', 'LONG_TERM'
           FROM generate_series(1, 50) i RETURNING id`,
      );
      await old.query(
        `INSERT INTO coverage_period (resident_id, municipality_code, scheme, role, start_date, source)
         VALUES ($1, '221309', 'NHI', 'INSURED', '2024-04-01', 'MANUAL')`,
        [residents[0].id],
      );
      await old.query(
        `INSERT INTO alert_rule (rule_code, owner, severity, title_ja, title_en) VALUES ('NO_HEALTH_COVERAGE', 'CITY_CASEWORKER', 'WARNING', 'x', 'x')`,
      );
      await old.query(
        `INSERT INTO alert (rule_code, municipality_code, resident_id, subject_key, reason_ja, reason_en)
         VALUES ('NO_HEALTH_COVERAGE', '221309', $1::uuid, $1::text, 'r', 'r')`,
        [residents[1].id],
      );
      const before = await counts(old);
      await old.destroy();

      for (let step = previous + 1; step < MIGRATIONS.length; step += 1) {
        const upgraded = await open(MIGRATIONS.slice(0, step + 1));
        try {
          const applied = await upgraded.runMigrations({ transaction: 'each' });
          expect(applied.map((migration) => migration.name)).toEqual([MIGRATIONS[step].name]);
          expect(await counts(upgraded)).toEqual(before);
        } finally {
          await upgraded.destroy();
        }
      }
      // The new release's tables work alongside the old data.
      const current = await open(MIGRATIONS);
      try {
        await current.query(
          `INSERT INTO school (municipality_code, code, name, kind) VALUES ('221309', 'E1', 'School', 'PUBLIC_ELEMENTARY')`,
        );
        await current.query(
          `INSERT INTO alert_rule (rule_code, owner, severity, title_ja, title_en) VALUES ('REPORT_FAILED', 'ADMIN', 'CRITICAL', 'x', 'x')`,
        );
        expect(
          (await current.query(`SELECT count(*)::int AS n FROM alert WHERE municipality_code = $1`, ['221309']))[0].n,
        ).toBe(1);
        expect(org.id).toBeDefined();
      } finally {
        await current.destroy();
      }
    } finally {
      await dropTestDatabase(name);
    }
  }, 120_000);

  it('restores a backup of the demo data into a dropped database with the same rows and records', async () => {
    expect((await run('demo:seed')).code).toBe(0);
    expect((await run('demo:population', '--municipality', '221309', '--size', '300')).code).toBe(0);
    const before = await readResident();

    const file = join(dir, 'kyosei.dump');
    const backup = await run('backup', file);
    expect(backup.code).toBe(0);
    const manifest = JSON.parse(await readFile(`${file}.manifest.json`, 'utf8'));
    expect(manifest).toMatchObject({
      format: 'kyosei-backup-1',
      schemaVersion: MIGRATIONS[MIGRATIONS.length - 1].name,
    });
    expect(manifest.rowCounts.resident).toBeGreaterThanOrEqual(300);

    // Into a non-empty database only when told to.
    const refused = await run('restore', file);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('not empty');

    await dropTestDatabase(database);
    const restored = await run('restore', file);
    // A failed restore shows its output (why it failed) in the test's message.
    expect(restored.code === 0 ? 'exit 0' : restored.output).toBe('exit 0');
    const result = JSON.parse(restored.output.trim().split('\n').at(-1)!);
    expect(result.rowCounts).toEqual(manifest.rowCounts);
    expect(result.differing).toEqual({});
    expect(await readResident()).toEqual(before);
  }, 300_000);
});

async function counts(dataSource: DataSource): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['organization', 'resident', 'coverage_period', 'alert', 'alert_rule']) {
    out[table] = (await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  }
  return out;
}
