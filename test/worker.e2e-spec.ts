import { heartbeatKey } from '@app/platform';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { waitFor } from './support/processes.js';
import { dropTestDatabase } from './support/test-database.js';
import { testConfig } from './support/test-app.js';

describe('worker', () => {
  it('registers the heartbeat scheduler and processes its job through Redis', async () => {
    const { config, database } = await testConfig();
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await worker.init();
    const redis = new Redis(config.REDIS_URL);
    try {
      await waitFor(async () => (await redis.get(heartbeatKey(config.REDIS_PREFIX))) !== null, 10_000, 'a heartbeat');
      const beat = await redis.get(heartbeatKey(config.REDIS_PREFIX));
      expect(Date.now() - Date.parse(beat!)).toBeLessThan(15_000);
    } finally {
      redis.disconnect();
      await worker.close();
      await dropTestDatabase(database);
    }
  });
});
