import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_METADATA, ProblemException, type AccessRule, type RequestWithPrincipal } from '@app/platform';
import { SESSION_COOKIE, SessionService } from '../auth/session.service.js';
import { sameSecret } from '../auth/token-hash.js';
import { ServiceTokensService } from '../service-tokens/service-tokens.service.js';

export type RequestWithSession = RequestWithPrincipal & { csrfToken?: string };

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
    private readonly sessions: SessionService,
    private readonly serviceTokens: ServiceTokensService,
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
    if (authorization?.startsWith('Bearer ')) {
      const token = authorization.slice('Bearer '.length).trim();
      request.principal = this.serviceTokens.looksLikeToken(token) ? await this.serviceTokens.resolve(token) : null;
      return;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (!cookie || cookie.length > 100) return;
    const session = await this.sessions.resolve(cookie);
    if (session) {
      request.principal = session.principal;
      request.csrfToken = session.csrfToken;
    }
  }
}
