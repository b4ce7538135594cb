// Partial refunds of a paid order (Stripe/Shopify behaviour): any amount up to what is left,
// by cents or by lines + quantities (their share of what the shopper paid), optionally with
// shipping and restocking the units. Three short steps, never a transaction around the
// provider call:
//   1. under the order's row lock: validate against what is left and insert the refund as
//      `pending` — pending rows count as spent, so concurrent refunds can never add up to more
//      than was captured;
//   2. refund through the payments service (provider seam, idempotent by the refund's id);
//   3. under the lock again: mark it succeeded, restock, record the order event, the audit
//      row and the outbound `order.refunded` webhook; the order becomes `refunded` only when
//      nothing is left.
// The caller's idempotency key makes repeats return the first refund.
import { createHash } from 'node:crypto';
import { withTx, type Db } from '@/server/db/client';
import type { OrderRefund } from '@/server/db/generated/client';
import { ConflictError, DomainError, InvalidError, NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { formatMoney } from '@/server/lib/money';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { lockOrder, transitionOrder } from '@/server/modules/checkout/transition-order';
import { restockUnits } from '@/server/modules/inventory/restock-units';
import { getPayment, refundPayment } from '@/server/modules/payments/payments-service';
import { refundedOutsideCents } from '@/server/modules/payments/refunded-outside';
import { publishWebhookEvent } from '@/server/modules/webhooks-out/publish-event';
import { refundOrderInput, type RefundLine, type RefundOrderInput } from './refunds.schema';

export type RefundView = {
  id: string;
  orderId: string;
  amountCents: number;
  shippingCents: number;
  reason: string;
  lines: RefundLine[];
  restock: boolean;
  restockedUnits: number;
  actor: string;
  status: 'pending' | 'succeeded' | 'failed';
  providerRefundId: string | null;
  error: string | null;
  remainingCents: number | null;
  createdAt: string;
  completedAt: string | null;
};

export type RefundResult = { refund: RefundView; replayed: boolean };

/** The payments service's idempotency key of a ledger refund is this + the refund id. */
const REFUND_KEY_PREFIX = 'order-refund:';

/** Only these can be refunded: the money was captured. */
const REFUNDABLE = ['paid', 'fulfilled'];

export function toRefundView(r: OrderRefund): RefundView {
  return {
    id: r.id,
    orderId: r.orderId,
    amountCents: r.amountCents,
    shippingCents: r.shippingCents,
    reason: r.reason,
    lines: r.lines as RefundLine[],
    restock: r.restock,
    restockedUnits: r.restockedUnits,
    actor: r.actor,
    status: r.status as RefundView['status'],
    providerRefundId: r.providerRefundId,
    error: r.error,
    remainingCents: r.remainingCents,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
  };
}

/**
 * Refunds part (or the rest) of a paid order. `actor` is the staff email or the API key id.
 * Call with the client, not inside a transaction: the provider is called between commits.
 */
export async function refundOrder(db: Db, actor: string, raw: RefundOrderInput): Promise<RefundResult> {
  const input = refundOrderInput.parse(raw);
  const requestHash = createHash('sha256')
    .update(JSON.stringify([input.orderId, input.refund.amountCents ?? null, input.refund.lines, input.refund.restock, input.refund.refundShipping, input.refund.reason]))
    .digest('hex');

  // 1. Reserve the amount under the order lock.
  const reserved = await withTx(db, async (tx) => {
    const status = await lockOrder(tx, input.orderId);
    const existing = await tx.orderRefund.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
    if (existing) {
      if (existing.orderId !== input.orderId || existing.requestHash !== requestHash)
        throw new ConflictError('Idempotency-Key was already used for a different refund', { field: 'idempotencyKey' });
      return { row: existing, replayed: true };
    }
    if (!REFUNDABLE.includes(status)) {
      const why = status === 'refunded' ? 'it is already fully refunded' : `it is ${status.replace('_', ' ')}; only paid or fulfilled orders can be refunded`;
      throw new ConflictError(`Order ${input.orderId} cannot be refunded: ${why}`, { field: 'orderId', status });
    }
    const order = await tx.order.findUniqueOrThrow({
      where: { id: input.orderId },
      select: {
        paymentId: true,
        currency: true,
        subtotalCents: true,
        shippingCents: true,
        totalCents: true,
        lines: { select: { variantId: true, sku: true, unitPriceCents: true, quantity: true } },
      },
    });
    if (!order.paymentId) throw new ConflictError(`Order ${input.orderId} has no payment to refund`, { field: 'orderId' });
    const payment = await getPayment(tx, order.paymentId);
    const captured = payment.amountCapturedCents || payment.amountCents || 0;
    const earlier = await tx.orderRefund.findMany({
      where: { orderId: input.orderId, status: { in: ['pending', 'succeeded'] } },
      select: { status: true, amountCents: true, shippingCents: true, lines: true, restock: true },
    });
    const pendingCents = earlier.filter((r) => r.status === 'pending').reduce((n, r) => n + r.amountCents, 0);
    // Refunds made outside this ledger (the exception flow's apology) are in the payment's total.
    const remaining = captured - (payment.amountRefundedCents ?? 0) - pendingCents;

    const refundedQty = new Map<string, number>();
    for (const r of earlier) for (const l of r.lines as RefundLine[]) refundedQty.set(l.variantId, (refundedQty.get(l.variantId) ?? 0) + l.quantity);
    // Goods' share of what was paid: discount and tax spread over lines by their subtotal,
    // net of money given back outside this ledger (a held order's apology is a discount
    // after the fact), so refunding every line never asks for more than the shopper paid.
    const goodsCents = Math.max(0, order.totalCents - order.shippingCents - (await refundedOutsideCents(tx, order.paymentId, REFUND_KEY_PREFIX)));
    const lines: RefundLine[] = input.refund.lines.map((l, i) => {
      const line = order.lines.find((ol) => ol.variantId === l.variantId);
      if (!line) throw new InvalidError(`lines.${i}.variantId: ${l.variantId} is not on this order`, { field: `lines.${i}.variantId` });
      const left = line.quantity - (refundedQty.get(l.variantId) ?? 0);
      if (l.quantity > left)
        throw new InvalidError(`lines.${i}.quantity: only ${left} of ${line.sku} left to refund`, { field: `lines.${i}.quantity`, left });
      const amountCents = order.subtotalCents > 0 ? Math.round((goodsCents * line.unitPriceCents * l.quantity) / order.subtotalCents) : 0;
      return { variantId: l.variantId, sku: line.sku, quantity: l.quantity, amountCents };
    });
    let shippingCents = 0;
    if (input.refund.refundShipping) {
      if (earlier.some((r) => r.shippingCents > 0)) throw new InvalidError('refundShipping: shipping was already refunded', { field: 'refundShipping' });
      shippingCents = order.shippingCents;
    }
    const computed = lines.reduce((n, l) => n + l.amountCents, 0) + shippingCents;
    // The last units of an order take what is left, so rounding never strands a cent.
    const amountCents = input.refund.amountCents ?? (computed > remaining && computed - remaining <= lines.length ? remaining : computed);
    const field = input.refund.amountCents !== undefined ? 'amountCents' : lines.length > 0 ? 'lines' : 'refundShipping';
    if (remaining <= 0) throw new InvalidError(`${field}: nothing is left to refund on this order`, { field, remainingCents: 0 });
    if (amountCents <= 0) throw new InvalidError(`${field}: the refund amount must be more than 0`, { field });
    if (amountCents > remaining)
      throw new InvalidError(`${field}: ${formatMoney(amountCents, order.currency)} is more than the ${formatMoney(remaining, order.currency)} left to refund`, {
        field,
        remainingCents: remaining,
      });
    const row = await tx.orderRefund.create({
      data: {
        id: newId('rfd'),
        orderId: input.orderId,
        paymentId: order.paymentId,
        idempotencyKey: input.idempotencyKey,
        requestHash,
        amountCents,
        shippingCents: Math.min(shippingCents, amountCents),
        reason: input.refund.reason,
        lines,
        restock: input.refund.restock,
        actor,
      },
    });
    return { row, replayed: false };
  });
  if (reserved.row.status !== 'pending') return { refund: toRefundView(reserved.row), replayed: true };

  // 2. The provider (repeats of a pending refund resume here with the same provider key).
  let providerRefundId: string | null = null;
  try {
    const r = await refundPayment(db, { paymentId: reserved.row.paymentId, amountCents: reserved.row.amountCents, idempotencyKey: `${REFUND_KEY_PREFIX}${reserved.row.id}` });
    providerRefundId = r.operationRef ?? null;
  } catch (err) {
    // A refusal (already refunded elsewhere, not captured) frees the amount; the same key
    // then returns this failed refund. A provider outage also fails it: staff try again.
    await db.orderRefund.updateMany({
      where: { id: reserved.row.id, status: 'pending' },
      data: { status: 'failed', error: err instanceof Error ? err.message.slice(0, 500) : String(err), completedAt: new Date() },
    });
    if (err instanceof DomainError) throw err;
    throw new ConflictError(`The payment provider did not refund: ${err instanceof Error ? err.message : String(err)}`, { field: 'amountCents' });
  }

  // 3. Record it.
  const done = await completeRefund(db, reserved.row.id, providerRefundId);
  return { refund: done, replayed: reserved.replayed };
}

async function completeRefund(db: Db, refundId: string, providerRefundId: string | null): Promise<RefundView> {
  return withTx(db, async (tx) => {
    const pre = await tx.orderRefund.findUniqueOrThrow({ where: { id: refundId }, select: { orderId: true } });
    const status = await lockOrder(tx, pre.orderId);
    const row = await tx.orderRefund.findUniqueOrThrow({ where: { id: refundId } });
    if (row.status !== 'pending') return toRefundView(row);
    const lines = row.lines as RefundLine[];
    const restocked = row.restock ? await restockUnits(tx, row.orderId, lines) : new Map<string, number>();
    const restockedUnits = [...restocked.values()].reduce((n, q) => n + q, 0);
    const payment = await getPayment(tx, row.paymentId);
    const captured = payment.amountCapturedCents || payment.amountCents || 0;
    const remainingCents = Math.max(0, captured - (payment.amountRefundedCents ?? 0));
    const now = new Date();
    const updated = await tx.orderRefund.update({
      where: { id: row.id },
      data: { status: 'succeeded', providerRefundId, restockedUnits, remainingCents, completedAt: now },
    });
    const order = await tx.order.findUniqueOrThrow({ where: { id: row.orderId }, select: { currency: true } });
    const money = (c: number) => formatMoney(c, order.currency);
    const full = remainingCents === 0;
    const summary = `${money(row.amountCents)} refunded, ${money(remainingCents)} left${restockedUnits ? `, ${restockedUnits} units restocked` : ''}${row.reason ? ` — ${row.reason}` : ''}`;
    // Merchant systems hear every refund with its amount and what is left. The full refund's
    // event takes the id the status change would use, so they hear it once, with amounts.
    await publishWebhookEvent(tx, {
      id: full ? `evt_order_${row.orderId}_refunded` : `evt_refund_${row.id}`,
      type: 'order.refunded',
      data: {
        orderId: row.orderId,
        refundId: row.id,
        amountCents: row.amountCents,
        refundedCents: captured - remainingCents,
        remainingCents,
        currency: order.currency,
        full,
        lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, amountCents: l.amountCents })),
        restockedUnits,
        at: now.toISOString(),
      },
    });
    if (full && REFUNDABLE.includes(status)) {
      await transitionOrder(tx, row.orderId, 'refunded', { reason: `order.refunded: ${summary}`, actor: row.actor });
    } else {
      // A partial refund leaves the status where it is (and a full one whose payment event
      // moved the order first finds it refunded already); the timeline still records it.
      await tx.orderEvent.create({
        data: { id: newId('oev'), orderId: row.orderId, fromStatus: status, toStatus: status, reason: `${full ? 'order.refunded' : 'order.refunded_partially'}: ${summary}`, actor: row.actor, createdAt: now },
      });
    }
    await recordAudit(tx, {
      actor: row.actor,
      action: full ? 'order.refunded' : 'order.refunded_partially',
      entity: 'order',
      entityId: row.orderId,
      after: { refundId: row.id, amountCents: row.amountCents, remainingCents, restockedUnits, lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) },
      reason: row.reason || undefined,
    });
    return toRefundView(updated);
  });
}

