/**
 * [K13] Who may call what: the declared outcome of every route of the OpenAPI document for an
 * anonymous caller, a signed-out session's cookie, and a one-role user of each role of the demo
 * offices (docs/architecture.md, "Roles and what they see"). Written out by hand on purpose: a
 * change of any route's access, a new route or a removed one fails test/security/route-matrix.e2e-spec.ts
 * until this table is changed with it, in the same review.
 *
 *   allow   anything but 401, 403 and a 404 of the policy (200, 201, 400 for the empty body the
 *           walk sends, 404 for a sample id, 409, 428 …): the call got past access control
 *   401     not signed in (or the session was ended)
 *   403     signed in without a role the route declares
 *   hidden  404 on a record that exists and that the caller's office may not know of
 *           (another duty's record: schooling for the PESO, a city case, another role's alert)
 *
 * The probes (which record each route is called with) are in the spec; with a sample id a 404 is
 * "allow", so every route with a `hidden` cell is probed with a real record.
 */
export type Outcome = 'allow' | 'hidden' | 401 | 403;

export const CALLERS = [
  'anonymous',
  'revoked',
  'ADMIN',
  'CITY_CASEWORKER',
  'SCHOOL_OFFICER',
  'PESO_COUNSELOR',
  'REPORT_VIEWER',
] as const;
export type Caller = (typeof CALLERS)[number];

type Row = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

const A = 'allow';
const H = 'hidden';

