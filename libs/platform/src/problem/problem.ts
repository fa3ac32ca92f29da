import { HttpException } from '@nestjs/common';

export interface FieldError {
  field: string;
  reason: string;
}

/** RFC 9457 problem details, as every error response of the API is shaped. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemType(slug: string): string {
  return `urn:kyosei:problem:${slug}`;
}

/** Throw this from any layer; the problem filter renders it as application/problem+json. */
export class ProblemException extends HttpException {
  constructor(
    readonly problem: ProblemBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem, problem.status);
  }

  static of(status: number, slug: string, detail?: string, extra: Partial<ProblemBody> = {}): ProblemException {
    return new ProblemException({
      type: problemType(slug),
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      ...extra,
    });
  }

  static validation(errors: FieldError[], detail = 'The request has invalid fields.'): ProblemException {
    return ProblemException.of(400, 'validation', detail, { errors });
  }

  static notFound(what: string): ProblemException {
    return ProblemException.of(404, 'not-found', `${what} was not found.`);
  }

  static conflict(detail: string, slug = 'conflict'): ProblemException {
    return ProblemException.of(409, slug, detail);
  }

  /** The client sent the version it read and someone saved a newer one since (optimistic concurrency). */
  static staleVersion(what: string, version: number): ProblemException {
    return ProblemException.conflict(
      `${what} was changed by someone else (your version ${version} is stale). Reload and try again.`,
      'version-conflict',
    );
  }

  static forbidden(detail = 'You are not allowed to do this.'): ProblemException {
    return ProblemException.of(403, 'forbidden', detail);
  }

  static unauthorized(detail = 'Sign in first.'): ProblemException {
    return ProblemException.of(401, 'unauthorized', detail);
  }

  static tooManyRequests(detail: string, retryAfterSeconds: number): ProblemException {
    return new ProblemException(
      { type: problemType('too-many-requests'), title: TITLES[429], status: 429, detail },
      { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    );
  }
}

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}
