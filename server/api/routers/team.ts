// Console → Staff & roles: every procedure needs staff.manage; the module enforces the
// no-escalation and last-owner rules and audits each change.
import { z } from 'zod';
import { consoleBaseUrl } from '@/server/lib/base-url';
import { saveCustomRole } from '@/server/modules/auth/custom-roles';
import { inviteStaff, listOpenInvites, revokeInvite } from '@/server/modules/auth/invites';
import { listRoles, listStaff } from '@/server/modules/auth/list-staff';
import { setStaffActive, setStaffRole } from '@/server/modules/auth/manage-staff';
import {
  inviteStaffInput,
  listStaffInput,
  revokeInviteInput,
  saveRoleInput,
  setStaffActiveInput,
  setStaffRoleInput,
} from '@/server/modules/auth/team.schema';
import { createTRPCRouter, merchantProcedure } from '../init';
import { outboxTransport } from '@/server/modules/mail/outbox-transport';

const manage = () => merchantProcedure('staff.manage');

export const teamRouter = createTRPCRouter({
  staff: manage()
    .input(listStaffInput)
    .query(({ ctx, input }) => listStaff(ctx.db, input)),
  roles: manage()
    .input(z.object({}).optional())
    .query(({ ctx }) => listRoles(ctx.db)),
  invites: manage()
    .input(z.object({}).optional())
    .query(({ ctx }) => listOpenInvites(ctx.db)),
  invite: manage()
    .input(inviteStaffInput)
    .mutation(async ({ ctx, input }) => {
      const invite = await inviteStaff(ctx.db, ctx.staff, input, { baseUrl: consoleBaseUrl(), send: outboxTransport('staff_invite', ctx.db) });
      // The page shows the link once ("copy invite link"); the UI rebuilds it on its own origin.
      return { ...invite, path: new URL(invite.link).pathname };
    }),
  revokeInvite: manage()
    .input(revokeInviteInput)
    .mutation(({ ctx, input }) => revokeInvite(ctx.db, ctx.staff, input)),
  setRole: manage()
    .input(setStaffRoleInput)
    .mutation(({ ctx, input }) => setStaffRole(ctx.db, ctx.staff, input)),
  setActive: manage()
    .input(setStaffActiveInput)
    .mutation(({ ctx, input }) => setStaffActive(ctx.db, ctx.staff, input)),
  saveRole: manage()
    .input(saveRoleInput)
    .mutation(({ ctx, input }) => saveCustomRole(ctx.db, ctx.staff, input)),
});
