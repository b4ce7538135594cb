// Fault test (issue #9): the database drops the app's connections in the middle of requests
// (pg_terminate_backend on the app pool's backends). Reads retry once on a fresh connection
// and succeed; a request whose every attempt is cut gets a clean 503 with Retry-After, never
// a 500; an order cut mid-placement writes nothing half-way and its key can be retried.
// Needs a real Postgres server (TEST_DATABASE_URL) to terminate backends on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPrismaClient } from '@/server/db/client';
import type { PrismaClient } from '@/server/db/generated/client';
import { useTestDatabase } from '@/server/db/testing';
import { address, ensureStoreDefaults, freshCard, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { postOrderHandler } from './orders-rest';
import { restGet } from './rest';

process.env.RATE_LIMITS = 'off';

describe.skipIf(!process.env.TEST_DATABASE_URL)('database connection drops during requests', () => {
  const getDb = useTestDatabase();
  let app: PrismaClient;

  beforeAll(async () => {
    (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
    app = createPrismaClient(getDb().url, 4);
    await ensureStoreDefaults(getDb().prisma);
  });
  afterAll(async () => app.$disconnect());

  /** Terminates the app pool's backends that are running `marker` (waits until one is). */
  async function killWhenRunning(marker: string, times: number) {
    let killed = 0;
    const t0 = Date.now();
    while (killed < times && Date.now() - t0 < 20_000) {
      const r = await getDb().query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE $1 AND query NOT LIKE '%pg_stat_activity%'`,
        [`%${marker}%`],
      );
      killed += r.rows[0]!.n;
      await new Promise((res) => setTimeout(res, 20));
    }
    return killed;
  }

  const slowRead = (marker: string) =>
    restGet(
      z.object({}),
      async (ctx) => {
        const rows = await ctx.db.$queryRawUnsafe<{ ok: number }[]>(
          `SELECT 1 AS ok, pg_sleep(0.4)::text AS slept, '${marker}' AS marker`,
        );
        return { ok: rows[0]!.ok };
      },
      { db: app, route: '/test/slow' },
    );

  it(
    'a read whose connection is terminated mid-query is retried once on a fresh connection: 200',
    { timeout: 30_000 },
    async () => {
      const handler = slowRead('drop-once');
      const [res, killed] = await Promise.all([
        handler(new Request('http://x/test/slow')),
        killWhenRunning('drop-once', 1),
      ]);
      expect(killed).toBe(1);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: 1 });
    },
  );

  it('a read cut on every attempt is a clean 503 with Retry-After, not a 500', { timeout: 30_000 }, async () => {
    const handler = slowRead('drop-twice');
    const [res, killed] = await Promise.all([
      handler(new Request('http://x/test/slow')),
      killWhenRunning('drop-twice', 2),
    ]);
    expect(killed).toBe(2);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    const body = (await res.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('UNAVAILABLE');
    expect(body.error.requestId).toBeTruthy();
  });

  it(
    'orders while every app backend is terminated repeatedly: no 500, no oversell, no half-written order',
    { timeout: 90_000 },
    async () => {
      const v = await makeVariant(getDb().prisma, { stock: 10, priceCents: 2_000 });
      const handler = postOrderHandler({ db: app });
      let stop = false;
      const chaos = (async () => {
        let n = 0;
        while (!stop) {
          const r = await getDb().query<{ n: number }>(
            `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
          );
          n += r.rows[0]!.n;
          await new Promise((res) => setTimeout(res, 40));
        }
        return n;
      })();
      const statuses: number[] = [];
      await Promise.all(
        Array.from({ length: 4 }, async (_, w) => {
          for (let i = 0; i < 6; i++) {
            const res = await handler(
              new Request('http://x/api/v1/orders', {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'idempotency-key': `drop-${w}-${i}-${Date.now()}` },
                body: JSON.stringify({
                  lines: [{ sku: v.sku, quantity: 1 }],
                  email: `drop${w}x${i}@example.com`,
                  shippingAddress: address,
                  paymentMethod: freshCard(),
                }),
              }),
            );
            statuses.push(res.status);
          }
        }),
      );
      stop = true;
      const terminated = await chaos;
      console.log(
        JSON.stringify({
          terminated,
          statuses: Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length])),
        }),
      );
      expect(terminated).toBeGreaterThan(0);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
      expect(statuses.every((s) => [201, 402, 409, 503].includes(s))).toBe(true);
      // Every order row is whole: it has its line and its first event; units sold ≤ stock, and the
      // counter matches the active and committed reservations.
      const db = getDb().prisma;
      const orders = await db.order.findMany({
        where: { lines: { some: { variantId: v.variantId } } },
        include: { lines: true, events: true },
      });
      for (const o of orders) {
        expect(o.lines).toHaveLength(1);
        expect(o.events.length).toBeGreaterThanOrEqual(1);
      }
      const live = orders.filter((o) => o.status !== 'cancelled').length;
      expect(live).toBeLessThanOrEqual(10);
      const level = await db.inventoryLevel.findUniqueOrThrow({ where: { variantId: v.variantId } });
      const held = await db.inventoryReservation.aggregate({
        _sum: { quantity: true },
        where: { variantId: v.variantId, status: 'active' },
      });
      expect(level.reserved).toBe(held._sum.quantity ?? 0);
    },
  );
});
