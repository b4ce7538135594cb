// Outbound webhooks: endpoints (secret shown once), the delivery log, a test event.
import { createEndpointInput, endpointIdInput, listDeliveriesInput } from '@/server/modules/webhooks-out/webhooks.schema';
import { createEndpoint, listEndpoints, rotateEndpointSecret, setEndpointActive } from '@/server/modules/webhooks-out/manage-endpoints';
import { sendTestEvent } from '@/server/modules/webhooks-out/publish-event';
import { listDeliveries } from '@/server/modules/webhooks-out/read-deliveries';
import { createTRPCRouter, merchantProcedure } from '../init';

export const webhooksRouter = createTRPCRouter({
  endpoints: merchantProcedure('webhooks.manage').query(({ ctx }) => listEndpoints(ctx.db)),
  create: merchantProcedure('webhooks.manage').input(createEndpointInput).mutation(({ ctx, input }) => createEndpoint(ctx.db, input, ctx.staff.email)),
  disable: merchantProcedure('webhooks.manage').input(endpointIdInput).mutation(({ ctx, input }) => setEndpointActive(ctx.db, input.id, false)),
  enable: merchantProcedure('webhooks.manage').input(endpointIdInput).mutation(({ ctx, input }) => setEndpointActive(ctx.db, input.id, true)),
  sendTest: merchantProcedure('webhooks.manage').input(endpointIdInput).mutation(({ ctx, input }) => sendTestEvent(ctx.db, input.id)),
  deliveries: merchantProcedure('webhooks.manage').input(listDeliveriesInput).query(({ ctx, input }) => listDeliveries(ctx.db, input)),
  rotateSecret: merchantProcedure('webhooks.manage').input(endpointIdInput).mutation(({ ctx, input }) => rotateEndpointSecret(ctx.db, input.id, ctx.staff.email)),
});
