// CSRF defence for cookie-authenticated mutations (OWASP "verify origin"): a state-changing
// request that carries our cookies must come from our own origin. Browsers always send Origin
// on cross-site POSTs, so a forged form or fetch from another site is refused before it reaches
// a handler. Requests without cookies (systems calling REST, payment providers' webhooks) carry
// no ambient authority and are not affected; webhooks authenticate by signature instead.
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

export function checkCsrf(req: { method: string; url: string; headers: Headers }, allowedOrigins: string[] = []): CsrfVerdict {
  if (SAFE.has(req.method.toUpperCase())) return { ok: true };
  const url = new URL(req.url);
  if (url.pathname.startsWith('/api/webhooks/')) return { ok: true };
  if (!req.headers.get('cookie')) return { ok: true };
  const origin = req.headers.get('origin') ?? refererOrigin(req.headers.get('referer'));
  if (!origin) return { ok: false, reason: 'a cookie-authenticated request must carry Origin or Referer' };
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? url.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return { ok: false, reason: 'malformed Origin header' };
  }
  if (originHost === host || allowedOrigins.includes(origin)) return { ok: true };
  return { ok: false, reason: `cross-site request from ${origin} refused` };
}

function refererOrigin(referer: string | null): string | null {
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}
