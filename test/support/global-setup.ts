import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * One id per run, and the embedded PostgreSQL of a run in embedded mode. Which services the run
 * brings itself is decided in jest.config.js (KYOSEI_TEST_EMBEDDED_POSTGRES, and
 * KYOSEI_TEST_QUEUE_BACKEND=postgres for the queues): the same fallbacks as the run command.
 * Variables set here reach every test worker.
 */
export default async function globalSetup(): Promise<void> {
  process.env.KYOSEI_TEST_RUN ??= `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  if (process.env.KYOSEI_TEST_EMBEDDED_POSTGRES === '1') {
    // Jest loads this file outside the module mapper: the built module (npm run build precedes the
    // e2e tests), with a real dynamic import (Jest compiles this file to CommonJS, where `import()`
    // would become require()).
    const built = join(process.cwd(), 'dist', 'libs', 'platform', 'src', 'lifecycle', 'embedded-services.js');
    const importModule = new Function('specifier', 'return import(specifier)') as (
      specifier: string,
    ) => Promise<typeof import('../../libs/platform/src/lifecycle/embedded-services.js')>;
    const { startEmbeddedPostgres } = await importModule(pathToFileURL(built).href);
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
  if (process.env.KYOSEI_TEST_QUEUE_BACKEND === 'postgres')
    process.stdout.write('e2e: queues on PostgreSQL for this run\n');
}
