import type { Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { NotFoundError } from '@/server/errors';
import type { DiscountLine } from '@/server/modules/pricing/price-cart';
import { emailHashCandidates, normaliseEmail, openAddress, openEmail } from '@/server/modules/privacy/contact-fields';
import type { AddressInput, ListOrdersInput, OrderStatusName } from './checkout.schema';

const orderSelect = {
  id: true,
  sessionKey: true,
  customerId: true,
  email: true,
  status: true,
  currency: true,
  subtotalCents: true,
  discountCents: true,
  taxCents: true,
  shippingCents: true,
  totalCents: true,
  discounts: true,
  promoCode: true,
  shippingAddress: true,
  billingAddress: true,
  paymentId: true,
  paymentStatus: true,
  cardLast4: true,
  cardBrand: true,
  riskAction: true,
  riskScore: true,
  riskReasons: true,
  riskPolicyVersion: true,
  riskDecisionId: true,
  riskModelVersion: true,
  riskLatencyMs: true,
  createdAt: true,
  authorizedAt: true,
  paidAt: true,
  fulfilledAt: true,
  cancelledAt: true,
  refundedAt: true,
  lines: {
    select: { variantId: true, productId: true, sku: true, title: true, unitPriceCents: true, quantity: true, lineTotalCents: true },
    orderBy: { sku: 'asc' },
  },
  events: { select: { fromStatus: true, toStatus: true, reason: true, actor: true, createdAt: true }, orderBy: { createdAt: 'asc' } },
} satisfies Prisma.OrderSelect;

type OrderRow = Prisma.OrderGetPayload<{ select: typeof orderSelect }>;

export type OrderView = ReturnType<typeof toView>;

function toView(o: OrderRow, backorders: LineBackorder[] = []) {
  return {
    id: o.id,
    status: o.status as OrderStatusName,
    email: openEmail(o.email),
    customerId: o.customerId,
    currency: o.currency,
    subtotalCents: o.subtotalCents,
    discountCents: o.discountCents,
    taxCents: o.taxCents,
    shippingCents: o.shippingCents,
    totalCents: o.totalCents,
    discounts: o.discounts as DiscountLine[],
    promoCode: o.promoCode,
    shippingAddress: openAddress<AddressInput>(o.shippingAddress)!,
    billingAddress: openAddress<AddressInput>(o.billingAddress),
    lines: o.lines.map((l) => {
      const b = backorders.find((x) => x.variantId === l.variantId);
      // Back-ordered units, and how many of them a restock has since covered (allocate-backorders.ts).
      return { ...l, backorderedQuantity: b?.quantity ?? 0, backorderAllocatedQuantity: b?.allocated ?? 0 };
    }),
    payment: { id: o.paymentId, status: o.paymentStatus, last4: o.cardLast4, brand: o.cardBrand },
    risk: {
      action: o.riskAction,
      score: o.riskScore,
      reasons: o.riskReasons as string[],
      policyVersion: o.riskPolicyVersion,
      decisionId: o.riskDecisionId,
      modelVersion: o.riskModelVersion,
      latencyMs: o.riskLatencyMs,
    },
    events: o.events.map((e) => ({ from: e.fromStatus, to: e.toStatus, reason: e.reason, actor: e.actor, at: e.createdAt.toISOString() })),
    createdAt: o.createdAt.toISOString(),
    authorizedAt: o.authorizedAt?.toISOString() ?? null,
    paidAt: o.paidAt?.toISOString() ?? null,
    fulfilledAt: o.fulfilledAt?.toISOString() ?? null,
    cancelledAt: o.cancelledAt?.toISOString() ?? null,
    refundedAt: o.refundedAt?.toISOString() ?? null,
  };
}

type LineBackorder = { variantId: string; quantity: number; allocated: number };

/** Units of each line sold beyond stock (back-orders) and the units of them allocated since, by variant. */
function lineBackorders(db: Db, orderId: string): Promise<LineBackorder[]> {
  return db.$queryRaw<LineBackorder[]>`
    SELECT b.variant_id AS "variantId", b.quantity,
           COALESCE((SELECT sum(a.quantity) FROM backorder_allocations a WHERE a.order_line_id = b.order_line_id), 0)::int AS allocated
    FROM order_line_backorders b WHERE b.order_id = ${orderId}`;
}

export async function getOrder(db: Db, orderId: string): Promise<OrderView> {
  const [row, backorders] = await Promise.all([db.order.findUnique({ where: { id: orderId }, select: orderSelect }), lineBackorders(db, orderId)]);
  if (!row) throw new NotFoundError('order', orderId);
  return toView(row, backorders);
}

/**
 * A shopper sees an order placed from their own session, or one whose email they give.
 * Anything else is "not found", so order ids cannot be probed.
 */
export async function getOrderForShopper(db: Db, orderId: string, who: { sessionKey: string | null; email?: string | null }): Promise<OrderView> {
  const [row, backorders] = await Promise.all([db.order.findUnique({ where: { id: orderId }, select: orderSelect }), lineBackorders(db, orderId)]);
  const mine = row && ((who.sessionKey && row.sessionKey === who.sessionKey) || (who.email && openEmail(row.email) === normaliseEmail(who.email)));
  if (!row || !mine) throw new NotFoundError('order', orderId);
  return shopperView(toView(row, backorders));
}

/**
 * What a shopper may see of an order: everything but the fraud-scoring internals (score,
 * reasons, model and policy versions), which would teach a fraudster what to change. Staff
 * and systems with credentials read them through the console and REST.
 */
export function shopperView(view: OrderView): OrderView {
  return {
    ...view,
    risk: { action: view.risk.action, score: null, reasons: [], policyVersion: null, decisionId: null, modelVersion: null, latencyMs: null },
  };
}

export type OrderListItem = {
  id: string;
  status: OrderStatusName;
  email: string;
  totalCents: number;
  currency: string;
  itemCount: number;
  riskAction: string | null;
  riskScore: number | null;
  createdAt: string;
};

/** Console list, newest first, keyset-paginated by id (ids are time-sortable). */
export async function listOrders(db: Db, input: ListOrdersInput): Promise<{ items: OrderListItem[]; nextCursor: string | null }> {
  const rows = await db.order.findMany({
    where: {
      ...(input.status ? { status: input.status } : {}),
      // The email is stored encrypted: filter on its blind index (ADR 027).
      ...(input.email ? { emailHash: { in: emailHashCandidates(input.email) } } : {}),
      ...(input.cursor ? { id: { lt: input.cursor } } : {}),
    },
    select: {
      id: true,
      status: true,
      email: true,
      totalCents: true,
      currency: true,
      riskAction: true,
      riskScore: true,
      createdAt: true,
      lines: { select: { quantity: true } },
    },
    orderBy: { id: 'desc' },
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      status: r.status as OrderStatusName,
      email: openEmail(r.email),
      totalCents: r.totalCents,
      currency: r.currency,
      itemCount: r.lines.reduce((n, l) => n + l.quantity, 0),
      riskAction: r.riskAction,
      riskScore: r.riskScore,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
  };
}

/** The visitor key an order was placed under (experiment unit for follow-up decisions); null for REST/system orders. */
export async function orderSessionKey(db: Db, orderId: string): Promise<string | null> {
  const row = await db.order.findUnique({ where: { id: orderId }, select: { sessionKey: true } });
  return row?.sessionKey ?? null;
}
