import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

export function pathWithoutQuery(url: string | undefined): string {
  if (!url) return '';
  const index = url.indexOf('?');
  return index === -1 ? url : url.slice(0, index);
}

/**
 * A line for every answered request, at debug, only when debug logging is on. Failed
 * requests are always logged, by ProblemFilter. A per-request hook costs throughput even
 * when it writes nothing (docs/benchmarks.md), and every access to personal data is in the
 * audit log anyway.
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  if (!logger.isLevelEnabled('debug')) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    logger.debug(
      {
        reqId: request.id,
        method: request.method,
        path: pathWithoutQuery(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    done();
  });
}
