import { inngest } from '@/inngest/client';
import { inventoryRestocked } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { getOrder } from '@/server/modules/checkout/get-order';
import { allocateBackorders } from '@/server/modules/inventory/allocate-backorders';
import { notifyOrder } from '@/server/modules/notifications/notify-order';

/**
 * A variant was restocked: its new units go to the open back-ordered lines, oldest order
 * first (allocate-backorders.ts, one transaction, idempotent by event id), then each shopper
 * whose order got units hears that their back-ordered item ships, one memoised step per order.
 */
export const allocateRestockedBackorders = inngest.createFunction(
  { id: 'allocate-backorders', name: 'Back-orders: allocate restocked units', triggers: [inventoryRestocked], retries: 3 },
  async ({ event, step }) => {
    const eventId = event.id ?? `restocked-${event.data.variantId}-${event.data.stockOnHand}`;
    const result = await step.run('allocate', () => allocateBackorders(getDb(), { variantId: event.data.variantId, eventId }));
    if (result.duplicate) return { ...result, notified: 0 };
    for (const o of result.orders) {
      await step.run(`notify-${o.orderId}`, async () => {
        const order = await getOrder(getDb(), o.orderId);
        const note =
          o.openUnits > 0
            ? `${o.allocatedUnits} × ${o.sku} came back in stock and ships with your order; ${o.openUnits} more ${o.openUnits === 1 ? 'unit is' : 'units are'} still on back-order.`
            : `${o.allocatedUnits} × ${o.sku} came back in stock: everything you ordered is now ready to ship.`;
        return notifyOrder(order.email, 'backorder_ships', { id: o.orderId, note });
      });
    }
    return { ...result, notified: result.orders.length };
  },
);
