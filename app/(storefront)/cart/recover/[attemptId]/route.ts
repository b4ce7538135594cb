// The link in a cart recovery email: it puts the shopper back on the session that holds
// their cart (on any device), attaches the email's offer to the cart and shows the cart.
// An unknown or used link shows the cart too.
import { NextResponse } from 'next/server';
import { getDb } from '@/server/db/client';
import { SESSION_COOKIE } from '@/server/lib/session-key';
import { restoreRecoveredCart } from '@/server/modules/recovery/recovery-link';

export async function GET(req: Request, props: { params: Promise<{ attemptId: string }> }) {
  const { attemptId } = await props.params;
  const target = await restoreRecoveredCart(getDb(), attemptId);
  // A relative Location: behind a proxy (or on 127.0.0.1 vs localhost) req.url's host may not
  // be the one the shopper used, and the session cookie set here belongs to that host.
  const res = new NextResponse(null, { status: 303, headers: { location: '/cart' } });
  if (target) {
    const https = new URL(req.url).protocol === 'https:';
    res.cookies.set(SESSION_COOKIE, target.sessionKey, { httpOnly: true, sameSite: 'lax', secure: https, path: '/', maxAge: 60 * 60 * 24 * 365 });
  }
  return res;
}
