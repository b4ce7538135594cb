// Privacy: the data map, subject requests (export needs privacy.export, erasure privacy.erase),
// and the shopper's explanation of an automated decision with a way to reach a person.
import { DATA_MAP } from '@/server/modules/privacy/data-map';
import { encryptionStatus } from '@/server/modules/privacy/encrypt-backfill';
import { explainOrderDecision } from '@/server/modules/privacy/explain-decision';
import { orderDecisionInput } from '@/server/modules/privacy/order-decision.schema';
import { createPrivacyRequestInput, listPrivacyRequestsInput, privacyRequestIdInput } from '@/server/modules/privacy/privacy.schema';
import { createPrivacyRequest, getPrivacyRequest, listPrivacyRequests } from '@/server/modules/privacy/privacy-requests';
import { requestHumanReview } from '@/server/modules/privacy/request-human-review';
import { retentionSummary } from '@/server/modules/privacy/retention-summary';
import { createTRPCRouter, merchantProcedure, publicProcedure, rateLimit } from '../init';

const exportInput = createPrivacyRequestInput.omit({ type: true });

export const privacyRouter = createTRPCRouter({
  dataMap: merchantProcedure('privacy.read').query(() => ({ entries: DATA_MAP, retention: retentionSummary() })),
  encryptionStatus: merchantProcedure('privacy.read').query(({ ctx }) => encryptionStatus(ctx.db)),
  list: merchantProcedure('privacy.read').input(listPrivacyRequestsInput).query(({ ctx, input }) => listPrivacyRequests(ctx.db, input)),
  get: merchantProcedure('privacy.read').input(privacyRequestIdInput).query(({ ctx, input }) => getPrivacyRequest(ctx.db, input.requestId)),
  requestExport: merchantProcedure('privacy.export')
    .input(exportInput)
    .mutation(({ ctx, input }) => createPrivacyRequest(ctx.db, ctx.staff, { ...input, type: 'export' })),
  requestErasure: merchantProcedure('privacy.erase')
    .input(exportInput)
    .mutation(({ ctx, input }) => createPrivacyRequest(ctx.db, ctx.staff, { ...input, type: 'erase' })),
  explainOrder: publicProcedure
    .input(orderDecisionInput)
    .query(({ ctx, input }) => explainOrderDecision(ctx.db, input.orderId, { sessionKey: ctx.sessionKey, email: input.email })),
  requestHumanReview: publicProcedure
    .use(rateLimit('checkout'))
    .input(orderDecisionInput)
    .mutation(({ ctx, input }) => requestHumanReview(ctx.db, input.orderId, { sessionKey: ctx.sessionKey, email: input.email })),
});
