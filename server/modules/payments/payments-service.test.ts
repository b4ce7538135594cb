// The payments contract on the local provider and a real database: test cards, idempotency,
// the forward-only state machine for our own calls, and paymentUpdated sent once per status.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { ConflictError, InvalidError } from '@/server/errors';
import { authorizePayment, capturePayment, refundPayment, voidPayment } from './payments-service';

delete process.env.STRIPE_SECRET_KEY;
const getDb = useTestDatabase();
const db = () => getDb().prisma;
// paymentUpdated is sent through the app's Inngest client, which stores events with the shared client.
beforeAll(() => {
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
});
let n = 0;
const authorize = (card: string, over: Partial<Parameters<typeof authorizePayment>[1]> = {}) =>
  authorizePayment(db(), {
    orderId: `ord_${++n}`,
    amountCents: 12_500,
    currency: 'USD',
    paymentMethod: card,
    email: 'ada@example.com',
    idempotencyKey: `checkout-key-${n}`,
    ...over,
  });
const updates = async (paymentId: string) =>
  (
    await getDb().query<{ status: string }>(
      `SELECT data->>'status' AS status FROM events WHERE name = 'payments/payment.updated' AND data->>'paymentId' = $1 ORDER BY received_at`,
      [paymentId],
    )
  ).rows.map((r) => r.status);
