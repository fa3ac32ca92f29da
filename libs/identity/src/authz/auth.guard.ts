import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_METADATA, ProblemException, RowScope, type AccessRule, type RequestWithPrincipal } from '@app/platform';
import { Authenticator } from '../auth/authenticator.js';
import type { CachedSession } from '../auth/principal-cache.js';
import { sameSecret } from '../auth/token-hash.js';

export type RequestWithSession = RequestWithPrincipal & { session?: CachedSession };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Default deny. A route must declare @Public(), @Authenticated() or @Roles(...); one that
 * declares nothing is refused (and the route-list test fails). Cookie sessions must send the
 * session's CSRF token on unsafe methods; service tokens (Authorization: Bearer) need none.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<RequestWithSession>();
    if (!rule) {
      this.logger.error({ path: request.routeOptions?.url }, 'route declares no access rule; denied');
      throw ProblemException.forbidden('This route declares no access rule.');
    }
    if (rule.kind === 'public') return true;

    const credential = this.authenticator.credentialOf(request.headers);
    if (!credential) throw ProblemException.unauthorized();
    // Most requests are answered from the cache without a single await.
    const cached = this.authenticator.cached(credential);
    if (cached) return this.admit(request, rule, cached);
    return this.authenticator.resolve(credential).then((found) => this.admit(request, rule, found));
  }

  private admit(request: RequestWithSession, rule: AccessRule, found: CachedSession | null): true {
    if (!found) throw ProblemException.unauthorized();
    const { principal } = found;
    request.principal = principal;
    request.session = found;
    if (principal.kind === 'user' && !SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (!sameSecret(found.csrfToken, typeof header === 'string' ? header : undefined)) {
        throw ProblemException.of(403, 'csrf', 'Send the CSRF token from sign-in in the X-CSRF-Token header.');
      }
    }
    if (rule.kind === 'roles' && !rule.roles.some((role) => principal.roles.includes(role))) {
      throw ProblemException.forbidden(`This needs one of the roles ${rule.roles.join(', ')}.`);
    }
    // The database backstop: from here on PostgreSQL shows this request only the rows of the
    // principal's municipalities (a PESO: its jurisdiction; an office without any: none), whatever
    // filter a query forgets (row-level security, migration 1766900000000).
    RowScope.admitRequest(principal.municipalityCodes);
    return true;
  }
}
