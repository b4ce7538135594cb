import { NextResponse, type NextRequest } from 'next/server';
import { resolveRequestId } from '@/server/lib/request-id';

/** Every response carries an x-request-id; route handlers and tRPC read the same id. */
export function proxy(request: NextRequest) {
  const requestId = resolveRequestId(request.headers.get('x-request-id'));
  const headers = new Headers(request.headers);
  headers.set('x-request-id', requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('x-request-id', requestId);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
