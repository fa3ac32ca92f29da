import { HttpException } from '@nestjs/common';
import { ProblemException, problemType, titleFor, type ProblemBody } from './problem.js';

export interface RenderedProblem {
  body: ProblemBody;
  headers: Record<string, string>;
  /** True when the error is ours (a bug or an outage), so it must be logged in full. */
  unexpected: boolean;
}

interface ErrorWithStatus {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
}

// PostgreSQL error codes that mean "the input was wrong", not "the server broke".
const POSTGRES_CLIENT_ERRORS: Record<string, { status: number; slug: string; detail: string }> = {
  '23505': { status: 409, slug: 'duplicate', detail: 'A record with the same unique value already exists.' },
  '23503': { status: 409, slug: 'reference', detail: 'The record refers to, or is referred to by, another record.' },
  '22P02': { status: 400, slug: 'invalid-value', detail: 'A value has the wrong format.' },
  '22007': { status: 400, slug: 'invalid-value', detail: 'A date or time value is invalid.' },
  '22008': { status: 400, slug: 'invalid-value', detail: 'A date or time value is out of range.' },
  '22001': { status: 400, slug: 'invalid-value', detail: 'A value is too long.' },
  // A number past its column's type (a version of 2^31, say): found by test/security/fuzz.e2e-spec.ts.
  '22003': { status: 400, slug: 'invalid-value', detail: 'A number is out of range.' },
  // NUL in text, or in JSON stored as jsonb: the validation pipe refuses both first; these are the backstop.
  '22021': { status: 400, slug: 'invalid-value', detail: 'A value holds a character that cannot be stored (NUL).' },
  '22P05': { status: 400, slug: 'invalid-value', detail: 'A value holds a character that cannot be stored (NUL).' },
};

/** Maps anything thrown to problem details. Used by the Nest filter and Fastify's error handler. */
export function toProblem(error: unknown): RenderedProblem {
  if (error instanceof ProblemException) {
    return { body: error.problem, headers: error.headers, unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const detail =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? (response as { message: string }).message
          : error.message;
    return {
      body: { type: problemType(slugFor(status)), title: titleFor(status), status, detail },
      headers: {},
      unexpected: status >= 500,
    };
  }
  const candidate = (error ?? {}) as ErrorWithStatus & { driverError?: { code?: string } };
  const pgCode =
    candidate.driverError?.code ??
    (candidate.code && /^[0-9A-Z]{5}$/.test(candidate.code) ? candidate.code : undefined);
  if (pgCode && POSTGRES_CLIENT_ERRORS[pgCode]) {
    const known = POSTGRES_CLIENT_ERRORS[pgCode];
    return {
      body: {
        type: problemType(known.slug),
        title: titleFor(known.status),
        status: known.status,
        detail: known.detail,
      },
      headers: {},
      unexpected: false,
    };
  }
  // Fastify's own errors (body parsing, media type, size) carry a 4xx statusCode.
  const status = candidate.statusCode ?? candidate.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      body: {
        type: problemType(slugFor(status)),
        title: titleFor(status),
        status,
        detail: fastifyDetail(candidate),
      },
      headers: {},
      unexpected: false,
    };
  }
  return {
    body: {
      type: problemType('internal'),
      title: titleFor(500),
      status: 500,
      detail: 'Something went wrong on our side. The request id identifies it in the logs.',
    },
    headers: {},
    unexpected: true,
  };
}

function slugFor(status: number): string {
  switch (status) {
    case 400:
      return 'bad-request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload-too-large';
    case 415:
      return 'unsupported-media-type';
    case 429:
      return 'too-many-requests';
    default:
      return status >= 500 ? 'internal' : 'client-error';
  }
}

function fastifyDetail(error: ErrorWithStatus): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send JSON with Content-Type: application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The JSON body is empty.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The body is not valid JSON.';
    default:
      // SyntaxError from JSON.parse and similar: the message names the position, no personal data.
      return error.message ?? 'The request could not be read.';
  }
}
