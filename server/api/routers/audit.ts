// The audit log: read it, and check its hash chain.
import { listAuditInput } from '@/server/modules/audit/audit.schema';
import { listAuditEvents } from '@/server/modules/audit/list-audit';
import { verifyAuditChain } from '@/server/modules/audit/verify-chain';
import { createTRPCRouter, merchantProcedure } from '../init';

export const auditRouter = createTRPCRouter({
  list: merchantProcedure('audit.read').input(listAuditInput).query(({ ctx, input }) => listAuditEvents(ctx.db, input)),
  verify: merchantProcedure('audit.read').mutation(({ ctx }) => verifyAuditChain(ctx.db)),
});
