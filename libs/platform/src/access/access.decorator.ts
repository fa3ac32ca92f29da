import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiCookieAuth, ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Role } from '../context/principal.js';

/**
 * Every route declares who may call it. The global guard denies a route that declares
 * nothing, and a test walks the OpenAPI document (`x-kyosei-access`) to catch it early.
 */
export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: readonly Role[] };

export const ACCESS_METADATA = 'kyosei:access';
export const ACCESS_OPENAPI_EXTENSION = 'x-kyosei-access';

function declare(rule: AccessRule): MethodDecorator & ClassDecorator {
  const secured = rule.kind === 'public' ? [] : [ApiCookieAuth('session'), ApiBearerAuth('service-token')];
  return applyDecorators(SetMetadata(ACCESS_METADATA, rule), ApiExtension(ACCESS_OPENAPI_EXTENSION, rule), ...secured);
}

/** Anyone, signed in or not (login, health, the placeholder page). */
export const Public = (): MethodDecorator & ClassDecorator => declare({ kind: 'public' });

/** Any signed-in user or service token, whatever its roles (e.g. "who am I"). */
export const Authenticated = (): MethodDecorator & ClassDecorator => declare({ kind: 'authenticated' });

/** Only principals holding at least one of these roles. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => {
  if (roles.length === 0) throw new Error('@Roles() needs at least one role');
  return declare({ kind: 'roles', roles });
};
