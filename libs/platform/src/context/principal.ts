/** The roles of the system (see docs/architecture.md, "Roles and what they see"). */
export const ROLES = ['ADMIN', 'CITY_CASEWORKER', 'SCHOOL_OFFICER', 'PESO_COUNSELOR', 'REPORT_VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANIZATION_KINDS = ['CITY', 'PESO'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/**
 * Who is acting: a signed-in user or a machine holding a service token. Shared by every
 * domain so that services can scope queries and the audit log can name the actor.
 */
export interface Principal {
  kind: 'user' | 'service';
  userId: string | null;
  serviceTokenId: string | null;
  orgId: string;
  orgKind: OrganizationKind;
  /** Municipalities whose residents this principal's office serves. */
  municipalityCodes: readonly string[];
  roles: readonly Role[];
  /** Present for cookie sessions only. */
  sessionId: string | null;
}
