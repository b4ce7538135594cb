// Reads for the console: the list and one experiment with its arms' version labels.
import type { Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { modelLabel } from '@/server/modules/models/model-kinds';
import type { PolicyKind } from '@/server/modules/policies/policy-kinds';
import { policyLabel } from '@/server/modules/policies/policy-versions';
import { policyTargetOf } from './policy-arms';

const select = {
  id: true,
  key: true,
  name: true,
  hypothesis: true,
  kind: true,
  status: true,
  layer: true,
  trafficStart: true,
  trafficEnd: true,
  holdoutShare: true,
  primaryMetric: true,
  secondaryMetrics: true,
  guardrailMetrics: true,
  baselineRate: true,
  mde: true,
  plannedSampleSize: true,
  autoStop: true,
  flags: true,
  createdAt: true,
  startedAt: true,
  stoppedAt: true,
  decidedArm: true,
  arms: { orderBy: { position: 'asc' }, select: { key: true, allocation: true, modelVersionId: true } },
} as const;

/** What shipping the decided arm achieved (set by record-decision / ship-decision). */
export type ShipState = {
  state: 'shipped' | 'pending' | 'nothing_to_do';
  arm: string;
  versionLabel: string;
  /** Stage/status the version reached. */
  reached: string;
  /** Why it is pending (approval missing, evaluation gate, another canary …). */
  blockedBy: string | null;
  at: string;
};

export function listExperiments(db: Db) {
  return db.experiment.findMany({ select, orderBy: { createdAt: 'desc' }, take: 100 });
}

export async function getExperiment(db: Db, id: string) {
  const e = await db.experiment.findUnique({ where: { id }, select });
  if (!e) throw new NotFoundError('experiment', id);
  const policyKind: PolicyKind | null = await policyTargetOf(db, e.id);
  const ids = e.arms.map((a) => a.modelVersionId);
  const labels = new Map<string, { label: string; stage: string }>();
  if (policyKind) {
    for (const v of await db.policyVersion.findMany({ where: { id: { in: ids } }, select: { id: true, version: true, status: true } }))
      labels.set(v.id, { label: policyLabel(policyKind, v.version), stage: v.status });
  } else {
    const versions = await db.modelVersion.findMany({
      where: { id: { in: ids } },
      select: { id: true, version: true, stage: true, model: { select: { key: true } } },
    });
    for (const v of versions) labels.set(v.id, { label: modelLabel(v.model.key, v.version), stage: v.stage });
  }
  return {
    ...e,
    policyKind,
    ship: ((e.flags ?? {}) as { ship?: ShipState }).ship ?? null,
    arms: e.arms.map((a) => ({
      ...a,
      versionLabel: labels.get(a.modelVersionId)?.label ?? a.modelVersionId,
      /** Model stage (draft … production) or policy status (draft, published, archived). */
      versionStage: labels.get(a.modelVersionId)?.stage ?? null,
    })),
  };
}
