import { describe, expect, it } from 'vitest';
import { checkCsrf } from './csrf';
import { securityHeaders } from './headers';

const req = (method: string, path: string, headers: Record<string, string>) => ({
  method,
  url: `http://shop.example${path}`,
  headers: new Headers({ host: 'shop.example', ...headers }),
});

describe('CSRF origin check', () => {
  it('lets reads, cookieless calls and signed webhooks through', () => {
    expect(checkCsrf(req('GET', '/api/trpc/cart.get', { cookie: 'luma_sid=x', origin: 'https://evil.example' }))).toEqual({ ok: true });
    expect(checkCsrf(req('POST', '/api/v1/orders', {}))).toEqual({ ok: true });
    expect(checkCsrf(req('POST', '/api/webhooks/payments/local', { cookie: 'a=b', origin: 'https://evil.example' }))).toEqual({ ok: true });
  });

  it('accepts same-origin mutations by Origin or Referer', () => {
    expect(checkCsrf(req('POST', '/api/trpc/reviews.decide', { cookie: 'luma_staff=t', origin: 'http://shop.example' }))).toEqual({ ok: true });
    expect(checkCsrf(req('POST', '/api/auth/sign-out', { cookie: 'luma_staff=t', referer: 'http://shop.example/console' }))).toEqual({ ok: true });
    expect(checkCsrf(req('POST', '/api/trpc/x', { cookie: 'luma_staff=t', origin: 'https://admin.example' }), ['https://admin.example'])).toEqual({ ok: true });
  });

  it('refuses cross-site or origin-less mutations that carry cookies', () => {
    expect(checkCsrf(req('POST', '/api/trpc/reviews.decide', { cookie: 'luma_staff=t', origin: 'https://evil.example' }))).toEqual({
      ok: false,
      reason: 'cross-site request from https://evil.example refused',
    });
    expect(checkCsrf(req('DELETE', '/api/v1/x', { cookie: 'luma_staff=t' })).ok).toBe(false);
    expect(checkCsrf(req('POST', '/api/v1/x', { cookie: 'luma_staff=t', origin: 'null' })).ok).toBe(false);
  });
});

describe('security headers', () => {
  it('forbid framing, sniffing and remote scripts; HSTS only over https', () => {
    const h = securityHeaders({ https: false, dev: false });
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    expect(h['content-security-policy']).not.toContain('unsafe-eval');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['strict-transport-security']).toBeUndefined();
    expect(securityHeaders({ https: true, dev: false })['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});
