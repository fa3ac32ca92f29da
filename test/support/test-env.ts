/**
 * Where the tests find PostgreSQL and Redis, and this run's id. Each test file gets a fresh
 * database cloned from a migrated template; each run gets its own Redis key prefix.
 */
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

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
