import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** problem+json (RFC 9457) as the API sends it; `errors` name the fields and why. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; reason: string }>;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }

  /** The reason given for one field, to show under that field. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((error) => error.field === field)?.reason;
  }
}

let csrfToken: string | null = null;

/** The session's CSRF token, sent on every request that changes something. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

/** Typed from the API's OpenAPI document (npm run web:api-types); same origin, session cookie. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(csrf);

/** The body of a successful answer, or an ApiError carrying the problem. */
export async function unwrap<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError({ status: response.status, ...(error as object) });
  return data as T;
}
