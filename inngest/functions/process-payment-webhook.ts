import { inngest } from '@/inngest/client';
import { paymentWebhookReceived } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { paymentUpdatedEvent } from '@/server/modules/payments/advance-payment';
import { applyWebhookEvent } from '@/server/modules/payments/apply-webhook';

/**
 * Applies a stored payment webhook to its payment, then tells the order module the payment's
 * status. The event id dedupes repeats, so a retry after the send is harmless. A webhook for
 * a payment not stored yet is retried with backoff; after the last attempt it stays failed
 * in the inbox for the console to replay.
 */
export const processPaymentWebhook = inngest.createFunction(
  { id: 'process-payment-webhook', triggers: [paymentWebhookReceived], retries: 5 },
  async ({ event, step }) => {
    const applied = await step.run('apply-event', () => applyWebhookEvent(getDb(), event.data.inboxId));
    const update = paymentUpdatedEvent({ id: applied.paymentId, orderId: applied.orderId, status: applied.status });
    if (update) await step.sendEvent('send-payment-updated', update);
    return applied;
  },
);
