// Recommendations' functions on the embedded runner: cart events ingested by the shopper
// door update bought-together pairs as they arrive; the nightly cron rebuilds everything.
import { beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/index';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { useTestDatabase } from '@/server/db/testing';
import { ingestEvents } from '@/server/modules/events/ingest-events';
import { recordOrderPurchase } from '@/server/modules/recommendations/record-order-purchase';
import { seedLivingRoom } from '@/server/modules/recommendations/recs.fixtures';

const getDb = useTestDatabase();
let runner: Runner;
let id: Record<string, string>;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  runner = createRunner({ db: getDb().prisma, client: inngest, functions, pollMs: 20, log: () => undefined });
  id = await seedLivingRoom(getDb().prisma);
});

async function until(fn: string, n = 1, timeoutMs = 60_000) {
  const t0 = Date.now();
  for (;;) {
    const r = await getDb().query<{ status: string; output: Record<string, unknown> }>(
      `SELECT status::text AS status, output FROM job_runs WHERE function_id = $1 AND status IN ('completed','failed','cancelled') ORDER BY created_at`,
      [`commerce-${fn}`],
    );
    if (r.rows.length >= n) return r.rows;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${fn} did not finish`);
    if ((await runner.tick()) === 0) await new Promise((res) => setTimeout(res, 25));
  }
}

describe('recommendation functions on the embedded runner', () => {
  it('updates bought-together pairs as add-to-cart events arrive', async () => {
    const now = Date.now();
    await ingestEvents(getDb().prisma, [
      {
        id: 'evt-cart-a1',
        name: 'shopper/cart.item_added',
        ts: now - 2000,
        data: { sessionKey: 'v_RUN1', productId: id['sofa-ava'] },
      },
    ]);
    await until('update-recommendations', 1);
    await ingestEvents(getDb().prisma, [
      {
        id: 'evt-cart-a2',
        name: 'shopper/cart.item_added',
        ts: now - 1000,
        data: { sessionKey: 'v_RUN1', productId: id['table-iris'] },
      },
    ]);
    const runs = await until('update-recommendations', 2);
    expect(runs.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(runs[1]!.output).toEqual({ applied: true, pairs: 2 });
    const pair = await getDb().prisma.recItemPair.findUnique({
      where: { signal_productId_otherId: { signal: 'buy', productId: id['sofa-ava']!, otherId: id['table-iris']! } },
    });
    expect(pair).toMatchObject({ weight: 1, score: 1 });
  });

  it('turns a placed order into a bought-together basket', async () => {
    const db = getDb().prisma;
    const orderId = 'ord_recs_test_1';
    await db.order.create({
      data: {
        id: orderId,
        customerId: 'cus_1',
        email: 'a@example.com',
        subtotalCents: 1,
        discountCents: 0,
        taxCents: 0,
        shippingCents: 0,
        totalCents: 1,
        shippingAddress: {},
        lines: {
          create: [id['lamp-mo']!, id['table-kai']!].map((productId, i) => ({
            id: `oln_${i}`,
            variantId: `var_${i}`,
            productId,
            sku: `SKU${i}`,
            title: 't',
            unitPriceCents: 1,
            quantity: 1,
            lineTotalCents: 1,
          })),
        },
      },
    });
    expect(await recordOrderPurchase(db, orderId)).toEqual({ productIds: [id['lamp-mo'], id['table-kai']] });
    const runs = await until('update-recommendations', 3);
    expect(runs[2]!.output).toEqual({ applied: true, pairs: 2 });
    const pair = await db.recItemPair.findUnique({
      where: { signal_productId_otherId: { signal: 'buy', productId: id['lamp-mo']!, otherId: id['table-kai']! } },
    });
    expect(pair).toMatchObject({ weight: 1 });
  });

  it('rebuilds co-occurrence from the nightly cron', async () => {
    await runner.tick();
    await getDb().query(
      `UPDATE job_crons SET next_run_at = now() - interval '1 minute' WHERE function_id = 'commerce-rebuild-recommendations'`,
    );
    const [run] = await until('rebuild-recommendations');
    expect(run).toMatchObject({ status: 'completed', output: { sessions: 2, pairs: 4 } });
    // Then the offline evaluation (simulated: two sessions are too few), registered as a draft.
    const registered = run!.output.registered as { versionId: string };
    expect(registered).toMatchObject({ modelKey: 'recs-blend', algorithm: 'blend' });
    const version = await getDb().prisma.modelVersion.findUniqueOrThrow({ where: { id: registered.versionId } });
    expect(version.stage).toBe('draft');
    expect(version.evaluation).toMatchObject({ metrics: { 'recall@10': expect.any(Number) } });
    expect(await getDb().prisma.recBuild.count({ where: { mode: 'full' } })).toBe(1);
  });
});
