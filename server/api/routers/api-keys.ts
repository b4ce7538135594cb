// Console → API keys: create (secret shown once), list, revoke. Needs apikey.manage; a key
// never carries a permission its creator lacks (checked in the module).
import { z } from 'zod';
import { apiKeyIdInput, createApiKeyInput } from '@/server/modules/auth/api-keys.schema';
import { createApiKey, listApiKeys, revokeApiKey } from '@/server/modules/auth/api-keys';
import { createTRPCRouter, merchantProcedure } from '../init';

export const apiKeysRouter = createTRPCRouter({
  list: merchantProcedure('apikey.manage')
    .input(z.object({}).optional())
    .query(({ ctx }) => listApiKeys(ctx.db)),
  create: merchantProcedure('apikey.manage')
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.staff, input)),
  revoke: merchantProcedure('apikey.manage')
    .input(apiKeyIdInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.staff, input)),
});
