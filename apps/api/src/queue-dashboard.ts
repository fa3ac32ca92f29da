import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { AuditService } from '@app/audit';
import { Authenticator } from '@app/identity';
import { ProblemException, QueueName, type ProblemBody } from '@app/platform';
import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refuse(request: FastifyRequest, reply: FastifyReply, problem: ProblemException): FastifyReply {
  const body = problem.problem as ProblemBody;
  return reply
    .code(body.status)
    .header('cache-control', 'no-store')
    .type('application/problem+json; charset=utf-8')
    .send({ ...body, instance: request.id });
}

/**
 * The queue dashboard (bull-board) at /admin/queues, for ADMIN only: every queue's jobs, their
 * progress and failures, with retry and clean. It sits outside Nest's router, so this hook does the
 * guard's work: a signed-in ADMIN, and for any action a request from our own pages (bull-board's
 * own script cannot send our CSRF header; the lax session cookie and the same-origin check stand
 * in for it). Actions are audited; nothing here is cached by a browser (job data names residents' ids).
 */
export async function registerQueueDashboard(
  app: INestApplicationContext,
  fastify: FastifyInstance,
  baseUrl: string,
): Promise<void> {
  const authenticator = app.get(Authenticator, { strict: false });
  const audit = app.get(AuditService, { strict: false });
  const queues = Object.values(QueueName).map(
    (name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false })),
  );
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues,
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Kyosei queues', hideRedisDetails: false } },
  });
  const ownOrigin = new URL(baseUrl).origin;

  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const credential = authenticator.credentialOf(request.headers);
      const session = credential
        ? (authenticator.cached(credential) ?? (await authenticator.resolve(credential)))
        : null;
      if (!session) return refuse(request, reply, ProblemException.unauthorized());
      if (!session.principal.roles.includes('ADMIN')) {
        return refuse(request, reply, ProblemException.forbidden('The queue dashboard needs the role ADMIN.'));
      }
      if (!SAFE_METHODS.has(request.method)) {
        const origin = request.headers.origin;
        const sameSite = request.headers['sec-fetch-site'];
        if (origin !== ownOrigin && sameSite !== 'same-origin') {
          return refuse(
            request,
            reply,
            ProblemException.of(403, 'csrf', 'Queue actions are taken from the dashboard itself.'),
          );
        }
        await audit.record(
          { requestId: request.id, principal: session.principal, ip: request.ip, purpose: null },
          {
            action: 'queue.admin',
            entity: 'queue',
            entityId: null,
            diff: { method: request.method, path: request.url },
          },
        );
      }
      return undefined;
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}
