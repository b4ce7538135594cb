// Checkout's functions on the embedded runner: a payment update moves its order; the
// reservation cron cancels an order left pending payment.
import { beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { paymentUpdated } from '@/inngest/events';
import { functions } from '@/inngest/index';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { send } from '@/inngest/send';
import { useTestDatabase } from '@/server/db/testing';
import { availableStock } from '@/server/modules/inventory/available-stock';
import { address, GOOD_CARD, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { getOrder } from '@/server/modules/checkout/get-order';
import { placeOrder } from '@/server/modules/checkout/place-order';

const getDb = useTestDatabase();
let runner: Runner;

beforeAll(() => {
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  setEventStoreDb(getDb().prisma);
  runner = createRunner({ db: getDb().prisma, client: inngest, functions, pollMs: 20, log: () => undefined });
});

async function until(fn: string, n: number, timeoutMs = 60_000) {
  const t0 = Date.now();
  for (;;) {
    const r = await getDb().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM job_runs WHERE function_id = $1 AND status IN ('completed', 'failed')`,
      [`commerce-${fn}`],
    );
    if (r.rows[0]!.n >= n) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${fn} did not finish`);
    if ((await runner.tick()) === 0) await new Promise((r) => setTimeout(r, 25));
  }
}

const order = async (stock: number) => {
  const v = await makeVariant(getDb().prisma, { stock });
  const r = await placeOrder(
    getDb().prisma,
    { sessionKey: null, lines: [{ variantId: v.variantId, quantity: 1 }], email: 'fn@example.com', shippingAddress: address, paymentMethod: GOOD_CARD, idempotencyKey: `fn-${v.variantId}`, ipAddress: null, requestId: null },
    { publish: async () => undefined },
  );
  return { ...r.order, variantId: v.variantId };
};

describe('checkout functions on the embedded runner', () => {
  it('apply-payment-update: a captured payment makes the order paid and commits its stock, duplicates included', async () => {
    const o = await order(3);
    const data = { paymentId: o.payment.id!, orderId: o.id, status: 'captured' as const };
    await send([paymentUpdated.create(data, { id: `pu-${o.id}-1` }), paymentUpdated.create(data, { id: `pu-${o.id}-2` })]);
    await until('apply-payment-update', 2);
    expect((await getOrder(getDb().prisma, o.id)).status).toBe('paid');
    expect((await getDb().prisma.productVariant.findUniqueOrThrow({ where: { id: o.variantId } })).stockOnHand).toBe(2);
    expect((await availableStock(getDb().prisma, [o.variantId])).get(o.variantId)).toBe(2);
  });

  it('expire-reservations: an order still pending payment past its reservation is cancelled, its stock released', async () => {
    const o = await order(1);
    await getDb().query(`UPDATE orders SET status = 'pending_payment' WHERE id = $1`, [o.id]);
    await getDb().query(`UPDATE inventory_reservations SET expires_at = now() - interval '1 minute' WHERE order_id = $1`, [o.id]);
    await runner.tick();
    await getDb().query(`UPDATE job_crons SET next_run_at = now() - interval '1 minute' WHERE function_id = 'commerce-expire-reservations'`);
    await until('expire-reservations', 1);
    expect((await getOrder(getDb().prisma, o.id)).status).toBe('cancelled');
    expect((await availableStock(getDb().prisma, [o.variantId])).get(o.variantId)).toBe(1);
  });
});
