// The order placement's writes as few statements as possible (issue #7, checkout latency):
// reserving every line, the customer, the order with its lines and first event go to Postgres
// as one statement inside one short transaction; the final authorised/in-review transition,
// the reservation hold and the idempotency key's result go as one statement without a
// transaction. place-order.ts keeps the orchestration; the behaviour is the same as the
// step-by-step versions (reserve-stock.ts, transition-order.ts, idempotency.ts), which the
// other paths keep using.
import type { Db } from '@/server/db/client';
import { hasHotPool, hotQuery, hotSql, hotStatement, type HotStatement } from '@/server/db/hot-sql';
import { newId } from '@/server/lib/ids';
import type { PricedLine } from '@/server/modules/cart/price-lines';
import { availableStock } from '@/server/modules/inventory/available-stock';
import { reservationTtlMs } from '@/server/modules/inventory/inventory-config';
import { OutOfStockError } from '@/server/modules/inventory/inventory-errors';
import { sealAddress, sealEmail } from '@/server/modules/privacy/contact-fields';
import type { DiscountLine } from '@/server/modules/pricing/price-cart';
import type { AddressInput } from './checkout.schema';
import type { OrderView } from './get-order';
import { sealResult } from './idempotency';

/**
 * Fail-fast stock read and the inventory counter rows in one statement: the counter rows are
 * created (autocommit, outside the placement transaction, so concurrent first orders of a
 * variant do not queue on each other's uncommitted insert) and the available units returned.
 * Missing counters count as 0 reserved, so the answer is the same as availableStock's.
 */
export async function ensureLevelsAndReadAvailable(db: Db, variantIds: string[]): Promise<Map<string, number>> {
  const rows = await hotQuery<{ id: string; available: number; backorder: boolean }>(db, hotSql`
    WITH ins AS (
      INSERT INTO inventory_levels (variant_id, reserved, updated_at)
      SELECT id, 0, now() FROM unnest(${variantIds}::text[]) AS id
      ON CONFLICT (variant_id) DO NOTHING
    )
    SELECT v.id, (v.stock_on_hand - COALESCE(l.reserved, 0))::int AS available,
           COALESCE((SELECT b.allow_backorder FROM product_backorders b WHERE b.product_id = v.product_id), false) AS backorder
    FROM product_variants v LEFT JOIN inventory_levels l ON l.variant_id = v.id
    WHERE v.id = ANY(${variantIds}::text[])`);
  // A product that takes back-orders is never short.
  return new Map(rows.map((r) => [r.id, r.backorder ? Number.MAX_SAFE_INTEGER : Math.max(0, r.available)]));
}

export type NewOrder = {
  orderId: string;
  sessionKey: string | null;
  email: string;
  currency: string;
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  shippingCents: number;
  totalCents: number;
  discounts: DiscountLine[];
  promoCode: string | null;
  shippingAddress: AddressInput;
  billingAddress: AddressInput | null;
  ipAddress: string | null;
  requestId: string | null;
  lines: PricedLine[];
  now: Date;
};

export const lineTitle = (l: Pick<PricedLine, 'title' | 'variantTitle'>) =>
  l.variantTitle && l.variantTitle !== 'Default' ? `${l.title} (${l.variantTitle})` : l.title;

/**
 * Inside the caller's transaction, in one statement: lock the variants (in id order, so two
 * orders sharing variants cannot deadlock), raise each line's reserved counter only while
 * stock − reserved still covers it (the conditional UPDATE re-reads the counter a concurrent
 * order just committed), record the reservations, upsert the customer and insert the order
 * with its lines and first event. Any line short → OutOfStockError; the caller's rollback
 * undoes the lines already reserved. Returns the customer id.
 */
type PlacementRow = { reserved: number; customer_id: string | null; backordered_variants: string[]; backordered_quantities: number[] };

/** What the placement wrote beyond the order itself: the customer and each back-ordered line's units. */
export type Placement = { customerId: string; backordered: Map<string, number> };

const placement = (row: PlacementRow & { customer_id: string }): Placement => ({
  customerId: row.customer_id,
  backordered: new Map(row.backordered_variants.map((v, i) => [v, Number(row.backordered_quantities[i])])),
});

export async function reserveAndInsertOrder(tx: Db, o: NewOrder): Promise<Placement> {
  const { statement, byVariant } = reserveAndInsertStatement(o);
  const rows = await hotQuery<PlacementRow>(tx, statement);
  const row = rows[0]!;
  if (row.reserved < byVariant.length || !row.customer_id) throw await outOfStock(tx, byVariant);
  return placement({ ...row, customer_id: row.customer_id });
}

