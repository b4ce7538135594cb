// The risk module is built elsewhere (its contract returns 'accept'); here its answer is
// chosen per test so checkout's handling of review, reject and a failing scorer is exercised.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { availableStock } from '@/server/modules/inventory/available-stock';
import type { RiskAssessment } from '@/server/modules/risk/assess-checkout-risk';
import { address, GOOD_CARD, makeVariant } from './checkout.fixtures';
import { placeOrder } from './place-order';

const risk = vi.hoisted(() => ({ next: null as RiskAssessment | Error | null, seen: [] as { cardFingerprint: string | null; totalCents: number }[] }));
vi.mock('@/server/modules/risk/assess-checkout-risk', () => ({
  assessCheckoutRisk: async (_db: unknown, input: { cardFingerprint: string | null; totalCents: number }) => {
    risk.seen.push(input);
    if (risk.next instanceof Error) throw risk.next;
    return risk.next;
  },
}));

const getDb = useTestDatabase();
const published: string[] = [];
beforeAll(() => setEventStoreDb(getDb().prisma));

const decision = { decisionId: 'dec_1', modelVersion: 'risk-lr@3', arm: 'production', confidence: 0.9, latencyMs: 4.2, degraded: false, experiment: null } as const;

async function place(key: string) {
  const v = await makeVariant(getDb().prisma, { stock: 2, priceCents: 30_000 });
  const r = await placeOrder(
    getDb().prisma,
    { sessionKey: null, lines: [{ variantId: v.variantId, quantity: 1 }], email: 'risky@example.com', shippingAddress: address, paymentMethod: GOOD_CARD, idempotencyKey: key, ipAddress: '198.51.100.7', requestId: 'req-risk' },
    { publish: async (id) => void published.push(id) },
  );
  return { r, available: (await availableStock(getDb().prisma, [v.variantId])).get(v.variantId) };
}

describe('placeOrder and the risk decision', () => {
  it('review: the order waits in in_review with the score, reasons, versions and decision id stored', async () => {
    risk.next = { action: 'review', score: 71, reasons: ['Shipping and billing countries differ', 'First order'], policyVersion: 'risk-policy@4', decision };
    const { r, available } = await place('risk-review-1');
    expect(r.outcome).toBe('in_review');
    expect(r.order.status).toBe('in_review');
    expect(r.risk).toEqual({ action: 'review', score: 71, reasons: ['Shipping and billing countries differ', 'First order'], policyVersion: 'risk-policy@4', decisionId: 'dec_1', modelVersion: 'risk-lr@3', latencyMs: 4.2 });
    expect(r.order.risk).toMatchObject({ score: 71, policyVersion: 'risk-policy@4', decisionId: 'dec_1' });
    expect(available).toBe(1);
    expect(published).toContain(r.order.id);
    expect(risk.seen.at(-1)).toMatchObject({ totalCents: 30_000 + 2_400, cardFingerprint: expect.stringMatching(/^[0-9a-f]{16,}$/) });
  });

  it('reject: the payment is voided, the order cancelled and its stock released; no order.placed', async () => {
    risk.next = { action: 'reject', score: 97, reasons: ['Card used with 6 emails today'], policyVersion: 'risk-policy@4', decision };
    const { r, available } = await place('risk-reject-1');
    expect(r.outcome).toBe('rejected');
    expect(r.order.status).toBe('cancelled');
    expect(r.order.events.at(-1)).toMatchObject({ to: 'cancelled', actor: 'risk', reason: 'risk rejected: Card used with 6 emails today' });
    expect(available).toBe(2);
    expect(published).not.toContain(r.order.id);
  });

  it('a failing scorer sends the order to review rather than accepting or refusing blind', async () => {
    risk.next = new Error('model timed out');
    const { r } = await place('risk-error-1');
    expect(r.outcome).toBe('in_review');
    expect(r.risk).toMatchObject({ action: 'review', score: null, reasons: ['Risk scoring was unavailable'] });
  });
});
