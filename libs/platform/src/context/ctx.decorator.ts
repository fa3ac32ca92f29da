import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal.js';
import type { RequestContext } from './request-context.js';

export type RequestWithPrincipal = FastifyRequest & { principal?: Principal | null };

const PURPOSE = /^[A-Z][A-Z0-9_]{1,63}$/;

export function contextOf(request: RequestWithPrincipal): RequestContext {
  const header = request.headers['x-purpose'];
  const purpose = typeof header === 'string' && PURPOSE.test(header) ? header : null;
  return { requestId: String(request.id), principal: request.principal ?? null, ip: request.ip ?? null, purpose };
}

/** The request's context: who acts (set by the auth guard), request id, client address, purpose. */
export const Ctx = createParamDecorator((_: unknown, host: ExecutionContext): RequestContext =>
  contextOf(host.switchToHttp().getRequest<RequestWithPrincipal>()),
);
