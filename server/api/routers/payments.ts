// Console procedures for Payments: the webhook inbox. Listing needs order.read; replaying
// changes payment state (it can move money-related status forward), so it needs order.refund.
import { listWebhookInbox, replayWebhookEvent } from '@/server/modules/payments/webhook-inbox';
import { inboxIdInput, listInboxInput } from '@/server/modules/payments/webhook-inbox.schema';
import { createTRPCRouter, merchantProcedure } from '../init';

export const paymentsRouter = createTRPCRouter({
  inbox: createTRPCRouter({
    list: merchantProcedure('order.read')
      .input(listInboxInput)
      .query(({ ctx, input }) => listWebhookInbox(ctx.db, input)),
    replay: merchantProcedure('order.refund')
      .input(inboxIdInput)
      .mutation(({ ctx, input }) => replayWebhookEvent(ctx.db, input.inboxId, ctx.staff.id)),
  }),
});
