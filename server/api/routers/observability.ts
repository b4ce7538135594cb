// Console procedures for the health page: the in-database telemetry summary.
import { readHealthSummary, healthSummaryInput } from '@/server/observability/read-health';
import { createTRPCRouter, merchantProcedure } from '../init';

export const observabilityRouter = createTRPCRouter({
  health: merchantProcedure('automations.read')
    .input(healthSummaryInput)
    .query(({ ctx, input }) => readHealthSummary(ctx.db, input)),
});
