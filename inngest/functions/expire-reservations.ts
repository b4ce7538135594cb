import { inngest } from '@/inngest/client';
import { getDb } from '@/server/db/client';
import { expireReservations } from '@/server/modules/checkout/expire-orders';
import { releaseMoneyOnCancelledOrder } from '@/server/modules/checkout/release-money';

/**
 * Every five minutes: orders whose stock reservation expired while still pending payment are
 * cancelled and their stock released; then any authorisation made for them is voided, one step
 * per order so a provider outage retries only that order.
 */
export const expireReservationsFn = inngest.createFunction(
  { id: 'expire-reservations', triggers: [{ cron: '*/5 * * * *' }], retries: 2 },
  async ({ step }) => {
    const result = await step.run('expire-pending-orders', () => expireReservations(getDb()));
    for (const orderId of result.cancelledOrderIds)
      await step.run(`release-money-${orderId}`, () => releaseMoneyOnCancelledOrder(getDb(), orderId));
    return result;
  },
);
