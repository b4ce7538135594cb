// The dev mailbox: the mail outbox read back (list, open one message).
import { getMailInput, listMailInput } from '@/server/modules/mail/mail.schema';
import { getMail, listMail } from '@/server/modules/mail/read-mailbox';
import { mailConfig } from '@/server/modules/mail/mail-config';
import { createTRPCRouter, merchantProcedure } from '../init';

export const mailRouter = createTRPCRouter({
  list: merchantProcedure('mail.read')
    .input(listMailInput)
    .query(async ({ ctx, input }) => ({ ...(await listMail(ctx.db, input)), transport: mailConfig().transport })),
  get: merchantProcedure('mail.read').input(getMailInput).query(({ ctx, input }) => getMail(ctx.db, input.id)),
});
