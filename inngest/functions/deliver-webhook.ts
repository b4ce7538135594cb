// Sends one outbound webhook delivery (server/modules/webhooks-out), retried with the
// runner's exponential backoff until the endpoint answers 2xx; after the last attempt the
// delivery is marked failed (its attempt log shows every status code).
import { inngest } from '@/inngest/client';
import { webhookDeliveryQueued } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { attemptDelivery, markDeliveryFailed } from '@/server/modules/webhooks-out/deliver-webhook';

export const deliverWebhook = inngest.createFunction(
  {
    id: 'deliver-webhook',
    name: 'Deliver outbound webhook',
    triggers: [webhookDeliveryQueued],
    retries: 8,
    idempotency: 'event.data.deliveryId',
    onFailure: async ({ event, step }) => {
      await step.run('mark-failed', () => markDeliveryFailed(getDb(), event.data.event.data.deliveryId));
    },
  },
  async ({ event, step }) => step.run('post', () => attemptDelivery(getDb(), event.data.deliveryId)),
);
