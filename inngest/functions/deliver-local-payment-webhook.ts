import { inngest } from '@/inngest/client';
import { localPaymentWebhookQueued } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { attemptLocalWebhook, markLocalWebhookFailed } from '@/server/modules/payments/local-webhooks';
import { backoffDelayMs, localDeliveryConfig } from '@/server/modules/payments/payments-config';

/**
 * The local payment provider's delivery loop: POST the signed webhook to the app; on a
 * non-2xx or no answer, wait base × 2^(attempt-1) and try again, up to the configured
 * attempts. Every attempt is a step (visible in Automations) and is recorded on the outbox row.
 */
export const deliverLocalPaymentWebhook = inngest.createFunction(
  { id: 'deliver-local-payment-webhook', triggers: [localPaymentWebhookQueued], retries: 0 },
  async ({ event, step }) => {
    const { deliveryId, delayMs } = event.data;
    const config = localDeliveryConfig();
    // Chaos mode: copies of one event leave at random times, so they arrive out of order.
    if (delayMs && delayMs > 0) await step.sleep('scatter', delayMs);
    for (let attempt = 1; attempt <= config.maxAttempts; attempt++) {
      const result = await step.run(`attempt-${attempt}`, () => attemptLocalWebhook(getDb(), deliveryId));
      if (result.delivered || result.attempts === 0) return result;
      if (attempt < config.maxAttempts)
        await step.sleep(`backoff-${attempt}`, backoffDelayMs(attempt, config.backoffMs));
    }
    await step.run('give-up', () => markLocalWebhookFailed(getDb(), deliveryId));
    return { deliveryId, delivered: false };
  },
);
