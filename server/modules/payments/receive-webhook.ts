// The webhook door's work after the signature check: store the event in the inbox once per
// (provider, event id) and hand it to the process-payment-webhook function. Nothing is
// applied here, so the provider gets its 2xx in a few milliseconds.
import { paymentWebhookReceived } from '@/inngest/events';
import { send } from '@/inngest/send';
import type { Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { newId } from '@/server/lib/ids';
import type { PaymentWebhookEvent } from './webhook-event.schema';
import { minimiseWebhookPayload } from './webhook-payload';

export type ReceiveResult = { inboxId: string; duplicate: boolean };

const processEvent = (inboxId: string) =>
  paymentWebhookReceived.create({ inboxId }, { id: `payment-webhook-${inboxId}` });

export async function recordWebhook(
  db: Db,
  provider: string,
  event: PaymentWebhookEvent,
  payload: unknown,
): Promise<ReceiveResult> {
  const id = newId('whk');
  // Providers redeliver (Stripe for up to 3 days): the unique (provider, event id) is the
  // idempotency key, and ON CONFLICT DO NOTHING makes concurrent duplicates race-free.
  const { count } = await db.paymentWebhookInbox.createMany({
    data: [
      {
        id,
        provider,
        eventId: event.eventId,
        type: event.type,
        providerPaymentId: event.providerPaymentId,
        // Only what applying and replaying read: no receipt email, billing or card details.
        payload: minimiseWebhookPayload(payload) as Prisma.InputJsonValue,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 1) {
    await send(processEvent(id));
    return { inboxId: id, duplicate: false };
  }
  const existing = await db.paymentWebhookInbox.findUniqueOrThrow({
    where: { provider_eventId: { provider, eventId: event.eventId } },
    select: { id: true, status: true },
  });
  // The first delivery may have stored the row and died before enqueueing it; the send's id
  // makes this a no-op when it did not.
  if (existing.status === 'received') await send(processEvent(existing.id));
  return { inboxId: existing.id, duplicate: true };
}
