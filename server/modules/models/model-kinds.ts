// What differs between decision kinds in governance: the offline metric a version must
// not regress on before it serves traffic, and default guardrail thresholds. Client-safe.
import { z } from 'zod';

export const MODEL_KINDS = ['search_ranking', 'risk_score', 'discount_offer', 'recommendation'] as const;
export type ModelKindName = (typeof MODEL_KINDS)[number];
export const modelKind = z.enum(MODEL_KINDS);

export const MODEL_STAGES = ['draft', 'shadow', 'canary', 'production', 'retired'] as const;
export type ModelStageName = (typeof MODEL_STAGES)[number];

/**
 * Legal promotions, one step at a time. Production is left only by being replaced or rolled
 * back, and a retired version returns only through rollback, so both have no entries here.
 */
export const STAGE_TRANSITIONS: Record<ModelStageName, readonly ModelStageName[]> = {
  draft: ['shadow', 'retired'],
  shadow: ['canary', 'draft', 'retired'],
  canary: ['production', 'shadow', 'draft', 'retired'],
  production: [],
  retired: [],
};

/** The offline metric each kind's promotion gate compares with production's recorded value. */
export const EVALUATION_GATES: Record<ModelKindName, { metric: string; higherIsBetter: boolean }> = {
  search_ranking: { metric: 'ndcg@10', higherIsBetter: true },
  risk_score: { metric: 'auc', higherIsBetter: true },
  discount_offer: { metric: 'incremental_margin_cents', higherIsBetter: true },
  recommendation: { metric: 'recall@10', higherIsBetter: true },
};

export const guardrailThresholds = z.object({
  /** Share of decisions that errored or timed out. */
  maxErrorRate: z.number().min(0).max(1).default(0.05),
  maxP95LatencyMs: z.number().min(1).max(60_000).default(1_500),
  maxDegradedShare: z.number().min(0).max(1).default(0.1),
  /** Fewer decisions than this in the window is not evidence either way. */
  minDecisions: z.number().int().min(1).max(1_000_000).default(50),
  windowMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(15),
  /**
   * Relative fall of the kind's business KPI (click-through, approval rate, offer acceptance)
   * on the canary against the version everyone else gets, beyond which the canary is rolled back.
   */
  maxKpiDrop: z.number().min(0).max(1).default(0.2),
  /** Fewer KPI observations than this (searches, orders, offers) on either side is not evidence. */
  minKpiSample: z.number().int().min(1).max(1_000_000).default(100),
  /** Population stability index of the score above which drift is alerted. */
  maxScorePsi: z.number().min(0).max(10).default(0.25),
  /** Step the canary share up automatically while the guardrails hold for a whole window. */
  autoAdvance: z.boolean().default(false),
  canarySteps: z.array(z.number().min(0).max(100)).min(1).max(20).default([1, 5, 25, 50, 100]),
  /** PSI of a numeric input feature above which feature drift is alerted. */
  maxFeaturePsi: z.number().min(0).max(10).default(0.25),
});
export type GuardrailThresholds = z.output<typeof guardrailThresholds>;

export function modelLabel(modelKey: string, version: number): string {
  return `${modelKey}@v${version}`;
}

export function builtinLabel(kind: ModelKindName): string {
  return `${kind}@builtin`;
}
