// The authorisation's hot statements: the claim returns the first row for a key, and the
// provider's answer only moves the status forward, as advancePayment does (a webhook that got
// there first keeps its status; a refusal records its code and message).
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { advancePayment } from './advance-payment';
import { claimPayment, recordAuthorization } from './authorize-statements';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let n = 0;
const claim = (over: Partial<Parameters<typeof claimPayment>[1]> = {}) => {
  n++;
  return claimPayment(db(), {
    id: `pay_stmt_${n}`,
    orderId: `ord_stmt_${n}`,
    provider: 'local',
    idempotencyKey: `stmt-key-${n}`,
    requestHash: 'h1',
    amountCents: 4_200,
    currency: 'USD',
    ...over,
  });
};
const card = { fingerprint: 'fp_1', last4: '4242', brand: 'visa' };

describe('authorisation statements', () => {
  it('claims a pending payment once per key: a repeat returns the first row, whatever it sent', async () => {
    const first = await claim();
    expect(first).toMatchObject({ id: `pay_stmt_${n}`, status: 'pending', amountCents: 4_200, amountCapturedCents: 0, requestHash: 'h1', providerPaymentId: null });
    const again = await claimPayment(db(), { ...first, idempotencyKey: `stmt-key-${n}`, id: 'pay_other', requestHash: 'h2', currency: 'USD' });
    expect(again.id).toBe(first.id);
    expect(again.requestHash).toBe('h1');
    expect(await db().payment.count({ where: { idempotencyKey: `stmt-key-${n}` } })).toBe(1);
  });

  it('records an authorisation: provider id, card, status and authorized_at in one go', async () => {
    const p = await claim();
    const after = await recordAuthorization(db(), p.id, { status: 'authorized', providerPaymentId: 'lpi_1', declineCode: null, message: null, ...card });
    expect(after).toMatchObject({ status: 'authorized', providerPaymentId: 'lpi_1', last4: '4242', brand: 'visa', fingerprint: 'fp_1', declineCode: null });
    const row = await db().payment.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.authorizedAt).toBeInstanceOf(Date);
  });

  it('a webhook that already moved the payment on keeps its status; the card details still land', async () => {
    const p = await claim();
    expect(await advancePayment(db(), p.id, { to: 'captured', amountCapturedCents: 4_200 })).toBe(true);
    const authorizedAt = (await db().payment.findUniqueOrThrow({ where: { id: p.id } })).authorizedAt;
    const after = await recordAuthorization(db(), p.id, { status: 'authorized', providerPaymentId: 'lpi_2', declineCode: null, message: null, ...card });
    expect(after).toMatchObject({ status: 'captured', amountCapturedCents: 4_200, last4: '4242', providerPaymentId: 'lpi_2' });
    expect((await db().payment.findUniqueOrThrow({ where: { id: p.id } })).authorizedAt).toEqual(authorizedAt);
  });

  it('keeps a provider id already stored, and records a refusal with its code and message', async () => {
    const p = await claim();
    await db().payment.update({ where: { id: p.id }, data: { providerPaymentId: 'lpi_first' } });
    const after = await recordAuthorization(db(), p.id, { status: 'declined', providerPaymentId: 'lpi_second', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.', ...card });
    expect(after).toMatchObject({ status: 'declined', providerPaymentId: 'lpi_first', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' });
    expect((await db().payment.findUniqueOrThrow({ where: { id: p.id } })).authorizedAt).toBeNull();
    // Declined is terminal: a late "authorized" changes nothing.
    const late = await recordAuthorization(db(), p.id, { status: 'authorized', providerPaymentId: null, declineCode: null, message: null, ...card });
    expect(late).toMatchObject({ status: 'declined', declineCode: 'insufficient_funds' });
  });
});
