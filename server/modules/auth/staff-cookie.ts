// The console session cookie. httpOnly so scripts cannot read it; SameSite=Lax so another
// site cannot make a signed-in POST (tRPC mutations and sign-out are POSTs); Secure outside
// development (browsers also accept Secure on http://localhost).
export const STAFF_COOKIE = 'luma_staff';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function readStaffToken(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === STAFF_COOKIE && v && TOKEN.test(v)) return v;
  }
  return null;
}

export function staffCookieOptions(maxAgeSeconds: number) {
  return {
    httpOnly: true,
    secure: process.env.NODE_ENV === 'production' && process.env.CONSOLE_INSECURE_COOKIE !== '1',
    sameSite: 'lax' as const,
    path: '/',
    maxAge: maxAgeSeconds,
  };
}