/**
 * reserveAndInsertOrder as one statement on its own (autocommit) on the client's pg pool,
 * without Prisma or BEGIN/COMMIT round trips (ADR 037): when a line is short the statement
 * raises an error itself, so Postgres rolls back every line it had already reserved, exactly
 * as the explicit transaction's ROLLBACK did. Null when `db` has no pool of its own (a
 * transaction client): the caller then uses reserveAndInsertOrder inside a Prisma transaction.
 */
export async function reserveAndInsertOrderDirect(db: Db, o: NewOrder): Promise<Placement | null> {
  if (!hasHotPool(db)) return null;
  const { statement, byVariant } = reserveAndInsertStatement(o, { raiseWhenShort: true });
  try {
    const row = (await hotQuery<PlacementRow>(db, statement))[0]!;
    return placement({ ...row, customer_id: row.customer_id! });
  } catch (err) {
    if (isShortRaise(err)) throw await outOfStock(db, byVariant);
    throw err;
  }
}

/** The statement's own "a line is short" error: a cast of a marked text to int (22P02). */
const SHORT_MARK = 'placement: a line is short';
const isShortRaise = (err: unknown) =>
  (err as { code?: string }).code === '22P02' && String((err as { message?: string }).message).includes(SHORT_MARK);

/** Which line was short (for the shopper's message): the first one still not covered. */
async function outOfStock(db: Db, byVariant: PricedLine[]): Promise<OutOfStockError> {
  const available = await availableStock(db, byVariant.map((l) => l.variantId));
  const short = byVariant.find((l) => (available.get(l.variantId) ?? 0) < l.quantity) ?? byVariant[0]!;
  return new OutOfStockError(short.sku, short.quantity, available.get(short.variantId) ?? 0);
}

