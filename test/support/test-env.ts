/**
 * Where the tests find PostgreSQL and Redis, and this run's id. Each test file gets a fresh
 * database cloned from a migrated template; each run gets its own Redis key prefix.
 */
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** `postgres` runs the queues on BullMQ's PostgreSQL backend (embedded mode); set by the global setup when no Redis answers. */
export const TEST_QUEUE_BACKEND = process.env.KYOSEI_TEST_QUEUE_BACKEND === 'postgres' ? 'postgres' : 'redis';

export function runId(): string {
  const id = process.env.KYOSEI_TEST_RUN;
  if (!id) throw new Error('KYOSEI_TEST_RUN is not set: run the e2e tests through jest (global setup)');
  return id;
}

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export const templateName = (): string => `kyosei_tpl_${runId()}`;
export const redisPrefix = (): string => `kyosei_test_${runId()}`;

/** What a spawned API, worker or CLI process needs to reach this test file's database and queues. */
export function serviceEnv(config: {
  DATABASE_URL: string;
  REDIS_URL: string;
  REDIS_PREFIX: string;
  QUEUE_BACKEND: string;
}): Record<string, string> {
  return {
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    REDIS_PREFIX: config.REDIS_PREFIX,
    QUEUE_BACKEND: config.QUEUE_BACKEND,
  };
}
