// Inputs of the policy doors (tRPC and console forms share these). `actor` is filled by the
// router with the signed-in staff id.
import { z } from 'zod';
import { policyKind } from './policy-kinds';

const actor = z.string().trim().min(1).max(120);
const id = z.string().trim().min(1).max(64);
const note = z.string().trim().max(500).default('');

export const listPolicyVersionsInput = z.object({ kind: policyKind });
export const policyVersionIdInput = z.object({ id });
export const createDraftInput = z.object({
  kind: policyKind,
  /** Start from this version's body (default: the published one, else the built-in default). */
  fromVersion: z.number().int().min(1).optional(),
  body: z.unknown().optional(),
  note,
  actor,
});
export type CreateDraftInput = z.input<typeof createDraftInput>;
export const updateDraftInput = z.object({ id, body: z.unknown(), note: note.optional(), actor });
export type UpdateDraftInput = z.input<typeof updateDraftInput>;
export const publishInput = z.object({ id, note: note.optional(), actor });
export type PublishInput = z.input<typeof publishInput>;
export const rollbackPolicyInput = z.object({ kind: policyKind, toVersion: z.number().int().min(1), note, actor });
export type RollbackPolicyInput = z.input<typeof rollbackPolicyInput>;
export const diffInput = z.object({ kind: policyKind, from: z.number().int().min(1), to: z.number().int().min(1) });
export const simulatePolicyInput = z.object({
  kind: policyKind,
  body: z.unknown(),
  days: z.number().int().min(1).max(90).default(14),
});
