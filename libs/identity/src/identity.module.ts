import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { Authenticator } from './auth/authenticator.js';
import { PrincipalCache } from './auth/principal-cache.js';
import { LoginThrottleService } from './auth/login-throttle.service.js';
import { PasswordService } from './auth/password.service.js';
import { SessionService } from './auth/session.service.js';
import { UserSession } from './auth/user-session.entity.js';
import { AuthGuard } from './authz/auth.guard.js';
import { DemoSeedService } from './demo/demo-seed.service.js';
import { Organization } from './organizations/organization.entity.js';
import { OfficesController, OrganizationsController } from './organizations/organizations.controller.js';
import { OrganizationsService } from './organizations/organizations.service.js';
import { ServiceToken } from './service-tokens/service-token.entity.js';
import { ServiceTokensController } from './service-tokens/service-tokens.controller.js';
import { ServiceTokensService } from './service-tokens/service-tokens.service.js';
import { User } from './users/user.entity.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';

/** Offices, staff accounts, sessions, service tokens and the default-deny guard. */
@Module({
  imports: [TypeOrmModule.forFeature([Organization, User, UserSession, ServiceToken])],
  controllers: [AuthController, OrganizationsController, OfficesController, UsersController, ServiceTokensController],
  providers: [
    PasswordService,
    PrincipalCache,
    SessionService,
    Authenticator,
    LoginThrottleService,
    AuthService,
    OrganizationsService,
    UsersService,
    ServiceTokensService,
    DemoSeedService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [OrganizationsService, UsersService, ServiceTokensService, PasswordService, DemoSeedService, Authenticator],
})
export class IdentityModule {}
