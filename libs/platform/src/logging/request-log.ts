import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

const SLOW_REQUEST_MS = 1_000;

export function pathWithoutQuery(url: string | undefined): string {
  if (!url) return '';
  const index = url.indexOf('?');
  return index === -1 ? url : url.slice(0, index);
}

/**
 * One line per answered request: errors (4xx warn, 5xx error) and slow requests always; the
 * rest at debug. Logging every 2xx at info costs about 45% of a small route's throughput here
 * (docs/benchmarks.md), and every access to personal data is in the audit log anyway.
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const ms = Math.round(reply.elapsedTime);
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : ms >= SLOW_REQUEST_MS ? 'info' : 'debug';
    if (logger.isLevelEnabled(level)) {
      logger[level](
        { reqId: request.id, method: request.method, path: pathWithoutQuery(request.url), status, ms },
        'request',
      );
    }
    done();
  });
}
