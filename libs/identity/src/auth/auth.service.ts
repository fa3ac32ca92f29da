import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { ProblemException, type RequestContext } from '@app/platform';
import { DataSource } from 'typeorm';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type { UserView } from '../users/user.dto.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordService } from './password.service.js';
import { PrincipalCache } from './principal-cache.js';
import { SessionService } from './session.service.js';

export interface LoginResult {
  user: UserView;
  csrfToken: string;
  token: string;
  maxAgeSeconds: number;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly cache: PrincipalCache,
  ) {}

  async login(ctx: RequestContext, email: string, password: string, userAgent: string | null): Promise<LoginResult> {
    const account = email.trim().toLowerCase();
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = :account', { account })
      .getOne();
    const failed = (reason: string) =>
      this.audit.record(ctx, {
        action: 'auth.login_failed',
        entity: 'user',
        entityId: user?.id ?? null,
        actorUserId: user?.id ?? null,
        actorOrgId: user?.orgId ?? null,
        diff: { reason },
      });

    const retryAfter = await this.throttle.blockedFor(account);
    if (retryAfter > 0) {
      await failed('throttled');
      throw ProblemException.tooManyRequests(
        'Too many failed sign-ins for this account. Try again later or ask an administrator.',
        retryAfter,
      );
    }
    const passwordOk = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !passwordOk || !user.active) {
      await this.throttle.recordFailure(account);
      await failed(!user ? 'unknown_account' : !passwordOk ? 'wrong_password' : 'inactive');
      throw ProblemException.unauthorized('The e-mail address or password is wrong.');
    }
    await this.throttle.reset(account);
    return this.dataSource.transaction(async (tx) => {
      const session = await this.sessions.create(user.id, { ip: ctx.ip, userAgent }, tx);
      await tx.update(User, { id: user.id }, { lastLoginAt: () => 'now()' });
      const actor = { ...ctx, principal: null };
      await this.audit.record(
        actor,
        {
          action: 'auth.login',
          entity: 'user',
          entityId: user.id,
          actorUserId: user.id,
          actorOrgId: user.orgId,
          diff: { sessionId: session.sessionId },
        },
        tx,
      );
      return {
        user: await this.users.get(user.id, tx),
        csrfToken: session.csrfToken,
        token: session.token,
        maxAgeSeconds: session.maxAgeSeconds,
      };
    });
  }

  async logout(ctx: RequestContext): Promise<void> {
    const sessionId = ctx.principal?.sessionId;
    if (!sessionId) return;
    await this.dataSource.transaction(async (tx) => {
      await this.sessions.revoke(sessionId, tx);
      await this.audit.record(
        ctx,
        { action: 'auth.logout', entity: 'user', entityId: ctx.principal!.userId, diff: { sessionId } },
        tx,
      );
    });
    await this.cache.evict({ sessionId });
  }
}
