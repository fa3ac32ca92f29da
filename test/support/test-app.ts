import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseConfig, type AppConfigValues } from '@app/platform';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/configure-app.js';
import { createTestDatabase, dropTestDatabase } from './test-database.js';
import { databaseUrl, redisPrefix, TEST_QUEUE_BACKEND, TEST_REDIS_URL } from './test-env.js';

export interface TestApp {
  app: NestFastifyApplication;
  http: Server;
  config: AppConfigValues;
  dataSource: DataSource;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'Correct-horse-battery-9';

/** A config for tests: this file's database, this run's Redis prefix, quiet logs. */
export async function testConfig(
  overrides: Record<string, string> = {},
): Promise<{ config: AppConfigValues; database: string }> {
  const database = await createTestDatabase();
  const config = parseConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(database),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_BACKEND: TEST_QUEUE_BACKEND,
    REDIS_PREFIX: `${redisPrefix()}_${database.slice(-8)}`,
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  return { config, database };
}

/** Boots the real API (the same factory as main.ts) against a fresh database. */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const { config, database } = await testConfig(overrides);
  const app = await createApiApp(config);
  return {
    app,
    http: app.getHttpServer() as Server,
    config,
    dataSource: app.get(DataSource),
    close: async () => {
      await app.close();
      await dropTestDatabase(database);
    },
  };
}
