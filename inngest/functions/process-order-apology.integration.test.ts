// The held-order apology on an order that already carries a promotion: the discount policy's
// margin floor holds for the order's whole discount (promotion + apology), not for the apology
// alone at full price. Runs the real exception flow on the embedded runner and a real database.
import { beforeAll, describe, expect, it } from 'vitest';
import { emailHash } from '@/server/modules/privacy/contact-fields';
import { inngest } from '@/inngest/client';
import { orderPlacedEvent } from '@/server/modules/checkout/order-placed-event';
import { functions } from '@/inngest/index';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { send } from '@/inngest/send';
import { useTestDatabase } from '@/server/db/testing';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { getOrder } from '@/server/modules/checkout/get-order';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { transitionOrder } from '@/server/modules/checkout/transition-order';
import { getPayment } from '@/server/modules/payments/payments-service';
import { DEFAULT_POLICIES } from '@/server/modules/policies/policy-kinds';
import { lineCostCents } from '@/server/modules/pricing/cost-ratios';
import { createPromotion } from '@/server/modules/pricing/promotions';
import { decideReview } from '@/server/modules/reviews/decide-review';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let runner: Runner;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = db();
  await ensureStoreDefaults(db());
  runner = createRunner({ db: db(), client: inngest, functions, pollMs: 10, backoffBaseMs: 5, log: () => undefined });
});

async function until(orderId: string, want: string[], timeoutMs = 60_000) {
  const t0 = Date.now();
  for (;;) {
    const r = await getDb().query<{ status: string; output: Record<string, unknown> | null }>(
      `SELECT status::text AS status, output FROM job_runs WHERE function_id = 'commerce-process-order' AND event->'data'->>'orderId' = $1`,
      [orderId],
    );
    if (r.rows[0] && want.includes(r.rows[0].status)) return r.rows[0];
    if (Date.now() - t0 > timeoutMs) throw new Error(`flow for ${orderId} stuck in ${r.rows[0]?.status ?? 'nothing'}`);
    if ((await runner.tick()) === 0) await new Promise((res) => setTimeout(res, 10));
  }
}

describe('held-order apology on a discounted order', () => {
  it('counts the promotion already given: promotion + apology keep the margin floor', async () => {
    await createPromotion(db(), { name: 'Chair sale', code: 'CHAIRS25', kind: 'percent_off', percentOff: 25, includedCategories: ['Furniture'], actor: 'merch' });
    const v = await makeVariant(db(), { stock: 5, priceCents: 4_000, category: ['Furniture', 'Chairs'] });
    const r = await placeOrder(
      db(),
      {
        sessionKey: null,
        lines: [{ variantId: v.variantId, quantity: 2 }],
        email: 'apology@example.com',
        shippingAddress: address,
        paymentMethod: freshCard(),
        idempotencyKey: `apology-${Date.now()}`,
        ipAddress: freshIp(),
        promoCode: 'CHAIRS25',
        requestId: 'req-apology',
      },
      { publish: async () => undefined },
    );
    const orderId = r.order.id;
    expect(r.order).toMatchObject({ subtotalCents: 8_000, discountCents: 2_000 });
    await transitionOrder(db(), orderId, 'in_review', { reason: 'risk policy: review', actor: 'test' });
    await send(orderPlacedEvent(orderId));
    await until(orderId, ['waiting']);
    const item = await db().reviewItem.findUniqueOrThrow({ where: { kind_subjectId: { kind: 'order_risk', subjectId: orderId } } });
    await decideReview(db(), { id: 'stf_reviewer', email: 'reviewer@example.com' }, { reviewId: item.id, decision: 'approve', note: 'fine' });
    const run = await until(orderId, ['completed', 'failed']);
    expect(run.output).toMatchObject({ outcome: 'paid' });
    const apology = (run.output as { apology: { offered: boolean; amountCents: number } }).apology;

    // Revenue 80.00, cost 44.00 (furniture 55%), 20.00 already off, floor 20%:
    // (60 − A − 44) / (60 − A) ≥ 0.2 ⇔ A ≤ 60 − 55 = 5.00. The model's 13% (10.40 at full
    // price, what the flow refunded before) is cut to 5.00.
    const order = await getOrder(db(), orderId);
    const R = order.subtotalCents;
    const C = lineCostCents({ categoryPath: ['Furniture'], unitPriceCents: 4_000, quantity: 2 });
    const floor = DEFAULT_POLICIES.discount.marginFloor;
    expect(apology).toMatchObject({ offered: true, amountCents: 500 });
    const D = order.discountCents + apology.amountCents;
    expect((R - D - C) / (R - D)).toBeGreaterThanOrEqual(floor);
    expect((await getPayment(db(), order.payment.id!)).amountRefundedCents).toBe(500);
    expect(await db().discountOffer.findFirstOrThrow({ where: { orderId } })).toMatchObject({ reason: 'held_order', amountCents: 500, clampedBy: ['margin_floor'] });
    // The confirmation says what was refunded and its percent of what the shopper paid (5.00 of 60.00).
    const mail = await db().mailOutbox.findFirstOrThrow({ where: { toHash: emailHash('apology@example.com'), subject: { contains: 'confirmed' } } });
    expect(mail.textBody).toContain('Sorry for the wait: we refunded 5.00 (8.3% off).');
  }, 60_000);
});
