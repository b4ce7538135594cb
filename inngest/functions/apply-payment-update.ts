import { inngest } from '@/inngest/client';
import { paymentUpdated } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { applyPaymentUpdate } from '@/server/modules/checkout/apply-payment-update';

/** Moves an order when its payment changes; applyPaymentUpdate makes repeats and reordering harmless. */
export const applyPaymentUpdateFn = inngest.createFunction(
  { id: 'apply-payment-update', triggers: [paymentUpdated], retries: 5 },
  async ({ event, step }) => step.run('apply-to-order', () => applyPaymentUpdate(getDb(), event.data)),
);
