// Shared abuse limits on a real database: two "instances" (two Prisma clients on one
// database) count the same requests; over the limit the REST door answers 429 with
// Retry-After and tRPC answers TOO_MANY_REQUESTS, before any work is done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '@/server/db/client';
import { useTestDatabase } from '@/server/db/testing';
import { postOrderHandler } from '@/server/api/orders-rest';
import { createContext } from '@/server/api/init';
import { createCaller } from '@/server/api/root';
import { consumeRateLimit, RateLimitedError } from './rate-limits';

const getDb = useTestDatabase();
let second: ReturnType<typeof createPrismaClient>;

beforeAll(() => {
  process.env.RATE_LIMIT_CHECKOUT_PER_MIN = '3';
  process.env.RATE_LIMIT_SEARCH_PER_MIN = '2';
  second = createPrismaClient(getDb().url, 2);
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_CHECKOUT_PER_MIN;
  delete process.env.RATE_LIMIT_SEARCH_PER_MIN;
  await second.$disconnect();
});

describe('rate limits', () => {
  it('are shared by every instance on the database, per client address', async () => {
    await consumeRateLimit('checkout', '203.0.113.7', getDb().prisma);
    await consumeRateLimit('checkout', '203.0.113.7', second);
    await consumeRateLimit('checkout', '203.0.113.7', getDb().prisma);
    const over = await consumeRateLimit('checkout', '203.0.113.7', second).catch((e: unknown) => e);
    expect(over).toBeInstanceOf(RateLimitedError);
    expect((over as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    expect((over as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another address is unaffected.
    await expect(consumeRateLimit('checkout', '198.51.100.1', second)).resolves.toBeUndefined();
  });

  it('counts concurrent requests exactly, and an expired window starts again', async () => {
    const ip = '203.0.113.150';
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => consumeRateLimit('checkout', ip, i % 2 ? second : getDb().prisma)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof RateLimitedError)).toBe(true);
    const row = await getDb().prisma.rateLimit.findUniqueOrThrow({ where: { key: `checkout:${ip}` } });
    expect(row.points).toBe(5);
    expect(row.expire!.getTime() - Date.now()).toBeGreaterThan(50_000);
    // The minute is over: the next request opens a new window with one point taken.
    await getDb().prisma.rateLimit.update({ where: { key: `checkout:${ip}` }, data: { expire: new Date(Date.now() - 1_000) } });
    await consumeRateLimit('checkout', ip, second);
    const fresh = await getDb().prisma.rateLimit.findUniqueOrThrow({ where: { key: `checkout:${ip}` } });
    expect(fresh.points).toBe(1);
    expect(fresh.expire!.getTime() - Date.now()).toBeGreaterThan(50_000);
  });

  it('REST: 429 with Retry-After and a request id, and the order is never attempted', async () => {
    const post = postOrderHandler({ db: getDb().prisma });
    const call = (i: number) =>
      post(
        new Request('http://shop.test/api/v1/orders', {
          method: 'POST',
          headers: { 'idempotency-key': `rl-key-${i}-abcdef`, 'x-forwarded-for': '192.0.2.44', 'content-type': 'application/json' },
          // Valid shape, unknown SKU: a 4xx from the order module while under the limit.
          body: JSON.stringify({
            lines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }],
            email: 'ada@example.com',
            shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Springfield', postalCode: '94105', country: 'US' },
            paymentMethod: '4242424242424242',
          }),
        }),
      );
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(i)).status);
    expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
    const limited = await call(9);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = await limited.json();
    expect(body.error).toMatchObject({ code: 'RATE_LIMITED', requestId: expect.any(String) });
    expect(await getDb().prisma.idempotencyKey.count({ where: { key: 'rl-key-9-abcdef' } })).toBe(0);
  });

  it('tRPC: search answers TOO_MANY_REQUESTS past the limit', async () => {
    const caller = createCaller(createContext({ headers: new Headers({ 'x-forwarded-for': '192.0.2.99' }), db: getDb().prisma }));
    const search = () => caller.search.query({ q: 'sofa' }).then(() => 'ok', (e: { code?: string }) => e.code);
    const results = [await search(), await search(), await search()];
    expect(results[2]).toBe('TOO_MANY_REQUESTS');
    expect(results.slice(0, 2)).not.toContain('TOO_MANY_REQUESTS');
  });
});
