import type { Principal } from './principal.js';

/**
 * Passed explicitly from controllers to services (no async-local magic), so that every
 * write knows who did it, from which request, and for what purpose. The one async-local value
 * is the database's row scope (db/row-scope.ts): a backstop for the callers that forget.
 */
export interface RequestContext {
  requestId: string;
  principal: Principal | null;
  ip: string | null;
  /** Declared purpose of a read of personal data (X-Purpose header or the route's default). */
  purpose: string | null;
}

/** Context for work that does not come from an HTTP request (CLI, jobs). */
export function systemContext(requestId: string, principal: Principal | null = null): RequestContext {
  return { requestId, principal, ip: null, purpose: null };
}
