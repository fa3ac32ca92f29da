import { ProblemException, type RequestContext } from '@app/platform';
import { SCHOOLING_ROLES } from './schooling-codes.js';

/**
 * Schooling is for the board of education and the city's caseworkers of the child's municipality.
 * Anyone else (a PESO counselor, a report viewer) is told there is nothing there — 404, as for a
 * resident of another office — so that not even the existence of a child's school record leaks.
 */
export function assertSchoolingDuty(ctx: RequestContext, what = 'Schooling record'): void {
  const roles = ctx.principal?.roles ?? [];
  if (!SCHOOLING_ROLES.some((role) => roles.includes(role))) throw ProblemException.notFound(what);
}
