import type { Server } from 'node:http';
import request from 'supertest';
import { TEST_PASSWORD } from './test-app.js';

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  user: { id: string; email: string; roles: string[]; orgId: string; version: number };
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
  /** An unsafe request with session and CSRF token but no body yet (for .attach() uploads). */
  upload(path: string): request.Test;
}

export function sessionCookieOf(response: request.Response): string {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = header?.find((value) => value.startsWith('kyosei_session='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return cookie.split(';')[0];
}

/** Signs in through POST /api/v1/auth/login, exactly as a browser or the acceptance checks do. */
export async function login(http: Server, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const response = await request(http).post('/api/v1/auth/login').send({ email, password });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  const cookie = sessionCookieOf(response);
  const csrfToken = response.body.csrfToken as string;
  const unsafe = (test: request.Test) => test.set('cookie', cookie).set('x-csrf-token', csrfToken);
  return {
    cookie,
    csrfToken,
    user: response.body.user,
    get: (path) => request(http).get(path).set('cookie', cookie),
    post: (path, body) => unsafe(request(http).post(path)).send(body ?? {}),
    patch: (path, body) => unsafe(request(http).patch(path)).send(body ?? {}),
    put: (path, body) => unsafe(request(http).put(path)).send(body ?? {}),
    delete: (path) => unsafe(request(http).delete(path)),
    upload: (path) => unsafe(request(http).post(path)),
  };
}
