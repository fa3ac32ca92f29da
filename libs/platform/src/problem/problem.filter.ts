import { ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pathWithoutQuery } from '../logging/request-log.js';
import { toProblem } from './to-problem.js';

/**
 * Every error leaves the API as application/problem+json, and is logged here: a refused or
 * invalid request as a warning, our own failure as an error with its stack. The log line names
 * the path without its query string (a search for a name must not land in the logs).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { body, headers, unexpected } = toProblem(error);
    const line = {
      reqId: request.id,
      method: request.method,
      path: pathWithoutQuery(request.url),
      status: body.status,
    };
    if (unexpected) this.logger.error({ ...line, err: error }, 'request failed');
    else this.logger.warn({ ...line, problem: body.type }, 'request refused');
    void reply
      .status(body.status)
      .headers(headers)
      .type('application/problem+json; charset=utf-8')
      .send({ ...body, instance: request.id });
  }
}
