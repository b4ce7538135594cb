import { inngest } from '@/inngest/client';
import { orderPlaced } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { recordOrderPurchase } from '@/server/modules/recommendations/record-order-purchase';

/** Every placed order becomes a bought-together basket for recommendations. */
export const recordOrderPurchaseFn = inngest.createFunction(
  { id: 'record-order-purchase', triggers: [orderPlaced], retries: 3 },
  async ({ event, step }) => step.run('record-purchase', () => recordOrderPurchase(getDb(), event.data.orderId)),
);
