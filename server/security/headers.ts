// Response security headers for every page and API answer (set by proxy.ts).
// Scripts: Next's App Router streams inline bootstrap scripts; a nonce-based policy would
// force every page to render dynamically, so scripts are limited to this origin plus inline
// (no remote script can load, no plugin, no framing, no base-tag or form hijack).
export function securityHeaders(opts: { https: boolean; dev: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${opts.dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(self)',
    'cross-origin-opener-policy': 'same-origin',
    ...(opts.https ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}
