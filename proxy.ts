import { NextResponse, type NextRequest } from 'next/server';
import { resolveRequestId } from '@/server/lib/request-id';
import { newSessionKey, readSessionKey, SESSION_COOKIE } from '@/server/lib/session-key';
import { checkCsrf } from '@/server/security/csrf';
import { securityHeaders } from '@/server/security/headers';

const ALLOWED_ORIGINS = (process.env.ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * Every response carries an x-request-id (route handlers and tRPC read the same id), the
 * security headers, and every visitor a session key. Cookie-carrying mutations from another
 * origin are refused here, before any handler runs (server/security/csrf.ts).
 */
export function proxy(request: NextRequest) {
  const requestId = resolveRequestId(request.headers.get('x-request-id'));
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const security = securityHeaders({ https, dev: process.env.NODE_ENV === 'development' });

  const csrf = checkCsrf({ method: request.method, url: request.url, headers: request.headers }, ALLOWED_ORIGINS);
  if (!csrf.ok) {
    return NextResponse.json(
      { error: { code: 'FORBIDDEN', message: csrf.reason, requestId } },
      { status: 403, headers: { 'x-request-id': requestId, ...security } },
    );
  }

  const headers = new Headers(request.headers);
  headers.set('x-request-id', requestId);
  // A first-time visitor gets a pseudonymous key now, so this very request can use it.
  const existing = readSessionKey(request.headers.get('cookie'));
  const sessionKey = existing ?? newSessionKey();
  if (!existing) headers.set('cookie', [request.headers.get('cookie'), `${SESSION_COOKIE}=${sessionKey}`].filter(Boolean).join('; '));
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('x-request-id', requestId);
  for (const [k, v] of Object.entries(security)) response.headers.set(k, v);
  // A cart-recovery link sets the session that holds the cart itself; a fresh cookie from
  // here would arrive on the same response and replace it.
  const setsOwnSession = request.nextUrl.pathname.startsWith('/cart/recover/');
  if (!existing && !setsOwnSession) {
    response.cookies.set(SESSION_COOKIE, sessionKey, { httpOnly: true, sameSite: 'lax', secure: https, path: '/', maxAge: 60 * 60 * 24 * 365 });
  }
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