export type OrderRefundSummary = {
  orderId: string;
  currency: string;
  capturedCents: number;
  refundedCents: number;
  pendingCents: number;
  remainingCents: number;
  shippingCents: number;
  shippingRefunded: boolean;
  lines: { variantId: string; sku: string; title: string; quantity: number; refundedQuantity: number; unitPriceCents: number }[];
  refunds: RefundView[];
};

/** The order's refunds, newest first, with refunded and remaining totals (console and order page). */
export async function orderRefunds(db: Db, orderId: string): Promise<OrderRefundSummary> {
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: {
      currency: true,
      paymentId: true,
      shippingCents: true,
      lines: { select: { variantId: true, sku: true, title: true, quantity: true, unitPriceCents: true }, orderBy: { sku: 'asc' } },
    },
  });
  if (!order) throw new NotFoundError('order', orderId);
  const rows = await db.orderRefund.findMany({ where: { orderId }, orderBy: { createdAt: 'desc' } });
  const payment = order.paymentId ? await getPayment(db, order.paymentId).catch(() => null) : null;
  const captured = payment && (payment.status === 'captured' || payment.status === 'refunded') ? payment.amountCapturedCents || payment.amountCents || 0 : 0;
  const refunded = payment?.amountRefundedCents ?? 0;
  const pendingCents = rows.filter((r) => r.status === 'pending').reduce((n, r) => n + r.amountCents, 0);
  const live = rows.filter((r) => r.status !== 'failed');
  const refundedQty = new Map<string, number>();
  for (const r of live) for (const l of r.lines as RefundLine[]) refundedQty.set(l.variantId, (refundedQty.get(l.variantId) ?? 0) + l.quantity);
  return {
    orderId,
    currency: order.currency,
    capturedCents: captured,
    refundedCents: captured ? refunded : 0,
    pendingCents,
    remainingCents: Math.max(0, captured - refunded - pendingCents),
    shippingCents: order.shippingCents,
    shippingRefunded: live.some((r) => r.shippingCents > 0),
    lines: order.lines.map((l) => ({ ...l, refundedQuantity: refundedQty.get(l.variantId) ?? 0 })),
    refunds: rows.map(toRefundView),
  };
}
