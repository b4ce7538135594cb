import { z } from 'zod';
import { send } from '@/inngest/send';
import { runInTransaction, withTx, type Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { InvalidError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { orderLineInput } from '@/server/modules/cart/cart.schema';
import { clearCart } from '@/server/modules/cart/modify-cart';
import { loadCartRow } from '@/server/modules/cart/get-cart';
import { priceLines, type LineRef } from '@/server/modules/cart/price-lines';
import { OutOfStockError } from '@/server/modules/inventory/inventory-errors';
import { holdReservations } from '@/server/modules/inventory/release-stock';
import { authorizePayment, voidPayment, type PaymentResult } from '@/server/modules/payments/payments-service';
import { redeemDiscounts } from '@/server/modules/pricing/price-cart';
import { assessCheckoutRisk, type RiskAssessment } from '@/server/modules/risk/assess-checkout-risk';
import { addressInput, emailInput, idempotencyKeyInput, paymentMethodInput, promoCodeInput, type AddressInput } from './checkout.schema';
import { getOrder, type OrderView } from './get-order';
import { orderPlacedEvent } from './order-placed-event';
import { claimKey, completeKey, dropKey, hashBody } from './idempotency';
import { cancelOrder } from './order-stock';
import { transitionOrder } from './transition-order';
import { confirmPlacedOrder, ensureLevelsAndReadAvailable, placedOrderView, reserveAndInsertOrder, reserveAndInsertOrderDirect, type NewOrder } from './place-order-statements';
import { logger } from '@/server/observability/logger';
import { publishOrderStatusChanged } from '@/server/modules/webhooks-out/publish-event';
import { stageMark } from '@/server/observability/stage-marks';

export const placeOrderInput = z.object({
  sessionKey: z.string().min(1).max(64).nullable(),
  /** Explicit lines (REST); without them the session's cart is ordered. */
  lines: z.array(orderLineInput).min(1).max(50).optional(),
  email: emailInput,
  shippingAddress: addressInput,
  billingAddress: addressInput.optional(),
  paymentMethod: paymentMethodInput,
  promoCode: promoCodeInput.nullish(),
  idempotencyKey: idempotencyKeyInput,
  ipAddress: z.string().max(64).nullable(),
  requestId: z.string().max(128).nullable(),
});
export type PlaceOrderInput = z.input<typeof placeOrderInput>;

export type RiskSummary = {
  action: RiskAssessment['action'];
  score: number | null;
  reasons: string[];
  policyVersion: string | null;
  decisionId: string | null;
  modelVersion: string | null;
  latencyMs: number;
};

export type PlaceOrderResult = {
  outcome: 'placed' | 'in_review' | 'payment_declined' | 'rejected';
  message: string;
  order: OrderView;
  risk: RiskSummary | null;
  /** True when this is the stored result of an earlier request with the same key and body. */
  replayed: boolean;
};

export type PlaceOrderDeps = { publish?: (orderId: string) => Promise<unknown> };

const SCOPE = 'orders.place';

const publishOrderPlaced = (orderId: string) => send(orderPlacedEvent(orderId));

/**
 * The placement transaction. Under a rush a shopper may queue for a pooled connection longer
 * than withTx's 10 s default before starting; a longer wait beats a spurious failure.
 */
function inTransaction<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  if ('$transaction' in db) return db.$transaction((tx) => runInTransaction(tx, () => fn(tx)), { timeout: 20_000, maxWait: 30_000 });
  return withTx(db, fn);
}

const riskAddress = (a: AddressInput) => ({ country: a.country, postalCode: a.postalCode, city: a.city, line1: a.line1 });

/** What "the same request" means for an idempotency key: the order's content, not its transport. */
export function placeOrderRequestHash(input: z.output<typeof placeOrderInput>): string {
  return hashBody({
    lines: input.lines ?? null,
    cart: input.lines ? null : input.sessionKey,
    email: input.email,
    shippingAddress: input.shippingAddress,
    billingAddress: input.billingAddress ?? null,
    paymentMethod: input.paymentMethod,
    promoCode: input.promoCode ?? null,
  });
}

/**
 * Places an order exactly once per idempotency key: claim the key (unique insert) → price the
 * lines at catalog prices → one transaction that creates the order with its lines, reserves
 * every line's stock (any short → OutOfStockError, nothing written) and redeems discounts →
 * authorise the payment (declined → cancel with compensations) → score risk (reject → void
 * and cancel; review → in_review; accept → authorized) → orders/order.placed for the
 * exception flow, which captures. A request that fails before the order exists frees its key.
 */
export async function placeOrder(db: Db, raw: PlaceOrderInput, deps: PlaceOrderDeps = {}): Promise<PlaceOrderResult> {
  const input = placeOrderInput.parse(raw);
  const fromCart = !input.lines;
  const requestHash = placeOrderRequestHash(input);
  stageMark('placeOrder: zod + body hash');
  const claim = await claimKey<PlaceOrderResult>(db, SCOPE, input.idempotencyKey, requestHash);
  stageMark('idempotency claim');
  if (claim.kind === 'replay') return { ...claim.result, replayed: true };

  let orderId: string;
  let priced: Awaited<ReturnType<typeof priceLines>>;
  let placed: NewOrder & { customerId: string; backordered?: Map<string, number> };
  try {
    let refs: LineRef[];
    let promoCode = input.promoCode || null;
    let offerId: string | null = null;
    if (input.lines) refs = input.lines;
    else {
      if (!input.sessionKey) throw new InvalidError('No shopper session: there is no cart to order');
      const cart = await loadCartRow(db, { sessionKey: input.sessionKey });
      refs = cart?.lines ?? [];
      promoCode ??= cart?.promoCode ?? null;
      // An offer attached to the cart (a recovery email's) is priced, and redeemed once, with it.
      offerId = cart?.offerId ?? null;
    }
    if (refs.length === 0) throw new InvalidError('Your cart is empty', { field: 'lines' });
    priced = await priceLines(db, { lines: refs, promoCode, email: input.email, offerId });
    stageMark('pricing (catalog, promotions)');
    if (priced.rejectedCode && input.promoCode) {
      throw new InvalidError(`promoCode: ${priced.rejectedCode.reason}`, { field: 'promoCode' });
    }
    // Fail fast without a transaction when stock is visibly short (the authoritative check
    // is still the conditional UPDATE in reserveStock): under a rush for the last units most
    // requests end here instead of queueing for the variant's row lock.
    // (One statement also creates the variants' reservation counters, outside the transaction.)
    const available = await ensureLevelsAndReadAvailable(db, priced.lines.map((l) => l.variantId));
    for (const l of priced.lines) {
      const n = available.get(l.variantId) ?? 0;
      if (n < l.quantity) throw new OutOfStockError(l.sku, l.quantity, n);
    }
    stageMark('stock pre-check');
    orderId = newId('ord');
    const now = new Date();
    placed = {
      orderId,
      sessionKey: input.sessionKey,
      email: input.email,
      currency: priced.currency,
      subtotalCents: priced.subtotalCents,
      discountCents: priced.discountCents,
      taxCents: priced.taxCents,
      shippingCents: priced.shippingCents,
      totalCents: priced.totalCents,
      discounts: priced.discounts,
      promoCode: priced.discounts.length ? promoCode : null,
      shippingAddress: input.shippingAddress,
      billingAddress: input.billingAddress ?? null,
      ipAddress: input.ipAddress,
      requestId: input.requestId,
      lines: priced.lines,
      now,
      customerId: '',
    };
    const order = placed;
    // BEGIN, one statement (reserve every line, customer, order, lines, first event), COMMIT;
    // discount redemptions join it only when there are any.
    // Without discounts, straight on a pooled connection (no Prisma: ADR 025).
    const direct = priced.discounts.length ? null : await reserveAndInsertOrderDirect(db, order);
    if (direct) Object.assign(order, direct);
    else
      await inTransaction(db, async (tx) => {
        Object.assign(order, await reserveAndInsertOrder(tx, order));
        if (priced.discounts.length) await redeemDiscounts(tx, { orderId, customerEmail: input.email, discounts: priced.discounts });
      });
    stageMark('reserve + insert order (transaction)');
  } catch (err) {
    await dropKey(db, SCOPE, input.idempotencyKey);
    throw err;
  }

  const finish = async (outcome: PlaceOrderResult['outcome'], message: string, risk: RiskSummary | null) => {
    const result: PlaceOrderResult = { outcome, message, order: await getOrder(db, orderId), risk, replayed: false };
    await completeKey(db, SCOPE, input.idempotencyKey, orderId, result);
    return result;
  };

  let payment: PaymentResult;
  try {
    payment = await authorizePayment(db, {
      orderId,
      amountCents: priced.totalCents,
      currency: priced.currency,
      paymentMethod: input.paymentMethod,
      email: input.email,
      idempotencyKey: `${orderId}:authorize`,
    });
  } catch (err) {
    logger.error({ requestId: input.requestId, orderId, err }, 'payment authorisation failed');
    await inTransaction(db, (tx) => cancelOrder(tx, orderId, { reason: 'payment authorisation failed', actor: 'system' }));
    return finish('payment_declined', 'The payment could not be processed. You have not been charged.', null);
  }
  const paymentFields = { paymentId: payment.paymentId, paymentStatus: payment.status, cardLast4: payment.last4, cardBrand: payment.brand };
  if (payment.status !== 'authorized') {
    await db.order.update({ where: { id: orderId }, data: paymentFields });
    await inTransaction(db, (tx) =>
      cancelOrder(tx, orderId, { reason: `payment ${payment.status}${payment.declineCode ? `: ${payment.declineCode}` : ''}`, actor: 'system' }),
    );
    return finish('payment_declined', payment.message ?? 'Your card was declined. Try another card.', null);
  }

  stageMark('payment authorisation');
  const startedAt = performance.now();
  let assessment: RiskAssessment;
  try {
    assessment = await assessCheckoutRisk(
      db,
      {
        orderId,
        email: input.email,
        ipAddress: input.ipAddress,
        cardFingerprint: payment.cardFingerprint,
        totalCents: priced.totalCents,
        currency: priced.currency,
        lines: priced.lines.map((l) => ({
          productId: l.productId,
          variantId: l.variantId,
          categoryPath: l.categoryPath,
          quantity: l.quantity,
          unitPriceCents: l.unitPriceCents,
        })),
        shippingAddress: riskAddress(input.shippingAddress),
        billingAddress: input.billingAddress ? riskAddress(input.billingAddress) : null,
        placedAt: new Date(),
        sessionKey: input.sessionKey,
      },
      { requestId: input.requestId },
    );
  } catch (err) {
    // Safe default: a person looks at it rather than accepting or refusing blind.
    logger.error({ requestId: input.requestId, orderId, err }, 'risk assessment failed');
    assessment = { action: 'review', score: null, reasons: ['Risk scoring was unavailable'], policyVersion: null, decision: null };
  }
  const risk: RiskSummary = {
    action: assessment.action,
    score: assessment.score,
    reasons: assessment.reasons,
    policyVersion: assessment.policyVersion,
    decisionId: assessment.decision?.decisionId ?? null,
    modelVersion: assessment.decision?.modelVersion ?? null,
    latencyMs: Math.round((assessment.decision?.latencyMs ?? performance.now() - startedAt) * 100) / 100,
  };
  const riskFields = {
      riskAction: risk.action,
      riskScore: risk.score,
      riskReasons: risk.reasons,
      riskPolicyVersion: risk.policyVersion,
      riskDecisionId: risk.decisionId,
      riskModelVersion: risk.modelVersion,
      riskLatencyMs: risk.latencyMs,
  };

  if (risk.action === 'reject') {
    await db.order.update({ where: { id: orderId }, data: { ...paymentFields, ...riskFields } });
    try {
      await voidPayment(db, { paymentId: payment.paymentId, idempotencyKey: `${orderId}:void` });
    } catch (err) {
      logger.error({ requestId: input.requestId, orderId, err }, 'void after risk rejection failed');
    }
    await inTransaction(db, (tx) => cancelOrder(tx, orderId, { reason: `risk rejected${risk.reasons.length ? `: ${risk.reasons.join('; ')}` : ''}`, actor: 'risk' }));
    return finish('rejected', 'We could not accept this order. Your card has not been charged.', risk);
  }
  const to = risk.action === 'review' ? 'in_review' : 'authorized';
  const reason = risk.action === 'review' ? `risk review${risk.reasons.length ? `: ${risk.reasons.join('; ')}` : ''}` : 'payment authorised, risk accepted';
  const outcome = risk.action === 'review' ? 'in_review' : 'placed';
  const message = risk.action === 'review' ? 'Thank you! Your order is being reviewed; we will email you shortly.' : 'Thank you! Your order is confirmed.';
  // One statement: payment and risk facts, the status change and its event, the hold and the
  // idempotency key's result (the order as it now is, built from what was written).
  const confirmation = {
    orderId,
    to,
    reason,
    now: new Date(),
    paymentFields: { ...paymentFields, paymentStatus: payment.status },
    riskFields: { ...riskFields, riskAction: risk.action },
  } as const;
  const result: PlaceOrderResult = { outcome, message, order: placedOrderView(placed, confirmation), risk, replayed: false };
  const confirmed = await confirmPlacedOrder(db, { ...confirmation, idempotency: { scope: SCOPE, key: input.idempotencyKey, result } });
  stageMark('confirm order (one statement)');
  if (confirmed) {
    // The one-statement confirmation bypasses transitionOrder, so it announces the status
    // change to merchant webhooks itself (after commit; the event id dedupes a repeat).
    try {
      await publishOrderStatusChanged(db, { orderId, from: 'pending_payment', to, reason, at: confirmation.now });
    } catch (err) {
      logger.error({ requestId: input.requestId, orderId, err }, 'order status webhook not queued');
    }
    stageMark('webhook announcement');
  }
  if (!confirmed) {
    // No longer pending (a concurrent expiry cancelled it): the validated path says why.
    await inTransaction(db, async (tx) => {
      await tx.order.update({ where: { id: orderId }, data: { ...paymentFields, ...riskFields } });
      await transitionOrder(tx, orderId, to, { reason, actor: 'risk' });
      await holdReservations(tx, orderId);
    });
  }
  if (fromCart && input.sessionKey) await clearCart(db, input.sessionKey);
  try {
    await (deps.publish ?? publishOrderPlaced)(orderId);
  } catch (err) {
    logger.error({ requestId: input.requestId, orderId, err }, 'orders/order.placed not sent');
  }
  stageMark('orders/order.placed event');
  if (!confirmed) return finish(outcome, message, risk);
  return result;
}
