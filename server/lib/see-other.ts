import { NextResponse } from 'next/server';

/**
 * A 303 to a same-site path with a relative Location: behind a proxy (or 127.0.0.1 vs
 * localhost) req.url's host can differ from the browser's, and a redirect to another host
 * would drop the cookie just set.
 */
export function seeOther(pathWithQuery: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location: pathWithQuery } });
}
