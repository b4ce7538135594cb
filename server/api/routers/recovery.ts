// Cart recovery: the checkout form leaves the shopper's email and consent; the console reads
// treated-vs-holdout results.
import { recoveryReportInput, rememberContactInput } from '@/server/modules/recovery/recovery.schema';
import { recoveryReport } from '@/server/modules/recovery/recovery-report';
import { rememberCheckoutContact } from '@/server/modules/recovery/remember-contact';
import { getRecoverySettings } from '@/server/modules/recovery/recovery-settings';
import { createTRPCRouter, merchantProcedure } from '../init';
import { shopperProcedure } from '../shopper-procedure';

export const recoveryRouter = createTRPCRouter({
  // Like the cart's own mutations: not rate-limited (it writes one row per cart).
  rememberContact: shopperProcedure
    .input(rememberContactInput)
    .mutation(({ ctx, input }) => rememberCheckoutContact(ctx.db, ctx.sessionKey, input)),
  report: merchantProcedure('automations.read')
    .input(recoveryReportInput)
    .query(async ({ ctx, input }) => ({ ...(await recoveryReport(ctx.db, input)), settings: await getRecoverySettings(ctx.db) })),
});
