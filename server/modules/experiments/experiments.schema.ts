// Inputs of the experiment doors (tRPC and console forms share these). Allocation and layer
// rules need the database or the whole arm list, so they live in the services, not here.
import { z } from 'zod';
import { modelKind } from '@/server/modules/models/model-kinds';
import { experimentPolicyKind } from '@/server/modules/policies/policy-kinds';

const actor = z.string().trim().min(1).max(120);
const id = z.string().trim().min(1).max(64);

export const METRICS = [
  'search_click_through',
  'zero_result_rate',
  'add_to_cart_rate',
  'conversion_rate',
  'revenue_per_visitor',
  'average_order_value',
  'refund_rate',
] as const;
export const metricName = z.enum(METRICS);
export type MetricName = z.infer<typeof metricName>;

export const armInput = z.object({
  key: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'arm key must be 1–40 of a-z 0-9 _ -'),
  modelVersionId: id,
  allocation: z.number().gt(0, 'allocation must be above 0').max(100, 'allocation must be at most 100'),
});

export const createExperimentInput = z.object({
  key: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'key must be 2–63 lower-case letters, digits or dashes'),
  name: z.string().trim().min(1).max(120),
  hypothesis: z.string().trim().min(1, 'hypothesis is required').max(2000),
  kind: modelKind.default('search_ranking'),
  layer: z.string().trim().min(1).max(60).default('search'),
  trafficStart: z.number().int().min(0).max(10_000).default(0),
  trafficEnd: z.number().int().min(0).max(10_000).default(10_000),
  holdoutShare: z.number().min(0).max(50).default(0),
  /** First arm is control. */
  arms: z.array(armInput).min(2, 'an experiment needs a control and at least one treatment').max(5),
  primaryMetric: metricName.nullable().default(null),
  secondaryMetrics: z.array(metricName).default([]),
  guardrailMetrics: z.array(metricName).default([]),
  baselineRate: z.number().gt(0).lt(1),
  mde: z.number().gt(0, 'MDE must be above 0').max(5),
  autoStop: z.boolean().default(false),
  /**
   * Set for a policy experiment: arms' modelVersionId are then policy version ids of this
   * kind, and `kind` becomes the decision kind the policy wraps (risk → risk_score).
   */
  policyKind: experimentPolicyKind.nullable().default(null),
  actor,
});
export type CreateExperimentInput = z.input<typeof createExperimentInput>;

export const experimentIdInput = z.object({ experimentId: id, actor });
export type ExperimentIdInput = z.input<typeof experimentIdInput>;

export const updateArmsInput = z.object({ experimentId: id, arms: createExperimentInput.shape.arms, actor });
export type UpdateArmsInput = z.input<typeof updateArmsInput>;

export const powerInput = z.object({
  baselineRate: z.number().gt(0).lt(1),
  mde: z.number().gt(0).max(5),
  alpha: z.number().gt(0).lt(0.5).default(0.05),
  power: z.number().gt(0.5).lt(1).default(0.8),
});

export const recordDecisionInput = z.object({
  experimentId: id,
  arm: z.string().trim().min(1).max(40),
  reason: z.string().trim().max(500).default(''),
  actor,
});
export type RecordDecisionInput = z.input<typeof recordDecisionInput>;
