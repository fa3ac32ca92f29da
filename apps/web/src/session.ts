import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken, unwrap } from './api/client';
import type { Me, Role } from './api/types';
import { forgetResidentQuery } from './components/resident-query';

/** The signed-in principal, or null when there is no session. */
export const meQuery = {
  queryKey: ['me'],
  queryFn: async (): Promise<Me | null> => {
    try {
      const me = await unwrap<Me>(api.GET('/api/v1/me'));
      setCsrfToken(me.csrfToken);
      return me;
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
};

export function useMe() {
  return useQuery(meQuery);
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await api.POST('/api/v1/auth/logout');
    setCsrfToken(null);
    forgetResidentQuery();
    // Signed out first, so the shell shows the login page at once; then every answer is dropped.
    // (clear() first left the page on screen, records and names included: the mounted observers
    // still held the removed queries and were never told.)
    client.setQueryData(['me'], null);
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
  };
}

/** Menus by role (docs/architecture.md, "Roles and what they see"). */
export const MENU = [
  { to: '/', key: 'dashboard', roles: null },
  { to: '/alerts', key: 'alerts', roles: ['CITY_CASEWORKER', 'PESO_COUNSELOR', 'SCHOOL_OFFICER'] },
  { to: '/residents', key: 'residents', roles: ['CITY_CASEWORKER', 'PESO_COUNSELOR', 'SCHOOL_OFFICER'] },
  { to: '/imports', key: 'imports', roles: ['CITY_CASEWORKER'] },
  { to: '/matching', key: 'matching', roles: ['CITY_CASEWORKER', 'PESO_COUNSELOR'] },
  { to: '/coverage', key: 'coverage', roles: ['CITY_CASEWORKER'] },
  { to: '/courses', key: 'courses', roles: ['CITY_CASEWORKER'] },
  { to: '/orientation', key: 'orientation', roles: ['CITY_CASEWORKER'] },
  // Schooling is never shown to PESO (the API answers 404); report viewers get the survey's aggregates.
  { to: '/schooling', key: 'schooling', roles: ['SCHOOL_OFFICER', 'CITY_CASEWORKER'] },
  { to: '/schooling/survey', key: 'mextSurvey', roles: ['SCHOOL_OFFICER', 'CITY_CASEWORKER', 'REPORT_VIEWER'] },
  { to: '/schooling/schools', key: 'schools', roles: ['SCHOOL_OFFICER'] },
  { to: '/schooling/guide', key: 'schoolGuide', roles: ['SCHOOL_OFFICER'] },
  { to: '/employer-reports', key: 'employerReports', roles: ['PESO_COUNSELOR'] },
  { to: '/cases', key: 'cases', roles: ['CITY_CASEWORKER', 'PESO_COUNSELOR'] },
  { to: '/referrals', key: 'referrals', roles: ['CITY_CASEWORKER', 'PESO_COUNSELOR'] },
  // Aggregates only, small cells hidden: managers and administrators of the office's scope.
  { to: '/reports', key: 'reports', roles: ['REPORT_VIEWER', 'ADMIN'] },
  { to: '/report-runs', key: 'reportRuns', roles: ['ADMIN'] },
  { to: '/audit', key: 'audit', roles: ['ADMIN'] },
  { to: '/access-disclosure', key: 'accessDisclosure', roles: ['ADMIN'] },
] as const satisfies ReadonlyArray<{ to: string; key: string; roles: readonly Role[] | null }>;

export function canSee(me: Me, roles: readonly Role[] | null): boolean {
  return roles === null || me.roles.some((role) => (roles as readonly string[]).includes(role));
}
