import { parseCookie, stringifySetCookie } from 'cookie';

export const SESSION_COOKIE = 'kyosei_session';

/**
 * The session cookie, read and written only where it matters (the guard, sign-in, sign-out).
 * A cookie plugin would parse every request's cookies and add a hook to every reply, public
 * and machine requests included.
 */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (!header || !header.includes(SESSION_COOKIE)) return undefined;
  return parseCookie(header)[SESSION_COOKIE];
}

export function sessionCookie(token: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value: token,
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    maxAge: options.maxAgeSeconds,
  });
}

export function expiredSessionCookie(options: { secure: boolean }): string {
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value: '',
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    expires: new Date(0),
  });
}
