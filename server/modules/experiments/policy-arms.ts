// Policy experiments: arms are merchant policy versions (risk or discount) instead of model
// versions. The experiment is marked by an experiment_policy_targets row; its arms'
// model_version_id column holds policy_versions ids (ADR 021). Its decision kind is the one
// the policy wraps (risk → risk_score, discount → discount_offer), so it shares that kind's
// layers, but decide() never serves it (running-experiments skips policy experiments):
// `policyForUnit` is the seam the risk and discount code asks instead of the published policy.
// Exposure is logged when the arm's policy is applied to the unit, once per unit.
import type { Db } from '@/server/db/client';
import { onInvalidate } from '@/server/lib/cache-bus';
import type { ModelKindName } from '@/server/modules/models/model-kinds';
import type { ExperimentPolicyKind, PolicyBody, PolicyKind } from '@/server/modules/policies/policy-kinds';
import { getPublishedPolicy, parsePolicyBody, policyLabel, type PublishedPolicy } from '@/server/modules/policies/policy-versions';
import { assignUnit, type AssignableExperiment } from './assign-unit';
import { AllocationError, ArmVersionError } from './experiment-errors';
import { logExposure } from './log-exposure';

export const POLICY_DECISION_KIND: Record<ExperimentPolicyKind, ModelKindName> = { risk: 'risk_score', discount: 'discount_offer' };

export type PolicyArmSpec = { key: string; modelVersionId: string; allocation: number };

/** Allocation sums to 100, keys unique, every arm a version of the experiment's policy kind. */
export async function validatePolicyArms(db: Db, kind: PolicyKind, arms: readonly PolicyArmSpec[]): Promise<void> {
  const total = arms.reduce((a, b) => a + b.allocation, 0);
  if (Math.abs(total - 100) > 1e-9) throw new AllocationError(Math.round(total * 1000) / 1000);
  if (new Set(arms.map((a) => a.key)).size !== arms.length) throw new ArmVersionError('arm keys must be unique');
  const versions = await db.policyVersion.findMany({
    where: { id: { in: arms.map((a) => a.modelVersionId) } },
    select: { id: true, kind: true },
  });
  for (const arm of arms) {
    const v = versions.find((x) => x.id === arm.modelVersionId);
    if (!v) throw new ArmVersionError(`arm ${arm.key}: policy version ${arm.modelVersionId} does not exist`);
    if (v.kind !== kind) throw new ArmVersionError(`arm ${arm.key}: version is a ${v.kind} policy, not ${kind}`);
  }
}

export async function policyTargetOf(db: Db, experimentId: string): Promise<PolicyKind | null> {
  const t = await db.experimentPolicyTarget.findUnique({ where: { experimentId } });
  return (t?.policyKind as PolicyKind | undefined) ?? null;
}

/** Ids among `experimentIds` that are policy experiments. */
export async function policyExperimentIds(db: Db, experimentIds: readonly string[]): Promise<Set<string>> {
  if (!experimentIds.length) return new Set();
  const rows = await db.experimentPolicyTarget.findMany({
    where: { experimentId: { in: [...experimentIds] } },
    select: { experimentId: true },
  });
  return new Set(rows.map((r) => r.experimentId));
}

type RunningPolicy = AssignableExperiment & { layer: string; policies: Map<string, PublishedPolicy<PolicyKind>> };

const CACHE_MS = 1_000;
let cache = new WeakMap<object, Map<PolicyKind, { at: number; value: RunningPolicy[] }>>();
onInvalidate('experiments.running', () => {
  cache = new WeakMap();
});
onInvalidate('policies.published', () => {
  cache = new WeakMap();
});

async function runningPolicyExperiments(db: Db, kind: PolicyKind): Promise<RunningPolicy[]> {
  const perDb = cache.get(db) ?? new Map<PolicyKind, { at: number; value: RunningPolicy[] }>();
  cache.set(db, perDb);
  const hit = perDb.get(kind);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const targets = await db.experimentPolicyTarget.findMany({ where: { policyKind: kind }, select: { experimentId: true } });
  const rows = targets.length
    ? await db.experiment.findMany({
        where: { id: { in: targets.map((t) => t.experimentId) }, status: 'running' },
        select: {
          id: true,
          layer: true,
          salt: true,
          trafficStart: true,
          trafficEnd: true,
          holdoutShare: true,
          arms: { orderBy: { position: 'asc' }, select: { key: true, allocation: true, modelVersionId: true } },
        },
      })
    : [];
  const versions = await db.policyVersion.findMany({
    where: { id: { in: rows.flatMap((r) => r.arms.map((a) => a.modelVersionId)) } },
  });
  const value = rows.map((r) => ({
    ...r,
    policies: new Map(
      r.arms.flatMap((a) => {
        const v = versions.find((x) => x.id === a.modelVersionId);
        if (!v) return [];
        const policy: PublishedPolicy<PolicyKind> = {
          id: v.id,
          version: v.version,
          label: policyLabel(kind, v.version),
          body: parsePolicyBody(kind, v.body),
        };
        return [[a.key, policy] as const];
      }),
    ),
  }));
  perDb.set(kind, { at: Date.now(), value });
  return value;
}

export type UnitPolicy<K extends PolicyKind> = {
  policy: PublishedPolicy<K> | null;
  /** Set when a running policy experiment's arm chose the policy. */
  experiment: { experimentId: string; arm: string } | null;
};

/**
 * The policy to apply to this unit (the shopper's session key): its arm's version when a
 * running policy experiment owns the unit (exposure logged once), else the published one.
 * A null or empty unit key (no session) always gets the published policy.
 */
export async function policyForUnit<K extends PolicyKind>(db: Db, kind: K, unitKey: string | null | undefined): Promise<UnitPolicy<K>> {
  if (unitKey) {
    const list = await runningPolicyExperiments(db, kind);
    for (const layer of new Set(list.map((e) => e.layer))) {
      const a = assignUnit(layer, list.filter((e) => e.layer === layer), unitKey);
      if (!a || a.holdout || !a.arm) continue;
      const policy = list.find((e) => e.id === a.experimentId)!.policies.get(a.arm);
      if (!policy) continue;
      await logExposure(db, a.experimentId, unitKey, a.arm);
      return { policy: policy as PublishedPolicy<K> & { body: PolicyBody<K> }, experiment: { experimentId: a.experimentId, arm: a.arm } };
    }
  }
  return { policy: await getPublishedPolicy(db, kind), experiment: null };
}
