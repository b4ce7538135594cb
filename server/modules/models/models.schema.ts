// Inputs of the model-governance doors (tRPC and console forms share these).
// `actor` is who acts: the router omits it from what the client may send and fills it with
// the signed-in staff id, so services and their tests still take it explicitly.
import { z } from 'zod';
import { guardrailThresholds, modelKind } from './model-kinds';

const actor = z.string().trim().min(1).max(120);
const id = z.string().trim().min(1).max(64);
const reason = z.string().trim().max(500).default('');

export const canaryShare = z
  .number()
  .min(0, 'canary share must be at least 0')
  .max(100, 'canary share must be at most 100');

export const createModelInput = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'key must be 2–63 lower-case letters, digits or dashes'),
  name: z.string().trim().min(1).max(120),
  kind: modelKind,
  description: z.string().trim().max(2000).default(''),
  owner: z.string().trim().min(1).max(120),
  guardrails: guardrailThresholds.partial().default({}),
  actor,
});
export type CreateModelInput = z.input<typeof createModelInput>;

export const createVersionInput = z.object({
  modelId: id,
  implementationKey: z
    .string()
    .trim()
    .regex(/^[a-z0-9_.-]{2,80}$/, 'implementation key must be 2–80 of a-z 0-9 _ . -'),
  params: z.record(z.string(), z.unknown()).default({}),
  artifactRef: z.string().trim().max(500).optional(),
  trainingDataRef: z.string().trim().max(500).optional(),
  note: z.string().trim().max(2000).default(''),
  actor,
});
export type CreateVersionInput = z.input<typeof createVersionInput>;

export const evaluationResult = z.object({
  dataset: z.string().trim().min(1).max(200),
  metrics: z.record(z.string(), z.number().finite()),
  notes: z.string().max(2000).optional(),
});
export type EvaluationResult = z.infer<typeof evaluationResult>;

export const recordEvaluationInput = z.object({ versionId: id, evaluation: evaluationResult, actor });
export type RecordEvaluationInput = z.input<typeof recordEvaluationInput>;

export const approveInput = z.object({
  versionId: id,
  targetStage: z.enum(['canary', 'production']),
  note: z.string().trim().max(500).default(''),
  actor,
});
export type ApproveInput = z.input<typeof approveInput>;

export const promoteInput = z.object({
  versionId: id,
  to: z.enum(['shadow', 'canary', 'production', 'draft', 'retired']),
  canaryShare: canaryShare.optional(),
  reason,
  actor,
});
export type PromoteInput = z.input<typeof promoteInput>;

export const setCanaryShareInput = z.object({ versionId: id, share: canaryShare, reason, actor });
export type SetCanaryShareInput = z.input<typeof setCanaryShareInput>;

export const rollbackInput = z.object({ versionId: id, reason, actor });
export type RollbackInput = z.input<typeof rollbackInput>;

export const versionIdInput = z.object({ versionId: id });
export const modelIdInput = z.object({ modelId: id });
export const listModelsInput = z.object({ kind: modelKind.optional() }).default({});

export const setSettingInput = z.object({ requireTwoApprovers: z.boolean(), actor });
