// The shopper's side of automated decisions: a held and a refused order explained in plain
// language (no scores, thresholds or amounts), and "Request a human review" reaching the queue.
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { createContext } from '@/server/api/init';
import { createCaller } from '@/server/api/root';
import { useTestDatabase } from '@/server/db/testing';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { enqueueReview } from '@/server/modules/reviews/enqueue-review';
import { reviewForSubject } from '@/server/modules/reviews/list-reviews';
import { plainReasons } from './explain-decision';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const SID = 'v_01JEXPLAINSESSION000000000';
const shopper = (sid = SID) => createCaller(createContext({ headers: new Headers({ cookie: `luma_sid=${sid}`, 'x-forwarded-for': freshIp() }), db: db() }));

beforeAll(async () => {
  setEventStoreDb(db());
  await ensureStoreDefaults(db());
}, 60_000);

describe('plain reasons', () => {
  it('turns staff-facing reasons into sentences without numbers, deduplicated', () => {
    const out = plainReasons([
      'Risk score 91 is at or above the reject threshold 80',
      "Customer's first order",
      'Order total $30,000.00 is above the reject limit of $25,000.00',
      'Many orders from this IP address in the last hour',
      'Several different emails used from this IP address today',
      'Something new the model says',
    ]);
    expect(out).toEqual([
      'Our automatic fraud check rated this order as too risky to accept online.',
      'This is the first order with this email address.',
      'The order total is above what we can accept online in one order.',
      'Several orders were placed from the same network in a short time.',
      'Our automatic checks flagged this order for a closer look.',
    ]);
    for (const s of out) expect(s).not.toMatch(/\d/);
  });
});

describe('order decision explanation and human review', () => {
  it('explains a held order and escalates its review item when the shopper asks', async () => {
    const v = await makeVariant(db(), { stock: 2, priceCents: 600_000 });
    await shopper().cart.add({ sku: v.sku, quantity: 1 });
    const placed = await shopper().checkout.placeOrder({ email: 'held@example.com', shippingAddress: address, paymentMethod: freshCard(), idempotencyKey: 'explain-held' });
    expect(placed.outcome).toBe('in_review');
    const orderId = placed.order.id;
    // The exception flow queues the item (done here directly: the flow is tested elsewhere).
    await enqueueReview(db(), { kind: 'order_risk', subjectId: orderId, reasons: ['Order total $6,000.00 is above the review limit of $5,000.00'] });

    const ex = await shopper().privacy.explainOrder({ orderId });
    expect(ex).toMatchObject({ decision: 'held', canRequestReview: true, review: { requested: false, status: 'open' } });
    expect(ex.reasons).toContain('Orders of this value are always checked by a person.');
    expect(ex.reasons.join(' ')).not.toMatch(/\d/);
    // Another browser without the email cannot read it.
    await expect(shopper('v_01JEXPLAINSTRANGER00000000').privacy.explainOrder({ orderId })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const ack = await shopper().privacy.requestHumanReview({ orderId });
    expect(ack).toMatchObject({ status: 'escalated', alreadyRequested: false });
    expect(ack.message).toContain('review');
    expect((await reviewForSubject(db(), 'order_risk', orderId))!.status).toBe('escalated');
    const again = await shopper().privacy.requestHumanReview({ orderId });
    expect(again).toMatchObject({ reviewId: ack.reviewId, alreadyRequested: true });
    expect(await shopper().privacy.explainOrder({ orderId })).toMatchObject({ canRequestReview: false, review: { requested: true } });
  });

  it('explains a refused order and opens an appeal in the review queue, audited without personal data', async () => {
    const v = await makeVariant(db(), { stock: 2, priceCents: 3_000_000 });
    await shopper().cart.add({ sku: v.sku, quantity: 1 });
    const placed = await shopper().checkout.placeOrder({ email: 'refused@example.com', shippingAddress: address, paymentMethod: freshCard(), idempotencyKey: 'explain-refused' });
    expect(placed.outcome).toBe('rejected');
    const id = placed.order.id;
    // Ordered by email from another browser: the email proves it is theirs.
    const viaEmail = createCaller(createContext({ headers: new Headers({ cookie: 'luma_sid=v_01JEXPLAINOTHERBROWSER0000' }), db: db() }));
    const ex = await viaEmail.privacy.explainOrder({ orderId: id, email: 'refused@example.com' });
    expect(ex).toMatchObject({ decision: 'rejected', canRequestReview: true });
    expect(ex.reasons).toContain('The order total is above what we can accept online in one order.');
    expect(ex.reasons.join(' ')).not.toMatch(/\d/);

    const ack = await viaEmail.privacy.requestHumanReview({ orderId: id, email: 'refused@example.com' });
    expect(ack).toMatchObject({ status: 'open', alreadyRequested: false });
    const item = await reviewForSubject(db(), 'decision_appeal', id);
    expect(item).toMatchObject({ status: 'open', summary: { automatedDecision: 'reject', country: 'US' } });
    expect(JSON.stringify(item)).not.toContain('refused@example.com');
    const audit = await getDb().query(`SELECT actor, action, after FROM audit_events WHERE entity = 'order' AND entity_id = $1`, [id]);
    expect(audit.rows).toEqual([{ actor: 'shopper', action: 'privacy.human_review.requested', after: { reviewId: item!.id, kind: 'appeal' } }]);

    // An order with no automated decision against it has nothing to appeal.
    const v2 = await makeVariant(db(), { stock: 2, priceCents: 2_000 });
    // (A refused order leaves the cart as it was, so this is another browser.)
    const fine = 'v_01JEXPLAINFINEBROWSER00000';
    await shopper(fine).cart.add({ sku: v2.sku, quantity: 1 });
    const ok = await shopper(fine).checkout.placeOrder({ email: 'fine@example.com', shippingAddress: address, paymentMethod: freshCard(), idempotencyKey: 'explain-ok' });
    expect(ok.outcome).toBe('placed');
    expect(await shopper(fine).privacy.explainOrder({ orderId: ok.order.id })).toMatchObject({ decision: null, canRequestReview: false, reasons: [] });
    await expect(shopper(fine).privacy.requestHumanReview({ orderId: ok.order.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
