// The Inngest door answers only when Inngest is configured.
import type { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

const req = (method: string) => new Request('http://localhost/api/inngest', { method }) as unknown as NextRequest;

describe('/api/inngest', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('is not callable from outside in embedded mode', async () => {
    vi.stubEnv('INNGEST_EVENT_KEY', '');
    vi.stubEnv('INNGEST_SIGNING_KEY', '');
    const route = await import('./route');
    for (const handler of [route.GET, route.POST, route.PUT]) {
      expect((await handler(req('POST'))).status).toBe(404);
    }
  });

  it('serves Inngest when keys are configured, refusing unsigned requests', async () => {
    vi.stubEnv('INNGEST_EVENT_KEY', 'test-event-key');
    vi.stubEnv('INNGEST_SIGNING_KEY', 'signkey-test-0123456789abcdef0123456789abcdef');
    const route = await import('./route');
    // Inngest signs every request with the signing key; anything unsigned is refused.
    expect((await route.GET(req('GET'))).status).toBe(401);
    const unsigned = await route.POST(new Request('http://localhost/api/inngest?fnId=commerce-decay-search-popularity&stepId=step', { method: 'POST', body: '{}' }) as unknown as NextRequest);
    expect(unsigned.status).toBe(401);
  });
});
