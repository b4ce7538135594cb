import { inngest } from '@/inngest/client';
import { paymentUpdated } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { applyPaymentUpdate } from '@/server/modules/checkout/apply-payment-update';
import { releaseMoneyOnCancelledOrder } from '@/server/modules/checkout/release-money';

/**
 * Moves an order when its payment changes; applyPaymentUpdate makes repeats and reordering
 * harmless. Money that arrives on an order already cancelled (an authorisation or capture the
 * provider completed after we gave up) is voided or refunded.
 */
export const applyPaymentUpdateFn = inngest.createFunction(
  { id: 'apply-payment-update', triggers: [paymentUpdated], retries: 5 },
  async ({ event, step }) => {
    const applied = await step.run('apply-to-order', () => applyPaymentUpdate(getDb(), event.data));
    if (applied.to === 'cancelled' && (event.data.status === 'authorized' || event.data.status === 'captured'))
      await step.run('release-money', () => releaseMoneyOnCancelledOrder(getDb(), event.data.orderId));
    return applied;
  },
);
