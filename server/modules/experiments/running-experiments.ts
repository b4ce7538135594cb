// What the decision seam asks on every decision: which running experiment (if any) owns this
// unit for this kind, and which arm's version serves it. Cached briefly like serving versions;
// status changes in this process clear the cache.
import type { Db } from '@/server/db/client';
import { modelLabel, type ModelKindName } from '@/server/modules/models/model-kinds';
import { assignUnit, type AssignableExperiment } from './assign-unit';
import { onInvalidate } from '@/server/lib/cache-bus';
import { policyExperimentIds } from './policy-arms';

export type ExperimentArmVersion = {
  id: string;
  label: string;
  implementationKey: string;
  params: Record<string, unknown>;
};
type Running = AssignableExperiment & { layer: string; versions: Map<string, ExperimentArmVersion> };

export type ExperimentServe = { experimentId: string; arm: string; version: ExperimentArmVersion };

const CACHE_MS = 1_000;
let cache = new WeakMap<object, Map<ModelKindName, { at: number; value: Running[] }>>();

export function invalidateExperimentCache(): void {
  cache = new WeakMap();
}
onInvalidate('experiments.running', invalidateExperimentCache);

async function running(db: Db, kind: ModelKindName): Promise<Running[]> {
  const perDb = cache.get(db) ?? new Map<ModelKindName, { at: number; value: Running[] }>();
  cache.set(db, perDb);
  const hit = perDb.get(kind);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const rows = await db.experiment.findMany({
    where: { kind, status: 'running' },
    select: {
      id: true,
      layer: true,
      salt: true,
      trafficStart: true,
      trafficEnd: true,
      holdoutShare: true,
      arms: { orderBy: { position: 'asc' }, select: { key: true, allocation: true, modelVersionId: true } },
    },
  });
  // Policy experiments share the kind's layers but are served by policyForUnit, not decide().
  const policyIds = await policyExperimentIds(db, rows.map((r) => r.id));
  const versionIds = rows.flatMap((r) => (policyIds.has(r.id) ? [] : r.arms.map((a) => a.modelVersionId)));
  const versions = await db.modelVersion.findMany({
    where: { id: { in: versionIds } },
    select: { id: true, version: true, implementationKey: true, params: true, model: { select: { key: true } } },
  });
  const value = rows.map((r) => ({
    ...r,
    versions: new Map(
      r.arms.flatMap((a) => {
        const v = versions.find((x) => x.id === a.modelVersionId);
        if (!v) return [];
        const serve: ExperimentArmVersion = {
          id: v.id,
          label: modelLabel(v.model.key, v.version),
          implementationKey: v.implementationKey,
          params: (v.params ?? {}) as Record<string, unknown>,
        };
        return [[a.key, serve] as const];
      }),
    ),
  }));
  perDb.set(kind, { at: Date.now(), value });
  return value;
}

/** The arm serving this unit, or null (no experiment owns it, or it is in the holdout). */
export async function experimentServe(db: Db, kind: ModelKindName, unitKey: string): Promise<ExperimentServe | null> {
  const list = await running(db, kind);
  if (!list.length) return null;
  const layers = [...new Set(list.map((e) => e.layer))];
  for (const layer of layers) {
    const a = assignUnit(layer, list.filter((e) => e.layer === layer), unitKey);
    if (!a || a.holdout || !a.arm) continue;
    const version = list.find((e) => e.id === a.experimentId)!.versions.get(a.arm);
    if (version) return { experimentId: a.experimentId, arm: a.arm, version };
  }
  return null;
}