const queued = async (type: string) =>
  (
    await getDb().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM payment_local_webhooks WHERE payload::jsonb->>'type' = $1`,
      [type],
    )
  ).rows[0]!.n;

describe('payments service (local provider)', () => {
  it('authorises, declines and fails by test card, with brand, last4 and a keyed fingerprint', async () => {
    const ok = await authorize('4242 4242 4242 4242');
    expect(ok).toMatchObject({
      provider: 'local',
      status: 'authorized',
      brand: 'visa',
      last4: '4242',
      declineCode: null,
    });
    expect(ok.cardFingerprint).toMatch(/^[0-9a-f]{24}$/);
    expect((await authorize('4242424242424242')).cardFingerprint).toBe(ok.cardFingerprint);
    expect((await authorize('5555555555554444')).brand).toBe('mastercard');
    expect(await authorize('4000000000000002')).toMatchObject({
      status: 'declined',
      declineCode: 'card_declined',
      message: 'Your card was declined.',
    });
    expect(await authorize('4000000000009995')).toMatchObject({
      status: 'declined',
      declineCode: 'insufficient_funds',
    });
    expect(await authorize('4000000000000069')).toMatchObject({ status: 'declined', declineCode: 'expired_card' });
    expect(await authorize('4000000000000119')).toMatchObject({ status: 'failed', declineCode: 'processing_error' });
    await expect(authorize('4242424242424241')).rejects.toBeInstanceOf(InvalidError);
    await expect(authorize('4242424242424242', { currency: 'dollars' })).rejects.toThrow(/currency/);
    await expect(authorize('4242424242424242', { amountCents: -5 })).rejects.toThrow(/amountCents/);
    expect(await updates(ok.paymentId)).toEqual(['authorized']);
    // Each authorisation queued its webhook for delivery to the app.
    expect(await queued('payment_intent.amount_capturable_updated')).toBe(3);
    expect(await queued('payment_intent.payment_failed')).toBe(4);
  });

  it('returns the first result for a repeated key (also under concurrency) and 409s the key with another body', async () => {
    const key = 'idem-concurrent-0001';
    const input = {
      orderId: 'ord_same',
      amountCents: 9_900,
      currency: 'usd',
      paymentMethod: '4242424242424242',
      email: 'bo@example.com',
      idempotencyKey: key,
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => authorizePayment(db(), input)));
    expect(new Set(results.map((r) => r.paymentId)).size).toBe(1);
    expect(results.every((r) => r.status === 'authorized')).toBe(true);
    expect(await db().payment.count({ where: { idempotencyKey: key } })).toBe(1);
    // Repeats re-queue the same provider event id, which the inbox deduplicates.
    const ids = await getDb().query<{ n: number }>(
      `SELECT count(DISTINCT event_id)::int AS n FROM payment_local_webhooks WHERE payload::jsonb->'data'->'object'->'metadata'->>'paymentId' = $1`,
      [results[0]!.paymentId],
    );
    expect(ids.rows[0]!.n).toBe(1);
    await expect(authorizePayment(db(), { ...input, amountCents: 9_901 })).rejects.toBeInstanceOf(ConflictError);
    expect(await updates(results[0]!.paymentId)).toEqual(['authorized']);
  });

  it('captures, partially then fully refunds; repeats are idempotent and illegal moves are 409s', async () => {
    const p = await authorize('4242424242424242');
    await expect(refundPayment(db(), { paymentId: p.paymentId, idempotencyKey: 'refund-too-early' })).rejects.toThrow(
      /void it instead/,
    );
    const captured = await capturePayment(db(), { paymentId: p.paymentId, idempotencyKey: 'capture-0001' });
    expect(captured).toMatchObject({ status: 'captured', amountCapturedCents: 12_500 });
    expect(await capturePayment(db(), { paymentId: p.paymentId, idempotencyKey: 'capture-0001' })).toEqual(captured);
    // Another key on a captured payment: nothing to do, no second capture at the provider.
    expect((await capturePayment(db(), { paymentId: p.paymentId, idempotencyKey: 'capture-0002' })).status).toBe(
      'captured',
    );
    expect(await queued('payment_intent.succeeded')).toBe(1);
    await expect(voidPayment(db(), { paymentId: p.paymentId, idempotencyKey: 'void-0001' })).rejects.toThrow(
      /refund it instead/,
    );
    await expect(capturePayment(db(), { paymentId: p.paymentId, idempotencyKey: 'void-0001' })).rejects.toThrow(
      /already used for a void/,
    );

    const partial = await refundPayment(db(), {
      paymentId: p.paymentId,
      amountCents: 5_000,
      idempotencyKey: 'refund-0001',
    });
    expect(partial).toMatchObject({ status: 'captured', amountRefundedCents: 5_000 });
    expect(
      await refundPayment(db(), { paymentId: p.paymentId, amountCents: 5_000, idempotencyKey: 'refund-0001' }),
    ).toEqual(partial);
    await expect(
      refundPayment(db(), { paymentId: p.paymentId, amountCents: 9_000, idempotencyKey: 'refund-0002' }),
    ).rejects.toThrow(/only 7500 cents/);
    const full = await refundPayment(db(), { paymentId: p.paymentId, idempotencyKey: 'refund-0003' });
    expect(full).toMatchObject({ status: 'refunded', amountRefundedCents: 12_500 });
    await expect(refundPayment(db(), { paymentId: p.paymentId, idempotencyKey: 'refund-0004' })).rejects.toThrow(
      /already fully refunded/,
    );
    expect(await updates(p.paymentId)).toEqual(['authorized', 'captured', 'refunded']);
    const ops = await db().paymentOperation.findMany({
      where: { paymentId: p.paymentId },
      orderBy: { createdAt: 'asc' },
    });
    expect(ops.map((o) => [o.kind, o.status])).toEqual([
      ['refund', 'failed'],
      ['capture', 'succeeded'],
      ['capture', 'succeeded'],
      ['void', 'failed'],
      ['refund', 'succeeded'],
      ['refund', 'failed'],
      ['refund', 'succeeded'],
      ['refund', 'failed'],
    ]);
  });

  it('voids an authorisation once; a voided or declined payment cannot be captured', async () => {
    const p = await authorize('4242424242424242');
    const voided = await voidPayment(db(), { paymentId: p.paymentId, idempotencyKey: 'void-1000' });
    expect(voided.status).toBe('voided');
    expect(await voidPayment(db(), { paymentId: p.paymentId, idempotencyKey: 'void-1001' })).toEqual(voided);
    await expect(capturePayment(db(), { paymentId: p.paymentId, idempotencyKey: 'capture-1000' })).rejects.toThrow(
      /cannot capture a voided payment/,
    );
    const declined = await authorize('4000000000000002');
    await expect(
      capturePayment(db(), { paymentId: declined.paymentId, idempotencyKey: 'capture-1001' }),
    ).rejects.toThrow(/cannot capture a declined payment/);
    await expect(capturePayment(db(), { paymentId: 'pay_missing', idempotencyKey: 'capture-1002' })).rejects.toThrow(
      /not found/,
    );
    expect(await updates(p.paymentId)).toEqual(['authorized', 'voided']);
  });
});
