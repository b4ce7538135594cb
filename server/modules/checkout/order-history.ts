import type { Db } from '@/server/db/client';
import { openEmail } from '@/server/modules/privacy/contact-fields';

export type PlacedOrder = {
  orderId: string;
  email: string;
  placedAt: Date;
  /** What its promotions and offers took off, cents. */
  discountCents: number;
  lines: { variantId: string; productId: string; unitPriceCents: number; quantity: number }[];
};

/**
 * Orders placed since `since` that got past payment (for policy simulations and replays):
 * cancelled-before-authorisation and pending orders are not history worth replaying.
 */
export async function listPlacedOrders(db: Db, opts: { since: Date; limit?: number }): Promise<PlacedOrder[]> {
  const rows = await db.order.findMany({
    where: { createdAt: { gte: opts.since }, status: { in: ['authorized', 'paid', 'fulfilled', 'refunded', 'in_review', 'on_hold'] } },
    select: {
      id: true,
      email: true,
      createdAt: true,
      discountCents: true,
      lines: { select: { variantId: true, productId: true, unitPriceCents: true, quantity: true } },
    },
    orderBy: { createdAt: 'asc' },
    take: opts.limit ?? 5_000,
  });
  return rows.map((r) => ({ orderId: r.id, email: openEmail(r.email), placedAt: r.createdAt, discountCents: r.discountCents, lines: r.lines }));
}
