import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { residentQuery } from './api/queries';
import { alertSearch } from './components/alerts';
import { rosterSearch } from './components/schooling';
import { Shell } from './components/Shell';
import { meQuery } from './session';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  // Ask who is signed in while the page's code loads.
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(meQuery);
  },
  component: Shell,
});

// Pages load as their own chunks: the login page's first load stays small.
const page = <K extends string>(load: () => Promise<Record<K, () => React.JSX.Element>>, name: K) =>
  lazyRouteComponent(load, name);

const routes = [
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/login',
    component: page(() => import('./pages/LoginPage'), 'LoginPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/',
    component: page(() => import('./pages/DashboardPage'), 'DashboardPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/alerts',
    validateSearch: alertSearch,
    component: page(() => import('./pages/AlertsPage'), 'AlertsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/residents',
    // No search parameters: a name must not be in a URL (components/resident-query.ts).
    component: page(() => import('./pages/ResidentsPage'), 'ResidentsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/residents/$residentId',
    // Fetch the record while the page's code and the session load, not after.
    loader: ({ context, params }) => {
      void context.queryClient.prefetchQuery(residentQuery(params.residentId));
    },
    component: page(() => import('./pages/ResidentPage'), 'ResidentPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/imports',
    component: page(() => import('./pages/ImportsPage'), 'ImportsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/matching',
    component: page(() => import('./pages/MatchingPage'), 'MatchingPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/coverage',
    component: page(() => import('./pages/CoveragePage'), 'CoveragePage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/employer-reports',
    component: page(() => import('./pages/EmployerReportsPage'), 'EmployerReportsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/courses',
    component: page(() => import('./pages/CoursesPage'), 'CoursesPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/courses/$courseId',
    component: page(() => import('./pages/CoursePage'), 'CoursePage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/orientation',
    component: page(() => import('./pages/OrientationPage'), 'OrientationPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/orientation/$sessionId',
    component: page(() => import('./pages/OrientationSessionPage'), 'OrientationSessionPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/schooling',
    validateSearch: rosterSearch,
    component: page(() => import('./pages/SchoolingPage'), 'SchoolingPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/schooling/survey',
    component: page(() => import('./pages/MextSurveyPage'), 'MextSurveyPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/schooling/schools',
    component: page(() => import('./pages/SchoolsPage'), 'SchoolsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/schooling/guide',
    component: page(() => import('./pages/SchoolGuidePage'), 'SchoolGuidePage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/cases',
    component: page(() => import('./pages/CasesPage'), 'CasesPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/cases/$caseId',
    component: page(() => import('./pages/CasePage'), 'CasePage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/referrals',
    component: page(() => import('./pages/ReferralsPage'), 'ReferralsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/reports',
    component: page(() => import('./pages/ReportsPage'), 'ReportsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/reports/$code',
    // The run on screen is in the address, so that a past date can be linked to and the back button returns to it.
    validateSearch: (search: Record<string, unknown>): { run?: string } => ({
      run: typeof search.run === 'string' && UUID.test(search.run) ? search.run : undefined,
    }),
    component: page(() => import('./pages/ReportPage'), 'ReportPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/report-runs',
    component: page(() => import('./pages/ReportRunsPage'), 'ReportRunsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/access-disclosure',
    component: page(() => import('./pages/AccessDisclosurePage'), 'AccessDisclosurePage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/audit',
    component: page(() => import('./pages/AuditPage'), 'AuditPage'),
  }),
];

export const router = createRouter({
  routeTree: rootRoute.addChildren(routes),
  context: { queryClient: undefined! },
  defaultPreload: 'intent',
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
