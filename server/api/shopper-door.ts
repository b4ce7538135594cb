// What the shopper sign-in/up/out route handlers share: the cookies a signed-in device gets
// and the safe redirect target. Server-only (route handlers).
import type { NextResponse } from 'next/server';
import { newSessionKey, SESSION_COOKIE } from '@/server/lib/session-key';
import { SHOPPER_COOKIE, shopperCookieOptions } from '@/server/modules/shoppers/shopper-cookie';
import type { SignedIn } from '@/server/modules/shoppers/sign-in';

/** Only same-site storefront paths, so the form cannot be turned into an open redirect. */
export function safeShopperNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/|\\)/.test(value) && !value.startsWith('/console') && !value.startsWith('/api')
    ? value
    : '/account';
}

/** The session cookie and the shopper's visitor key, both for the session's lifetime. */
export function setSignedInCookies(res: NextResponse, session: SignedIn): void {
  const maxAge = Math.floor((session.expiresAt.getTime() - Date.now()) / 1000);
  res.cookies.set(SHOPPER_COOKIE, session.token, shopperCookieOptions(maxAge));
  res.cookies.set(SESSION_COOKIE, session.visitorKey, shopperCookieOptions(maxAge));
}

/** Signed out: the device forgets the session and starts over as a new anonymous visitor. */
export function setSignedOutCookies(res: NextResponse): void {
  res.cookies.set(SHOPPER_COOKIE, '', shopperCookieOptions(0));
  res.cookies.set(SESSION_COOKIE, newSessionKey(), shopperCookieOptions(60 * 60 * 24 * 365));
}
