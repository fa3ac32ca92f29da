import { MIGRATIONS } from '@app/migrations';
import { endQueuePool } from '@app/platform';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ADMIN_DATABASE_URL, databaseUrl, runId, templateName } from './test-env.js';

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The first test file of a run migrates a template; every file clones it (fast: a file copy). */
export async function createTestDatabase(): Promise<string> {
  const template = templateName();
  const name = `kyosei_t_${runId()}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (!exists.rowCount) {
        await client.query(`CREATE DATABASE "${template}"`);
        const dataSource = new DataSource({
          type: 'postgres',
          url: databaseUrl(template),
          migrations: MIGRATIONS,
          migrationsTableName: 'schema_migration',
        });
        await dataSource.initialize();
        try {
          await dataSource.runMigrations({ transaction: 'each' });
        } finally {
          await dataSource.destroy();
        }
      }
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  await endQueuePool(databaseUrl(name));
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