function reserveAndInsertStatement(o: NewOrder, opts: { raiseWhenShort?: boolean } = {}): { statement: HotStatement; byVariant: PricedLine[] } {
  const expiresAt = new Date(o.now.getTime() + reservationTtlMs());
  const byVariant = [...o.lines].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
  const variantIds = byVariant.map((l) => l.variantId);
  const quantities = byVariant.map((l) => l.quantity);
  const reservationIds = byVariant.map(() => newId('res'));
  const json = (v: unknown) => JSON.stringify(v);
  // Contact data is written encrypted, with the email's blind index for lookups (ADR 027).
  const sealed = { ...sealEmail(o.email), shippingAddress: sealAddress(o.shippingAddress), billingAddress: o.billingAddress ? sealAddress(o.billingAddress) : null };
  const statement = hotSql`
    WITH req AS (
      SELECT * FROM unnest(${variantIds}::text[], ${quantities}::int[], ${reservationIds}::text[]) AS r(variant_id, quantity, reservation_id)
    ),
    v AS (
      SELECT id, stock_on_hand,
             COALESCE((SELECT b.allow_backorder FROM product_backorders b WHERE b.product_id = pv.product_id), false) AS backorder
      FROM product_variants pv WHERE id = ANY(${variantIds}::text[]) ORDER BY id FOR NO KEY UPDATE
    ),
    upd AS (
      UPDATE inventory_levels l SET reserved = l.reserved + req.quantity, updated_at = now()
      FROM v JOIN req ON req.variant_id = v.id
      WHERE l.variant_id = v.id AND (v.stock_on_hand - l.reserved >= req.quantity OR v.backorder)
      -- l.reserved is the new count here: the units beyond stock are this line's back-order.
      RETURNING l.variant_id, req.quantity, req.reservation_id,
                LEAST(req.quantity, GREATEST(0, l.reserved - v.stock_on_hand))::int AS backordered
    ),
    res AS (
      INSERT INTO inventory_reservations (id, order_id, variant_id, quantity, status, expires_at, created_at)
      SELECT reservation_id, ${o.orderId}, variant_id, quantity, 'active', ${expiresAt}, ${o.now} FROM upd
    ),
    cust AS (
      INSERT INTO customers (id, email, email_hash, created_at, updated_at) VALUES (${newId('cus')}, ${sealed.email}, ${sealed.emailHash}, now(), now())
      ON CONFLICT (email_hash) DO UPDATE SET updated_at = now()
      RETURNING id
    ),
    ord AS (
      INSERT INTO orders (id, session_key, customer_id, email, email_hash, status, currency, subtotal_cents, discount_cents, tax_cents,
                          shipping_cents, total_cents, discounts, promo_code, shipping_address, billing_address, ip_address,
                          request_id, created_at, updated_at)
      SELECT ${o.orderId}, ${o.sessionKey}, cust.id, ${sealed.email}, ${sealed.emailHash}, 'pending_payment'::order_status, ${o.currency},
             ${o.subtotalCents}::int, ${o.discountCents}::int, ${o.taxCents}::int, ${o.shippingCents}::int, ${o.totalCents}::int,
             ${json(o.discounts)}::jsonb, ${o.promoCode}, ${json(sealed.shippingAddress)}::jsonb,
             ${sealed.billingAddress ? json(sealed.billingAddress) : null}::jsonb, ${o.ipAddress}, ${o.requestId}, ${o.now}, ${o.now}
      FROM cust
      WHERE (SELECT count(*) FROM upd) = ${byVariant.length}::int
      RETURNING id, customer_id
    ),
    lines AS (
      INSERT INTO order_lines (id, order_id, variant_id, product_id, sku, title, unit_price_cents, quantity, line_total_cents)
      SELECT x.id, ord.id, x.variant_id, x.product_id, x.sku, x.title, x.unit_price_cents, x.quantity, x.line_total_cents
      FROM ord, unnest(${o.lines.map(() => newId('oli'))}::text[], ${o.lines.map((l) => l.variantId)}::text[],
                       ${o.lines.map((l) => l.productId)}::text[], ${o.lines.map((l) => l.sku)}::text[],
                       ${o.lines.map(lineTitle)}::text[], ${o.lines.map((l) => l.unitPriceCents)}::int[],
                       ${o.lines.map((l) => l.quantity)}::int[], ${o.lines.map((l) => l.lineTotalCents)}::int[])
           AS x(id, variant_id, product_id, sku, title, unit_price_cents, quantity, line_total_cents)
      RETURNING id, variant_id
    ),
    bo AS (
      INSERT INTO order_line_backorders (order_line_id, order_id, variant_id, quantity, created_at)
      SELECT lines.id, ord.id, upd.variant_id, upd.backordered, ${o.now}::timestamptz
      FROM lines JOIN upd ON upd.variant_id = lines.variant_id, ord
      WHERE upd.backordered > 0
    ),
    ev AS (
      INSERT INTO order_events (id, order_id, from_status, to_status, reason, actor, created_at)
      SELECT ${newId('oev')}, ord.id, NULL, 'pending_payment'::order_status, 'order placed', 'shopper', ${o.now} FROM ord
    )
    SELECT (SELECT count(*) FROM upd)::int AS reserved, (SELECT customer_id FROM ord) AS customer_id,
           (SELECT COALESCE(array_agg(variant_id), '{}') FROM upd WHERE backordered > 0) AS backordered_variants,
           (SELECT COALESCE(array_agg(backordered), '{}') FROM upd WHERE backordered > 0) AS backordered_quantities`;
  if (!opts.raiseWhenShort) return { statement, byVariant };
  // Without a transaction around it, a short line must fail the statement itself (the error
  // undoes every write of its CTEs). Not a constant, so it is only evaluated when short.
  const raising = hotStatement(
    `${statement.text},
           CASE WHEN (SELECT count(*) FROM upd) < $${statement.values.length + 1}::int
                THEN ('${SHORT_MARK}: ' || (SELECT count(*) FROM upd))::int END AS short_check`,
    [...statement.values, byVariant.length],
  );
  return { statement: raising, byVariant };
}

export type Confirmation = {
  orderId: string;
  to: 'authorized' | 'in_review';
  reason: string;
  now: Date;
  paymentFields: { paymentId: string; paymentStatus: string; cardLast4: string | null; cardBrand: string | null };
  riskFields: {
    riskAction: string;
    riskScore: number | null;
    riskReasons: string[];
    riskPolicyVersion: string | null;
    riskDecisionId: string | null;
    riskModelVersion: string | null;
    riskLatencyMs: number;
  };
  idempotency: { scope: string; key: string; result: unknown };
};

/**
 * One statement, no transaction: payment and risk facts and the move pending_payment → `to`
 * (only from pending_payment: the row lock and re-check make a concurrent expiry win or lose
 * cleanly), its order event, the reservations' hold (no expiry once authorised) and the
 * idempotency key's stored result. Returns false when the order was no longer pending (the
 * caller falls back to the validated transition, which reports why).
 */
