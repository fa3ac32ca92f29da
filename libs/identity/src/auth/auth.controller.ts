import { Body, Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppConfig, Authenticated, Ctx, Public, type RequestContext } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LoginDto, MeView, SessionView } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { expiredSessionCookie, sessionCookie } from './session-cookie.js';
import type { RequestWithSession } from '../authz/auth.guard.js';
import type { CachedSession } from './principal-cache.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: sets the session cookie and returns the CSRF token' })
  @ApiOkResponse({ type: SessionView })
  async login(
    @Ctx() ctx: RequestContext,
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    const result = await this.auth.login(ctx, body.email, body.password, request.headers['user-agent'] ?? null);
    void reply.header(
      'set-cookie',
      sessionCookie(result.token, {
        secure: this.secure(request),
        maxAgeSeconds: result.maxAgeSeconds,
      }),
    );
    return { user: result.user, csrfToken: result.csrfToken };
  }

  @Post('auth/logout')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the session is revoked on the server' })
  @ApiNoContentResponse()
  async logout(
    @Ctx() ctx: RequestContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(ctx);
    void reply.header('set-cookie', expiredSessionCookie({ secure: this.secure(request) }));
  }

  @Get('me')
  @Authenticated()
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({ summary: 'Who is signed in, with the CSRF token of the session' })
  @ApiOkResponse({ type: MeView })
  me(@Req() request: RequestWithSession): string {
    // Everything here was loaded by the guard from the session cache; the document is built
    // once per cache entry, since it can only change with an eviction.
    const session = request.session!;
    return (session.meDocument ??= JSON.stringify(meView(session)));
  }

  /** Secure cookies whenever the browser talks HTTPS, directly or through a proxy. */
  private secure(request: FastifyRequest): boolean {
    return request.protocol === 'https' || this.config.get('APP_BASE_URL').startsWith('https://');
  }
}

function meView({ principal, csrfToken, user }: CachedSession): MeView {
  return {
    kind: principal.kind,
    user,
    csrfToken: principal.kind === 'user' ? csrfToken : null,
    orgId: principal.orgId,
    roles: [...principal.roles],
    municipalityCodes: [...principal.municipalityCodes],
  };
}
