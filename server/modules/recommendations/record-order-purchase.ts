// Orders are the strongest "bought together" signal: when one is placed its products go into
// the shopper event log as a checkout, with the order as the basket, so co-occurrence learns
// from every order whether or not the storefront reported the checkout itself.
import type { Db } from '@/server/db/client';
import { shopperCheckoutCompleted } from '@/inngest/events';
import { send } from '@/inngest/send';
import { getOrder } from '@/server/modules/checkout/get-order';

export async function recordOrderPurchase(db: Db, orderId: string): Promise<{ productIds: string[] }> {
  const order = await getOrder(db, orderId);
  const productIds = [...new Set(order.lines.map((l) => l.productId))];
  if (productIds.length === 0) return { productIds };
  // The order is the session of this basket: its products pair with each other, not with the
  // visitor's other sessions (the order view carries no visitor key, by design).
  await send(
    shopperCheckoutCompleted.create(
      { sessionKey: `order_${order.id}`.slice(0, 64), productIds, orderId: order.id, source: 'orders' },
      { id: `recs-purchase-${order.id}` },
    ),
  );
  return { productIds };
}
