// Order history for discount-policy simulations: the checkout module's placed orders, with
// each line's category read from the catalog (offers exclude categories). A store with no
// orders yet simulates against generated sample orders and says so (`source: 'generated'`).
import type { Db } from '@/server/db/client';
import { getVariantsForSale } from '@/server/modules/catalog/get-variants';
import { listPlacedOrders } from '@/server/modules/checkout/order-history';
import { generatePastOrders, type PastOrder } from './simulate-discount-policy';

export async function loadPastOrders(db: Db, opts: { days: number; now?: Date }): Promise<{ source: 'orders' | 'generated'; orders: PastOrder[] }> {
  const since = new Date((opts.now ?? new Date()).getTime() - opts.days * 86_400_000);
  const placed = await listPlacedOrders(db, { since });
  if (placed.length === 0) return { source: 'generated', orders: generatePastOrders({ days: opts.days, perDay: 30 }) };
  const variants = await getVariantsForSale(db, { ids: [...new Set(placed.flatMap((o) => o.lines.map((l) => l.variantId)))] });
  const category = new Map(variants.map((v) => [v.id, v.categoryPath]));
  return {
    source: 'orders',
    orders: placed.map((o) => ({
      orderId: o.orderId,
      customerEmail: o.email,
      placedAt: o.placedAt,
      discountCents: o.discountCents,
      lines: o.lines.map((l) => ({ ...l, categoryPath: category.get(l.variantId) ?? [] })),
    })),
  };
}
