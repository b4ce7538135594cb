// Outbound webhook inputs (client-safe: zod only).
import { z } from 'zod';

/** What an endpoint can subscribe to: every order event, one order event, alerts. */
export const WEBHOOK_SUBSCRIPTIONS = [
  'order.*',
  'order.authorized',
  'order.in_review',
  'order.paid',
  'order.fulfilled',
  'order.cancelled',
  'order.refunded',
  'alert.created',
] as const;
export const webhookSubscription = z.enum(WEBHOOK_SUBSCRIPTIONS);

export const createEndpointInput = z.object({
  url: z
    .string()
    .trim()
    .max(2_000)
    .pipe(z.url({ protocol: /^https?$/, error: 'url must be an http(s) URL' })),
  eventTypes: z.array(webhookSubscription).min(1, 'choose at least one event type').max(WEBHOOK_SUBSCRIPTIONS.length),
  description: z.string().trim().max(200).default(''),
});
export type CreateEndpointInput = z.input<typeof createEndpointInput>;

export const endpointIdInput = z.object({ id: z.string().min(1).max(64) });

export const listDeliveriesInput = z.object({
  endpointId: z.string().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListDeliveriesInput = z.input<typeof listDeliveriesInput>;

/** Does a subscription list cover an event type (`order.*` covers every `order.…`)? */
export function subscribes(eventTypes: readonly string[], type: string): boolean {
  return eventTypes.some((t) => t === type || (t.endsWith('.*') && type.startsWith(t.slice(0, -1))));
}
