/**
 * What the resident search last asked for. Kept in this tab's memory only: a name typed into the
 * search box never goes into the page's URL (browser history, address bar, screenshots) nor into
 * browser storage, and the API gets it in a request body (POST /api/v1/residents/search), never
 * in a query string. Forgotten at sign-out.
 */
export interface ResidentQuery {
  q?: string;
  birthDate?: string;
}

let last: ResidentQuery = {};

export const lastResidentQuery = (): ResidentQuery => last;

export function rememberResidentQuery(query: ResidentQuery): void {
  last = query;
}

export function forgetResidentQuery(): void {
  last = {};
}
