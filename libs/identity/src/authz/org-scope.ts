import { ProblemException, type Principal } from '@app/platform';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Row visibility by office: a city sees its own municipality, a PESO the municipalities of
 * its jurisdiction. Domains call these instead of writing their own WHERE clauses.
 */
export function municipalitiesOf(principal: Principal): readonly string[] {
  return principal.municipalityCodes;
}

export function canSeeMunicipality(principal: Principal, municipalityCode: string): boolean {
  return principal.municipalityCodes.includes(municipalityCode);
}

/** Adds `column = ANY(:codes)` to a query. An office with no municipalities sees nothing. */
export function scopeToMunicipalities<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  principal: Principal,
): SelectQueryBuilder<T> {
  return query.andWhere(`${column} = ANY(:scopeMunicipalities)`, {
    scopeMunicipalities: [...principal.municipalityCodes],
  });
}

/** Adds `column = :orgId` for rows that belong to one office (users, settings, notes). */
export function scopeToOrganization<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  principal: Principal,
): SelectQueryBuilder<T> {
  return query.andWhere(`${column} = :scopeOrgId`, { scopeOrgId: principal.orgId });
}

/**
 * A record outside the principal's scope is reported as not found, so that its existence
 * is not revealed to another office.
 */
export function assertMunicipalityInScope(principal: Principal, municipalityCode: string, what: string): void {
  if (!canSeeMunicipality(principal, municipalityCode)) throw ProblemException.notFound(what);
}
