import type { OrganizationKind, Role } from '@app/platform';

/** Which kinds of office may hold each role (docs/architecture.md, "Roles and what they see"). */
export const ROLE_ORGANIZATION_KINDS: Record<Role, readonly OrganizationKind[]> = {
  ADMIN: ['CITY', 'PESO'],
  CITY_CASEWORKER: ['CITY'],
  SCHOOL_OFFICER: ['CITY'],
  PESO_COUNSELOR: ['PESO'],
  REPORT_VIEWER: ['CITY', 'PESO'],
};

export function rolesNotAllowedIn(kind: OrganizationKind, roles: readonly Role[]): Role[] {
  return roles.filter((role) => !ROLE_ORGANIZATION_KINDS[role].includes(kind));
}
