import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { exitGracefullyOnSignals, failFast, PinoNestLogger, loadConfigOrExit } from '@app/platform';
import { WorkerModule } from './worker.module.js';

/** The worker: an application context with no HTTP, running BullMQ processors and schedulers. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  const logger = app.get(PinoNestLogger);
  app.useLogger(logger);
  // app.close() closes the BullMQ workers, which wait for their active jobs.
  exitGracefullyOnSignals(() => app.close(), logger, config.SHUTDOWN_GRACE_SECONDS);
  await app.init();
  logger.log('Kyosei worker started', 'Bootstrap');
}

void main().catch((error: unknown) => failFast(error));
