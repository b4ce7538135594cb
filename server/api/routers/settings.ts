// Console → Settings: store-wide switches such as four-eyes policy publishing.
import { z } from 'zod';
import { updateSettingsInput } from '@/server/modules/settings/settings.schema';
import { getConsoleSettings, updateConsoleSettings } from '@/server/modules/settings/settings';
import { createTRPCRouter, merchantProcedure } from '../init';

export const settingsRouter = createTRPCRouter({
  get: merchantProcedure('settings.manage')
    .input(z.object({}).optional())
    .query(({ ctx }) => getConsoleSettings(ctx.db)),
  update: merchantProcedure('settings.manage')
    .input(updateSettingsInput)
    .mutation(({ ctx, input }) => updateConsoleSettings(ctx.db, ctx.staff, input)),
});
