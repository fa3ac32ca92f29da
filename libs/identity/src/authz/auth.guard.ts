import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_METADATA, ProblemException, type AccessRule, type RequestWithPrincipal } from '@app/platform';
import { Authenticator } from '../auth/authenticator.js';
import { SESSION_COOKIE } from '../auth/session.service.js';
import { sameSecret } from '../auth/token-hash.js';
import type { UserView } from '../users/user.dto.js';

export type RequestWithSession = RequestWithPrincipal & { csrfToken?: string; user?: UserView | null };

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

  async canActivate(context: ExecutionContext): Promise<boolean> {
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

    await this.authenticate(request);
    const principal = request.principal;
    if (!principal) throw ProblemException.unauthorized();
    if (principal.kind === 'user' && !SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (!sameSecret(request.csrfToken ?? '', typeof header === 'string' ? header : undefined)) {
        throw ProblemException.of(403, 'csrf', 'Send the CSRF token from sign-in in the X-CSRF-Token header.');
      }
    }
    if (rule.kind === 'roles' && !rule.roles.some((role) => principal.roles.includes(role))) {
      throw ProblemException.forbidden(`This needs one of the roles ${rule.roles.join(', ')}.`);
    }
    return true;
  }

  private async authenticate(request: RequestWithSession): Promise<void> {
    const authorization = request.headers.authorization;
    const cookie = request.cookies?.[SESSION_COOKIE];
    const found = authorization?.startsWith('Bearer ')
      ? await this.authenticator.fromServiceToken(authorization.slice('Bearer '.length).trim())
      : cookie && cookie.length <= 100
        ? await this.authenticator.fromSessionCookie(cookie)
        : null;
    if (!found) return;
    request.principal = found.principal;
    request.csrfToken = found.csrfToken;
    request.user = found.user;
  }
}
