import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * One id per run. On a machine where PostgreSQL or Redis is not running (embedded mode), the
 * tests run against an embedded PostgreSQL of their own and the queues on PostgreSQL — the
 * same fallbacks as the run command. Variables set here reach every test worker.
 */
export default async function globalSetup(): Promise<void> {
  process.env.KYOSEI_TEST_RUN ??= `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  // Jest loads this file outside the module mapper: the built module (npm run build precedes the
  // e2e tests), with a real dynamic import (Jest compiles this file to CommonJS, where `import()`
  // would become require()).
  const built = join(process.cwd(), 'dist', 'libs', 'platform', 'src', 'lifecycle', 'embedded-services.js');
  const importModule = new Function('specifier', 'return import(specifier)') as (
    specifier: string,
  ) => Promise<typeof import('../../libs/platform/src/lifecycle/embedded-services.js')>;
  const { portAnswers, startEmbeddedPostgres } = await importModule(pathToFileURL(built).href);
  // KYOSEI_EMBEDDED=1 runs the suite as on a machine without the services, where they do run (CI).
  const embedded = process.env.KYOSEI_EMBEDDED === '1';
  if (!process.env.TEST_DATABASE_URL && (embedded || !(await portAnswers('127.0.0.1', 5432)))) {
    const dataDir = join(tmpdir(), `kyosei-test-${process.env.KYOSEI_TEST_RUN}`);
    const server = await startEmbeddedPostgres({
      dataDir,
      port: Number(process.env.KYOSEI_EMBEDDED_PG_PORT ?? 54330),
      database: 'postgres',
    });
    process.env.TEST_DATABASE_URL = server.url;
    (globalThis as { kyoseiEmbeddedPostgres?: unknown }).kyoseiEmbeddedPostgres = { stop: server.stop, dataDir };
    process.stdout.write('\ne2e: embedded PostgreSQL for this run\n');
  }
  if (
    !process.env.KYOSEI_TEST_QUEUE_BACKEND &&
    !process.env.TEST_REDIS_URL &&
    (embedded || !(await portAnswers('127.0.0.1', 6379)))
  ) {
    process.env.KYOSEI_TEST_QUEUE_BACKEND = 'postgres';
    process.stdout.write('e2e: queues on PostgreSQL for this run\n');
  }
}
