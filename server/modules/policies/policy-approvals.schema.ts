import { z } from 'zod';
import { POLICY_KINDS } from './policy-kinds';
import { SEARCH_POLICY_KINDS } from './search-policy-kinds';

const id = z.string().trim().min(1).max(64);
const note = z.string().trim().max(500).default('');

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'superseded'] as const;
export const APPROVAL_ACTIONS = ['publish', 'rollback'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];
/** Every kind on the Policies page: stored policies and search settings (ADR 028). */
export const ANY_POLICY_KINDS = [...POLICY_KINDS, ...SEARCH_POLICY_KINDS] as const;
export type AnyPolicyKind = (typeof ANY_POLICY_KINDS)[number];
export const anyPolicyKind = z.enum(ANY_POLICY_KINDS);

export const requestApprovalInput = z.object({ id, note });
export type RequestApprovalInput = z.input<typeof requestApprovalInput>;
export const decideApprovalInput = z.object({ approvalId: id, note });
export type DecideApprovalInput = z.input<typeof decideApprovalInput>;
export const listApprovalsInput = z.object({
  status: z.enum(APPROVAL_STATUSES).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type ListApprovalsInput = z.input<typeof listApprovalsInput>;

/** A required reason for an emergency change that bypasses four-eyes (audited). */
export const emergencyReason = z
  .string()
  .trim()
  .min(10, 'an emergency rollback needs a reason of at least 10 characters')
  .max(500);
