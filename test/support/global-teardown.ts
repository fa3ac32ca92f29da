import { Redis } from 'ioredis';
import { rm } from 'node:fs/promises';
import pg from 'pg';

// Jest loads global hooks outside the module mapper, so this file imports nothing local.
const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const runId = (): string => process.env.KYOSEI_TEST_RUN ?? 'no-run';
const redisPrefix = (): string => `kyosei_test_${runId()}`;

/** Drops this run's databases and Redis keys, whatever the tests left behind. */
export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { kyoseiEmbeddedPostgres?: { stop(): Promise<void>; dataDir: string } })
    .kyoseiEmbeddedPostgres;
  if (embedded) {
    // The whole cluster is this run's: stopping and removing it is the clean-up.
    await embedded.stop();
    await rm(embedded.dataDir, { recursive: true, force: true });
    return;
  }
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `kyosei\\_%${runId()}%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  if (process.env.KYOSEI_TEST_QUEUE_BACKEND === 'postgres') return;
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix()}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
