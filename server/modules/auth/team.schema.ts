import { z } from 'zod';
import { PERMISSIONS } from './permissions';

const id = z.string().trim().min(1).max(100);
const email = z.string().trim().toLowerCase().email('Enter a valid email').max(254);

export const STAFF_STATUSES = ['active', 'disabled', 'all'] as const;

export const listStaffInput = z.object({
  q: z.string().trim().max(200).optional(),
  roleId: id.optional(),
  status: z.enum(STAFF_STATUSES).default('active'),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type ListStaffInput = z.input<typeof listStaffInput>;

export const inviteStaffInput = z.object({ email, roleId: id });
export type InviteStaffInput = z.input<typeof inviteStaffInput>;

export const inviteTokenInput = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'This invite link is not valid');

export const acceptInviteInput = z.object({
  token: inviteTokenInput,
  name: z.string().trim().min(1, 'Enter your name').max(100),
  password: z.string().min(10, 'Use at least 10 characters').max(200),
});
export type AcceptInviteInput = z.input<typeof acceptInviteInput>;

export const setStaffRoleInput = z.object({ staffId: id, roleId: id });
export type SetStaffRoleInput = z.input<typeof setStaffRoleInput>;

export const setStaffActiveInput = z.object({ staffId: id, active: z.boolean() });
export type SetStaffActiveInput = z.input<typeof setStaffActiveInput>;

export const permissionList = z
  .array(z.enum(PERMISSIONS))
  .min(1, 'Choose at least one permission')
  .max(PERMISSIONS.length)
  .transform((list) => [...new Set(list)].sort());

export const saveRoleInput = z.object({
  /** Absent: create a new custom role. */
  id: id.optional(),
  name: z.string().trim().min(2, 'Use at least 2 characters').max(60),
  permissions: permissionList,
});
export type SaveRoleInput = z.input<typeof saveRoleInput>;

export const revokeInviteInput = z.object({ inviteId: id });
