import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppConfig, Authenticated, Ctx, Public, type RequestContext } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LoginDto, MeView, SessionView } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { SESSION_COOKIE } from './session.service.js';
import type { RequestWithSession } from '../authz/auth.guard.js';

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
    void reply.setCookie(SESSION_COOKIE, result.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure(request),
      maxAge: result.maxAgeSeconds,
    });
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
    void reply.clearCookie(SESSION_COOKIE, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure(request),
    });
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'Who is signed in, with the CSRF token of the session' })
  @ApiOkResponse({ type: MeView })
  me(@Ctx() ctx: RequestContext, @Req() request: RequestWithSession): MeView {
    const principal = ctx.principal!;
    return {
      kind: principal.kind,
      user: request.user ?? null,
      csrfToken: request.csrfToken ?? null,
      orgId: principal.orgId,
      roles: [...principal.roles],
      municipalityCodes: [...principal.municipalityCodes],
    };
  }

  /** Secure cookies whenever the browser talks HTTPS, directly or through a proxy. */
  private secure(request: FastifyRequest): boolean {
    return request.protocol === 'https' || this.config.get('APP_BASE_URL').startsWith('https://');
  }
}
