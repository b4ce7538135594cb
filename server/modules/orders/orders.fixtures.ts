// Test data for refunds: a paid order whose payment the local provider captured and whose
// stock is committed, written directly (what placeOrder + capture leave behind), so refund
// tests do not depend on risk scoring.
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { makeVariant } from '@/server/modules/checkout/checkout.fixtures';

export type PaidLine = { priceCents: number; quantity: number; stock: number };

export async function makePaidOrder(
  db: Db,
  opts: { lines: PaidLine[]; shippingCents?: number; discountCents?: number; taxCents?: number; status?: 'paid' | 'fulfilled' },
) {
  const orderId = newId('ord');
  const paymentId = newId('pay');
  const variants = [];
  for (const l of opts.lines) variants.push({ ...(await makeVariant(db, { stock: l.stock - l.quantity, priceCents: l.priceCents })), ...l });
  const subtotal = variants.reduce((n, v) => n + v.priceCents * v.quantity, 0);
  const shipping = opts.shippingCents ?? 0;
  const discount = opts.discountCents ?? 0;
  const tax = opts.taxCents ?? 0;
  const total = subtotal - discount + tax + shipping;
  const email = `buyer-${orderId.slice(-6).toLowerCase()}@example.com`;
  const customerId = newId('cus');
  await db.customer.create({ data: { id: customerId, email } });
  await db.order.create({
    data: {
      id: orderId,
      customerId,
      email,
      status: opts.status ?? 'paid',
      subtotalCents: subtotal,
      discountCents: discount,
      taxCents: tax,
      shippingCents: shipping,
      totalCents: total,
      shippingAddress: { name: 'Ada Lovelace', line1: '12 Market Street', city: 'San Francisco', postalCode: '94105', country: 'US' },
      paymentId,
      paymentStatus: 'captured',
      paidAt: new Date(),
      lines: {
        create: variants.map((v) => ({
          id: newId('oln'),
          variantId: v.variantId,
          productId: v.productId,
          sku: v.sku,
          title: `Test ${v.sku}`,
          unitPriceCents: v.priceCents,
          quantity: v.quantity,
          lineTotalCents: v.priceCents * v.quantity,
        })),
      },
    },
  });
  await db.payment.create({
    data: {
      id: paymentId,
      orderId,
      provider: 'local',
      providerPaymentId: `lpi_${paymentId.slice(-20).toLowerCase()}`,
      idempotencyKey: `fixture-${paymentId}`,
      requestHash: 'fixture',
      amountCents: total,
      currency: 'usd',
      status: 'captured',
      amountCapturedCents: total,
      authorizedAt: new Date(),
      capturedAt: new Date(),
    },
  });
  // The capture committed the units: they left stock_on_hand (makeVariant got stock − quantity).
  for (const v of variants)
    await db.inventoryReservation.create({
      data: { id: newId('res'), orderId, variantId: v.variantId, quantity: v.quantity, status: 'committed', committedAt: new Date() },
    });
  return { orderId, paymentId, totalCents: total, email, variants };
}

/**
 * An order the risk policy refused: cancelled, its authorisation voided, its reservations
 * released (what placeOrder leaves after a REJECT), with a session the shopper can read it by.
 */
export async function makeRejectedOrder(db: Db, opts: { stock: number; quantity: number; priceCents?: number }) {
  const orderId = newId('ord');
  const v = await makeVariant(db, { stock: opts.stock, priceCents: opts.priceCents ?? 2_500 });
  const total = (opts.priceCents ?? 2_500) * opts.quantity;
  const email = `appeal-${orderId.slice(-6).toLowerCase()}@example.com`;
  const customerId = newId('cus');
  const sessionKey = `sess-${orderId.slice(-10)}`;
  const oldPayment = newId('pay');
  await db.customer.create({ data: { id: customerId, email } });
  await db.order.create({
    data: {
      id: orderId,
      sessionKey,
      customerId,
      email,
      status: 'cancelled',
      subtotalCents: total,
      discountCents: 0,
      taxCents: 0,
      shippingCents: 0,
      totalCents: total,
      shippingAddress: { name: 'Ada Lovelace', line1: '12 Market Street', city: 'San Francisco', postalCode: '94105', country: 'US' },
      paymentId: oldPayment,
      paymentStatus: 'voided',
      riskAction: 'reject',
      riskScore: 91,
      riskReasons: ['Score 91 is at or above the reject threshold 85'],
      cancelledAt: new Date(),
      lines: {
        create: [{ id: newId('oln'), variantId: v.variantId, productId: v.productId, sku: v.sku, title: `Test ${v.sku}`, unitPriceCents: opts.priceCents ?? 2_500, quantity: opts.quantity, lineTotalCents: total }],
      },
    },
  });
  await db.inventoryLevel.create({ data: { variantId: v.variantId, reserved: 0 } });
  await db.inventoryReservation.create({
    data: { id: newId('res'), orderId, variantId: v.variantId, quantity: opts.quantity, status: 'released', releasedAt: new Date() },
  });
  return { orderId, email, sessionKey, oldPaymentId: oldPayment, ...v };
}
