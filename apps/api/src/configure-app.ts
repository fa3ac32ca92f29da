import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createValidationPipe,
  PinoNestLogger,
  ProblemFilter,
  registerRequestLogging,
  registerSecurityHeaders,
  ROOT_LOGGER,
  sealCursorsWith,
  setupOpenApi,
  type AppConfigValues,
} from '@app/platform';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module.js';
import { registerQueueDashboard } from './queue-dashboard.js';
import { registerWebUi } from './web-ui.js';

export const API_PREFIX = 'api/v1';
const CLIENT_REQUEST_ID = /^[A-Za-z0-9_.-]{8,64}$/;

// Unique across processes and restarts (a random prefix per process) and cheaper than a UUID
// per request, which matters at tens of thousands of requests per second.
const PROCESS_PREFIX = randomBytes(6).toString('base64url');
let requestCounter = 0;
const nextRequestId = (): string => `${PROCESS_PREFIX}-${(++requestCounter).toString(36)}`;

/** Builds the API exactly as main.ts runs it; e2e tests call this too. */
export async function createApiApp(config: AppConfigValues): Promise<NestFastifyApplication> {
  sealCursorsWith(config.SESSION_SECRET);
  const adapter = new FastifyAdapter({
    // No Express-style middleware anywhere (hooks and guards do that work), so no middie layer
    // on every request.
    skipMiddie: true,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1_048_576,
    // A caller's X-Request-Id is kept (so a trace crosses systems); otherwise a new UUID.
    genReqId: (raw: IncomingMessage) => {
      const header = raw.headers['x-request-id'];
      return typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : nextRequestId();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoNestLogger));
  await configureApp(app, config);
  return app;
}

export async function configureApp(app: NestFastifyApplication, config: AppConfigValues): Promise<void> {
  const https = config.APP_BASE_URL.startsWith('https://');
  const fastify = app.getHttpAdapter().getInstance();
  registerSecurityHeaders(fastify, { https, apiPrefix: `/${API_PREFIX}/` });
  registerRequestLogging(fastify, app.get(ROOT_LOGGER));
  await registerWebUi(fastify, config.WEB_DIR);
  await registerQueueDashboard(app, fastify, config.APP_BASE_URL);
  // Body-parsing errors, unknown routes and thrown errors all reach ProblemFilter through
  // the error and not-found handlers that Nest installs on Fastify.

  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  setupOpenApi(app);
  await app.init();
  await fastify.ready();
}
