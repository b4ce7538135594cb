// The ingestion door: envelope validation, per-IP rate limit, per-event results.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';

process.env.EVENTS_RATE_BURST = '5';
process.env.EVENTS_RATE_PER_SEC = '0.01';
const getDb = useTestDatabase();
let POST: (req: Request) => Promise<Response>;

beforeAll(async () => {
  // The route uses the app's shared client; point it at this file's database.
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  ({ POST } = await import('./route'));
});

const post = (body: unknown, ip = '203.0.113.7') =>
  POST(new Request('http://test/api/v1/events', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-forwarded-for': ip } }));

describe('POST /api/v1/events', () => {
  it('accepts a batch, reports rejected events with reasons, then rate-limits the client', async () => {
    const ok = await post({ events: [{ id: 'evt-route-0001', name: 'shopper/search.performed', data: { q: 'sofa' } }, { id: 'x', name: 'shopper/page.viewed' }] });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-request-id')).toBeTruthy();
    const body = (await ok.json()) as { accepted: number; rejected: { index: number; reasons: string[] }[] };
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([{ index: 1, id: 'x', reasons: [expect.stringMatching(/^id:/)] }]);

    const bad = await post({ nope: true });
    expect(bad.status).toBe(400);

    const limited = await post({ events: Array.from({ length: 4 }, (_, i) => ({ id: `evt-route-100${i}`, name: 'shopper/page.viewed' })) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post({ events: [{ id: 'evt-route-2000', name: 'shopper/page.viewed' }] }, '198.51.100.1')).status).toBe(200);

    const counted = await getDb().query<{ reason: string; count: number }>(`SELECT reason, count FROM event_rejections ORDER BY reason`);
    expect(counted.rows).toEqual([{ reason: 'invalid:id', count: 1 }, { reason: 'rate_limited', count: 4 }]);
  });
});
