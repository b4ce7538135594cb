// The shopper session cookie, apart from the console's (luma_staff): httpOnly, SameSite=Lax,
// Secure outside development. While signed in, the visitor-key cookie (luma_sid) holds the
// shopper's own visitor key and lives exactly as long as this session.
export const SHOPPER_COOKIE = 'luma_shopper';
export const SHOPPER_SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function readShopperToken(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === SHOPPER_COOKIE && v && TOKEN.test(v)) return v;
  }
  return null;
}

export function shopperCookieOptions(maxAgeSeconds: number) {
  return {
    httpOnly: true,
    secure: process.env.NODE_ENV === 'production' && process.env.CONSOLE_INSECURE_COOKIE !== '1',
    sameSite: 'lax' as const,
    path: '/',
    maxAge: maxAgeSeconds,
  };
}
