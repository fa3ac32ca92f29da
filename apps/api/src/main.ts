import 'reflect-metadata';
import { ensureDatabase, exitGracefullyOnSignals, failFast, PinoNestLogger, loadConfigOrExit } from '@app/platform';
import { CoverageGapsService } from '@app/insurance';
import { createApiApp } from './configure-app.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await ensureDatabase(config.DATABASE_URL).catch((error: Error) =>
    failFast(new Error(`DATABASE_URL: cannot reach PostgreSQL (${error.message})`)),
  );
  const app = await createApiApp(config);
  const logger = app.get(PinoNestLogger);
  exitGracefullyOnSignals(
    async () => {
      await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DRAIN_MS));
      // Stop accepting and let in-flight requests finish before pools close.
      await app.getHttpAdapter().getInstance().close();
      await app.close();
    },
    logger,
    config.SHUTDOWN_GRACE_SECONDS,
  );
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.log(
    `Kyosei API listening on ${config.HOST}:${config.PORT}; users reach it at ${config.APP_BASE_URL}`,
    'Bootstrap',
  );
  // Today's coverage-gap answer is ready before the first caseworker asks for it.
  void app.get(CoverageGapsService).warmUp();
}

void main().catch((error: unknown) => failFast(error));
