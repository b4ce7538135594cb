import { inngest } from '@/inngest/client';
import { inventoryRestocked } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { getOrder } from '@/server/modules/checkout/get-order';
import { allocateBackorders, variantsWithAllocatableBackorders, type BackorderAllocationResult } from '@/server/modules/inventory/allocate-backorders';
import { notifyOrder } from '@/server/modules/notifications/notify-order';

type Step = { run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown> };

/** Each shopper whose order got units hears that their back-ordered item ships: one memoised step per order. */
async function notifyAllocations(step: Step, result: BackorderAllocationResult, prefix = ''): Promise<number> {
  if (result.duplicate) return 0;
  for (const o of result.orders) {
    await step.run(`notify-${prefix}${o.orderId}`, async () => {
      const order = await getOrder(getDb(), o.orderId);
      const note =
        o.openUnits > 0
          ? `${o.allocatedUnits} × ${o.sku} came back in stock and ships with your order; ${o.openUnits} more ${o.openUnits === 1 ? 'unit is' : 'units are'} still on back-order.`
          : `${o.allocatedUnits} × ${o.sku} came back in stock: everything you ordered is now ready to ship.`;
      return notifyOrder(order.email, 'backorder_ships', { id: o.orderId, note });
    });
  }
  return result.orders.length;
}

/**
 * A variant was restocked: its new units go to the open back-ordered lines, oldest order
 * first (allocate-backorders.ts, one transaction, idempotent by event id), then each shopper
 * whose order got units is told.
 */
export const allocateRestockedBackorders = inngest.createFunction(
  { id: 'allocate-backorders', name: 'Back-orders: allocate restocked units', triggers: [inventoryRestocked], retries: 3 },
  async ({ event, step }) => {
    const eventId = event.id ?? `restocked-${event.data.variantId}-${event.data.stockOnHand}`;
    const result = await step.run('allocate', () => allocateBackorders(getDb(), { variantId: event.data.variantId, eventId }));
    return { ...result, notified: await notifyAllocations(step, result) };
  },
);

/**
 * Every 5 minutes: units given back by cancelled, expired or declined orders go to the orders
 * still waiting for that variant (no restock event announces them). The allocation is computed
 * from the stock, so a sweep that finds nothing new allocates nothing.
 */
export const sweepBackorders = inngest.createFunction(
  { id: 'sweep-backorders', name: 'Back-orders: allocate units given back', triggers: [{ cron: '*/5 * * * *' }], retries: 2 },
  async ({ step, runId }) => {
    const variants = await step.run('find-variants', () => variantsWithAllocatableBackorders(getDb()));
    let allocatedUnits = 0;
    let notified = 0;
    for (const variantId of variants) {
      const result = await step.run(`allocate-${variantId}`, () => allocateBackorders(getDb(), { variantId, eventId: `sweep-${runId}-${variantId}` }));
      allocatedUnits += result.allocatedUnits;
      notified += await notifyAllocations(step, result, `${variantId}-`);
    }
    return { variants: variants.length, allocatedUnits, notified };
  },
);
