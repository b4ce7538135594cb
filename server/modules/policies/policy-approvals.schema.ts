import { z } from 'zod';

const id = z.string().trim().min(1).max(64);
const note = z.string().trim().max(500).default('');

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'superseded'] as const;

export const requestApprovalInput = z.object({ id, note });
export type RequestApprovalInput = z.input<typeof requestApprovalInput>;
export const decideApprovalInput = z.object({ approvalId: id, note });
export type DecideApprovalInput = z.input<typeof decideApprovalInput>;
export const listApprovalsInput = z.object({
  status: z.enum(APPROVAL_STATUSES).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type ListApprovalsInput = z.input<typeof listApprovalsInput>;
