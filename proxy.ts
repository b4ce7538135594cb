import { NextResponse, type NextRequest } from 'next/server';
import { resolveRequestId } from '@/server/lib/request-id';
import { newSessionKey, readSessionKey, SESSION_COOKIE } from '@/server/lib/session-key';

/** Every response carries an x-request-id (route handlers and tRPC read the same id); every visitor a session key. */
export function proxy(request: NextRequest) {
  const requestId = resolveRequestId(request.headers.get('x-request-id'));
  const headers = new Headers(request.headers);
  headers.set('x-request-id', requestId);
  // A first-time visitor gets a pseudonymous key now, so this very request can use it.
  const existing = readSessionKey(request.headers.get('cookie'));
  const sessionKey = existing ?? newSessionKey();
  if (!existing) headers.set('cookie', [request.headers.get('cookie'), `${SESSION_COOKIE}=${sessionKey}`].filter(Boolean).join('; '));
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('x-request-id', requestId);
  if (!existing) {
    response.cookies.set(SESSION_COOKIE, sessionKey, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60 * 60 * 24 * 365 });
  }
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
