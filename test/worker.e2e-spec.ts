import { heartbeatKey, SharedState } from '@app/platform';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { waitFor } from './support/processes.js';
import { dropTestDatabase } from './support/test-database.js';
import { testConfig } from './support/test-app.js';

describe('worker', () => {
  it('registers the heartbeat scheduler and processes its job through the queues (Redis, or PostgreSQL in embedded mode)', async () => {
    const { config, database } = await testConfig();
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await worker.init();
    // Where the API's readiness check reads it: the shared state of this mode.
    const state = worker.get(SharedState);
    try {
      await waitFor(async () => (await state.get(heartbeatKey(config.REDIS_PREFIX))) !== null, 10_000, 'a heartbeat');
      const beat = await state.get(heartbeatKey(config.REDIS_PREFIX));
      expect(Date.now() - Date.parse(beat!.value)).toBeLessThan(15_000);
    } finally {
      await worker.close();
      await dropTestDatabase(database);
    }
  });
});