// prettier-ignore
export const ROUTE_POLICY: Readonly<Record<string, Row>> = {
  //                                                                 anon    signed  ADMIN   CITY    SCHOOL  PESO    REPORT
  //                                                                         out                                     VIEWER
  // Audit and identity: administrators of the office; sign-in is public.
  'GET /api/v1/audit-events':                                       [401,    401,    A,      403,    403,    403,    403],
  'GET /api/v1/residents/{id}/access-disclosure':                   [401,    401,    A,      403,    403,    403,    403],
  'POST /api/v1/auth/login':                                        [A,      A,      A,      A,      A,      A,      A],
  'POST /api/v1/auth/logout':                                       [401,    401,    A,      A,      A,      A,      A],
  'GET /api/v1/me':                                                 [401,    401,    A,      A,      A,      A,      A],
  'POST /api/v1/organizations':                                     [401,    401,    A,      403,    403,    403,    403],
  'GET /api/v1/organizations':                                      [401,    401,    A,      403,    403,    403,    403],
  'GET /api/v1/organizations/{id}':                                 [401,    401,    A,      403,    403,    403,    403],
  'PATCH /api/v1/organizations/{id}':                               [401,    401,    A,      403,    403,    403,    403],
  'GET /api/v1/offices':                                            [401,    401,    A,      A,      A,      A,      A],
  'POST /api/v1/users':                                             [401,    401,    A,      403,    403,    403,    403],
  'GET /api/v1/users':                                              [401,    401,    A,      403,    403,    403,    403],
  'GET /api/v1/users/{id}':                                         [401,    401,    A,      403,    403,    403,    403],
  'PATCH /api/v1/users/{id}':                                       [401,    401,    A,      403,    403,    403,    403],
  'POST /api/v1/service-tokens':                                    [401,    401,    A,      403,    403,    403,    403],
  'GET /api/v1/service-tokens':                                     [401,    401,    A,      403,    403,    403,    403],
  'DELETE /api/v1/service-tokens/{id}':                             [401,    401,    A,      403,    403,    403,    403],
  // The register. A school officer sees school-age children and their guardians only: the probe
  // of GET /residents/{id} is an adult who is no one's guardian (hidden).
  'POST /api/v1/residents':                                         [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/residents':                                          [401,    401,    403,    A,      A,      A,      403],
  'POST /api/v1/residents/search':                                  [401,    401,    403,    A,      A,      A,      403],
  'GET /api/v1/residents/{id}':                                     [401,    401,    403,    A,      H,      A,      403],
  'PATCH /api/v1/residents/{id}':                                   [401,    401,    403,    A,      403,    403,    403],
  'POST /api/v1/residents/{id}/guardians':                          [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/residents/{id}/status-history':                      [401,    401,    403,    A,      403,    A,      403],
  'POST /api/v1/households':                                        [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/households/{id}':                                    [401,    401,    403,    A,      403,    403,    403],
  'PATCH /api/v1/households/{id}':                                  [401,    401,    403,    A,      403,    403,    403],
  'PUT /api/v1/households/{id}/members/{residentId}':               [401,    401,    403,    A,      403,    403,    403],
  'DELETE /api/v1/households/{id}/members/{residentId}':            [401,    401,    403,    A,      403,    403,    403],
  'POST /api/v1/imports/residents':                                 [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/imports/{id}':                                       [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/imports/{id}/errors':                                [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/exports/residents':                                  [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/statuses-of-residence':                              [401,    401,    A,      A,      A,      A,      A],
  // Matching. The probes use a run of the city's NHI roll, started by the caseworker: a run is its
  // office's work, and health insurance is never the PESO's (hidden).
  'POST /api/v1/match-runs':                                        [401,    401,    403,    A,      403,    A,      403],
  'GET /api/v1/match-runs/{id}':                                    [401,    401,    403,    A,      403,    H,      403],
  'GET /api/v1/match-runs/{id}/result':                             [401,    401,    403,    A,      403,    H,      403],
  'GET /api/v1/match-runs/{id}/errors':                             [401,    401,    403,    A,      403,    H,      403],
  'GET /api/v1/match-runs/{id}/reviews':                            [401,    401,    403,    A,      403,    H,      403],
  'POST /api/v1/match-runs/{id}/reviews/{seq}/accept':              [401,    401,    403,    A,      403,    H,      403],
  'POST /api/v1/match-runs/{id}/reviews/{seq}/reject':              [401,    401,    403,    A,      403,    H,      403],
  // Insurance: the city's desks. The PESO loads employment-insurance lists only; the probes use the
  // city's NHI roll (hidden from the PESO).
  'POST /api/v1/obligations/evaluate':                              [401,    401,    403,    A,      403,    A,      403],
  'GET /api/v1/residents/{id}/obligations':                         [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/residents/{id}/coverage-periods':                    [401,    401,    403,    A,      403,    403,    403],
  'POST /api/v1/residents/{id}/coverage-periods':                   [401,    401,    403,    A,      403,    403,    403],
  'PATCH /api/v1/residents/{id}/coverage-periods/{periodId}':       [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/coverage-gaps':                                      [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/coverage-gaps/count':                                [401,    401,    403,    A,      403,    403,    403],
  'POST /api/v1/coverage-imports':                                  [401,    401,    403,    A,      403,    A,      403],
  'GET /api/v1/coverage-imports':                                   [401,    401,    403,    A,      403,    A,      403],
  'GET /api/v1/coverage-imports/{id}':                              [401,    401,    403,    A,      403,    H,      403],
  'GET /api/v1/coverage-imports/{id}/lines':                        [401,    401,    403,    A,      403,    H,      403],
  'POST /api/v1/coverage-imports/{id}/apply':                       [401,    401,    403,    A,      403,    H,      403],
  'GET /api/v1/residents/{id}/insurance-facts':                     [401,    401,    403,    A,      403,    403,    403],
  'PUT /api/v1/residents/{id}/insurance-facts':                     [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/renewal-checks':                                     [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/residents/{id}/pension-reliefs':                     [401,    401,    403,    A,      403,    403,    403],
  'POST /api/v1/residents/{id}/pension-reliefs':                    [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/social-security-agreements':                         [401,    401,    403,    A,      403,    A,      403],
  // Employment: the PESO's, and the city's caseworkers where the roles table says so.
  'POST /api/v1/employer-report-imports':                           [401,    401,    403,    403,    403,    A,      403],
  'GET /api/v1/employer-report-imports':                            [401,    401,    403,    403,    403,    A,      403],
  'GET /api/v1/employer-report-imports/{id}':                       [401,    401,    403,    403,    403,    A,      403],
  'GET /api/v1/employer-report-imports/{id}/reports':               [401,    401,    403,    403,    403,    A,      403],
  'GET /api/v1/employer-report-imports/{id}/late.csv':              [401,    401,    403,    403,    403,    A,      403],
  'POST /api/v1/employer-report-imports/{id}/apply':                [401,    401,    403,    403,    403,    A,      403],
  'GET /api/v1/residents/{id}/employment-records':                  [401,    401,    403,    A,      403,    A,      403],
  'POST /api/v1/residents/{id}/employment-records':                 [401,    401,    403,    A,      403,    A,      403],
  'PATCH /api/v1/residents/{id}/employment-records/{recordId}':     [401,    401,    403,    A,      403,    A,      403],
  'GET /api/v1/residents/{id}/counseling-sessions':                 [401,    401,    403,    403,    403,    A,      403],
  'POST /api/v1/residents/{id}/counseling-sessions':                [401,    401,    403,    403,    403,    A,      403],
  'GET /api/v1/residents/{id}/referrals-to-work':                   [401,    401,    403,    403,    403,    A,      403],
  'POST /api/v1/residents/{id}/referrals-to-work':                  [401,    401,    403,    403,    403,    A,      403],
  'PATCH /api/v1/referrals-to-work/{id}':                           [401,    401,    403,    403,    403,    A,      403],
  'GET /api/v1/employment-statistics':                              [401,    401,    403,    403,    403,    A,      403],
  'GET /api/v1/residents/{id}/job-hunting':                         [401,    401,    403,    403,    403,    A,      403],
  'PUT /api/v1/residents/{id}/job-hunting':                         [401,    401,    403,    403,    403,    A,      403],
  'POST /api/v1/residents/{id}/part-time-hours':                    [401,    401,    403,    403,    403,    A,      403],
  'GET /api/v1/residents/{id}/part-time-hours':                     [401,    401,    403,    403,    403,    A,      403],
  'GET /api/v1/residents/{id}/credentials':                         [401,    401,    403,    A,      403,    A,      403],
  'POST /api/v1/residents/{id}/credentials':                        [401,    401,    403,    403,    403,    A,      403],
  // Language and orientation: the city runs them; the PESO sees courses, sessions and a resident's record.
  'POST /api/v1/language-courses':                                  [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/language-courses':                                   [401,    401,    403,    A,      403,    A,      403],
  'GET /api/v1/language-courses/{id}':                              [401,    401,    403,    A,      403,    A,      403],
  'PATCH /api/v1/language-courses/{id}':                            [401,    401,    403,    A,      403,    403,    403],
  'POST /api/v1/language-courses/{id}/sessions':                    [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/language-courses/{id}/sessions':                     [401,    401,    403,    A,      403,    403,    403],
  'POST /api/v1/language-courses/{id}/enrollments':                 [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/language-courses/{id}/enrollments':                  [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/language-courses/{id}/enrollments.csv':              [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/language-courses/{id}/attendance.csv':               [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/language-courses/{id}/absent-learners':              [401,    401,    403,    A,      403,    403,    403],
  'POST /api/v1/language-courses/{id}/close':                       [401,    401,    403,    A,      403,    403,    403],
  'PATCH /api/v1/course-sessions/{id}':                             [401,    401,    403,    A,      403,    403,    403],
  'PUT /api/v1/course-sessions/{id}/attendance':                    [401,    401,    403,    A,      403,    403,    403],
  'PATCH /api/v1/enrollments/{id}':                                 [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/residents/{id}/language':                            [401,    401,    403,    A,      403,    A,      403],
  'POST /api/v1/residents/{id}/proficiency-assessments':            [401,    401,    403,    A,      403,    403,    403],
  'POST /api/v1/orientation-sessions':                              [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/orientation-sessions':                               [401,    401,    403,    A,      403,    A,      403],
  'GET /api/v1/orientation-sessions/{id}':                          [401,    401,    403,    A,      403,    A,      403],
  'PATCH /api/v1/orientation-sessions/{id}':                        [401,    401,    403,    A,      403,    403,    403],
  'PUT /api/v1/orientation-sessions/{id}/attendance':               [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/orientation-sessions/{id}/attendance':               [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/orientation-sessions/{id}/attendance.csv':           [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/residents/{id}/orientation':                         [401,    401,    403,    A,      403,    A,      403],
  'GET /api/v1/orientation/newcomer-invitations':                   [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/orientation/newcomer-invitations.csv':               [401,    401,    403,    A,      403,    403,    403],
  // Cases: the probes use a city case never referred to the PESO (hidden from the PESO).
  'POST /api/v1/cases':                                             [401,    401,    403,    A,      403,    A,      403],
  'GET /api/v1/cases':                                              [401,    401,    403,    A,      403,    A,      403],
  'GET /api/v1/cases/{id}':                                         [401,    401,    403,    A,      403,    H,      403],
  'PATCH /api/v1/cases/{id}':                                       [401,    401,    403,    A,      403,    H,      403],
  'POST /api/v1/cases/{id}/notes':                                  [401,    401,    403,    A,      403,    H,      403],
  'GET /api/v1/cases/{id}/notes':                                   [401,    401,    403,    A,      403,    H,      403],
  'GET /api/v1/cases/{id}/notes.csv':                               [401,    401,    403,    A,      403,    H,      403],
  'GET /api/v1/cases/{id}/timeline':                                [401,    401,    403,    A,      403,    H,      403],
  'POST /api/v1/cases/{id}/referrals':                              [401,    401,    403,    A,      403,    H,      403],
  'GET /api/v1/referrals':                                          [401,    401,    403,    A,      403,    A,      403],
  'PATCH /api/v1/referrals/{id}':                                   [401,    401,    403,    A,      403,    A,      403],
  'POST /api/v1/residents/{id}/consents':                           [401,    401,    403,    A,      403,    A,      403],
  'GET /api/v1/residents/{id}/consents':                            [401,    401,    403,    A,      403,    A,      403],
  'POST /api/v1/consents/{id}/withdraw':                            [401,    401,    403,    A,      403,    A,      403],
  // Alerts: the probes use CHILD_LONG_ABSENCE, owned by the board of education (hidden from others).
  'GET /api/v1/alerts':                                             [401,    401,    A,      A,      A,      A,      403],
  'GET /api/v1/alerts/counts':                                      [401,    401,    A,      A,      A,      A,      403],
  'POST /api/v1/alerts/sweep':                                      [401,    401,    A,      403,    403,    403,    403],
  'GET /api/v1/alerts/{id}':                                        [401,    401,    H,      H,      A,      H,      403],
  'PATCH /api/v1/alerts/{id}':                                      [401,    401,    H,      H,      A,      H,      403],
  'GET /api/v1/alert-rules':                                        [401,    401,    A,      A,      A,      A,      A],
  // Notifications: the city's caseworkers; schedules are changed by administrators.
  'GET /api/v1/notifications':                                      [401,    401,    403,    A,      403,    403,    403],
  'POST /api/v1/notifications/{id}/resend':                         [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/notifications/{id}/letter.pdf':                      [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/residents/{id}/notifications':                       [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/residents/{id}/notification-opt-outs':               [401,    401,    403,    A,      403,    403,    403],
  'PUT /api/v1/residents/{id}/notification-opt-outs':               [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/residents/{id}/contact':                             [401,    401,    403,    A,      403,    403,    403],
  'PUT /api/v1/residents/{id}/contact':                             [401,    401,    403,    A,      403,    403,    403],
  'GET /api/v1/reminder-schedules':                                 [401,    401,    A,      A,      403,    403,    403],
  'PATCH /api/v1/reminder-schedules/{purpose}':                     [401,    401,    A,      403,    403,    403,    403],
  // Schooling (assertSchoolingDuty): the board and the city's caseworkers; anyone else is told there is
  // nothing there (hidden), except the MEXT survey's aggregates for report viewers.
  'GET /api/v1/school-age':                                         [A,      A,      A,      A,      A,      A,      A],
  'GET /api/v1/schools':                                            [401,    401,    H,      A,      A,      H,      H],
  'POST /api/v1/schools':                                           [401,    401,    403,    403,    A,      403,    403],
  'PATCH /api/v1/schools/{id}':                                     [401,    401,    403,    403,    A,      403,    403],
  'GET /api/v1/residents/{id}/schooling':                           [401,    401,    H,      A,      A,      H,      H],
  'POST /api/v1/residents/{id}/school-enrollments':                 [401,    401,    H,      A,      A,      H,      H],
  'PATCH /api/v1/residents/{id}/school-enrollments/{enrollmentId}': [401,    401,    H,      A,      A,      H,      H],
  'PUT /api/v1/residents/{id}/schooling-status/{schoolYear}':       [401,    401,    H,      A,      A,      H,      H],
  'PUT /api/v1/residents/{id}/absences/{month}':                    [401,    401,    H,      A,      A,      H,      H],
  'POST /api/v1/residents/{id}/school-guide-responses':             [401,    401,    H,      A,      A,      H,      H],
  'GET /api/v1/school-age-children':                                [401,    401,    H,      A,      A,      H,      H],
  'GET /api/v1/schooling/mext-survey':                              [401,    401,    H,      A,      A,      H,      A],
  'GET /api/v1/schooling/mext-survey.csv':                          [401,    401,    H,      A,      A,      H,      A],
  'GET /api/v1/schooling/mext-survey.xlsx':                         [401,    401,    H,      A,      A,      H,      A],
  'POST /api/v1/school-guide-dispatches':                           [401,    401,    403,    403,    A,      403,    403],
  'GET /api/v1/school-guide-dispatches':                            [401,    401,    403,    403,    A,      403,    403],
  'GET /api/v1/school-guide-dispatches/{id}':                       [401,    401,    403,    403,    A,      403,    403],
  // Reports: aggregates for report viewers and administrators.
  'GET /api/v1/reports':                                            [401,    401,    A,      403,    403,    403,    A],
  'GET /api/v1/reports/{code}/runs':                                [401,    401,    A,      403,    403,    403,    A],
  'POST /api/v1/reports/{code}/runs':                               [401,    401,    A,      403,    403,    403,    403],
  'GET /api/v1/reports/{code}/series':                              [401,    401,    A,      403,    403,    403,    A],
  'GET /api/v1/reports/{code}/runs/{id}':                           [401,    401,    A,      403,    403,    403,    A],
  'GET /api/v1/report-runs':                                        [401,    401,    A,      403,    403,    403,    403],
};

/** The declared outcome of a route for a caller, or undefined when the route is not in the table. */
export function declared(route: string, caller: Caller): Outcome | undefined {
  return ROUTE_POLICY[route]?.[CALLERS.indexOf(caller)];
}