export async function confirmPlacedOrder(db: Db, c: Confirmation): Promise<boolean> {
  const p = c.paymentFields;
  const r = c.riskFields;
  const rows = await hotQuery<{ n: number }>(db, hotSql`
    WITH o AS (
      UPDATE orders SET
        payment_id = ${p.paymentId}, payment_status = ${p.paymentStatus}, card_last4 = ${p.cardLast4}, card_brand = ${p.cardBrand},
        risk_action = ${r.riskAction}, risk_score = ${r.riskScore}::int, risk_reasons = ${JSON.stringify(r.riskReasons)}::jsonb,
        risk_policy_version = ${r.riskPolicyVersion}, risk_decision_id = ${r.riskDecisionId},
        risk_model_version = ${r.riskModelVersion}, risk_latency_ms = ${r.riskLatencyMs}::float8,
        status = ${c.to}::order_status,
        authorized_at = CASE WHEN ${c.to} = 'authorized' THEN ${c.now} ELSE authorized_at END,
        updated_at = ${c.now}
      WHERE id = ${c.orderId} AND status = 'pending_payment'
      RETURNING id
    ),
    e AS (
      INSERT INTO order_events (id, order_id, from_status, to_status, reason, actor, created_at)
      SELECT ${newId('oev')}, o.id, 'pending_payment'::order_status, ${c.to}::order_status, ${c.reason}, 'risk', ${c.now} FROM o
    ),
    h AS (
      UPDATE inventory_reservations SET expires_at = NULL
      WHERE order_id = ${c.orderId} AND status = 'active' AND EXISTS (SELECT 1 FROM o)
    ),
    k AS (
      UPDATE idempotency_keys SET status = 'completed', order_id = ${c.orderId},
        result = ${JSON.stringify(sealResult(c.idempotency.result))}::jsonb, completed_at = ${c.now}
      WHERE scope = ${c.idempotency.scope} AND key = ${c.idempotency.key} AND EXISTS (SELECT 1 FROM o)
    )
    SELECT count(*)::int AS n FROM o`);
  return (rows[0]?.n ?? 0) > 0;
}

/**
 * The order as getOrder would read it right after confirmPlacedOrder, built from what was
 * just written instead of three more reads.
 */
export function placedOrderView(
  o: NewOrder & { customerId: string; backordered?: Map<string, number> },
  c: Omit<Confirmation, 'idempotency'>,
): OrderView {
  const at = (d: Date) => d.toISOString();
  return {
    id: o.orderId,
    status: c.to,
    email: o.email,
    customerId: o.customerId,
    currency: o.currency,
    subtotalCents: o.subtotalCents,
    discountCents: o.discountCents,
    taxCents: o.taxCents,
    shippingCents: o.shippingCents,
    totalCents: o.totalCents,
    discounts: o.discounts,
    promoCode: o.promoCode,
    shippingAddress: o.shippingAddress,
    billingAddress: o.billingAddress,
    lines: [...o.lines]
      .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
      .map((l) => ({
        variantId: l.variantId,
        productId: l.productId,
        sku: l.sku,
        title: lineTitle(l),
        unitPriceCents: l.unitPriceCents,
        quantity: l.quantity,
        lineTotalCents: l.lineTotalCents,
        backorderedQuantity: o.backordered?.get(l.variantId) ?? 0,
        backorderAllocatedQuantity: 0,
      })),
    payment: { id: c.paymentFields.paymentId, status: c.paymentFields.paymentStatus, last4: c.paymentFields.cardLast4, brand: c.paymentFields.cardBrand },
    risk: {
      action: c.riskFields.riskAction,
      score: c.riskFields.riskScore,
      reasons: c.riskFields.riskReasons,
      policyVersion: c.riskFields.riskPolicyVersion,
      decisionId: c.riskFields.riskDecisionId,
      modelVersion: c.riskFields.riskModelVersion,
      latencyMs: c.riskFields.riskLatencyMs,
    },
    events: [
      { from: null, to: 'pending_payment', reason: 'order placed', actor: 'shopper', at: at(o.now) },
      { from: 'pending_payment', to: c.to, reason: c.reason, actor: 'risk', at: at(c.now) },
    ],
    createdAt: at(o.now),
    authorizedAt: c.to === 'authorized' ? at(c.now) : null,
    paidAt: null,
    fulfilledAt: null,
    cancelledAt: null,
    refundedAt: null,
  };
}
