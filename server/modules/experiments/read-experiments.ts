// Reads for the console: the list and one experiment with its arms' version labels.
import type { Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { modelLabel } from '@/server/modules/models/model-kinds';

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
  arms: { orderBy: { position: 'asc' }, select: { key: true, allocation: true, modelVersionId: true } },
} as const;

export function listExperiments(db: Db) {
  return db.experiment.findMany({ select, orderBy: { createdAt: 'desc' }, take: 100 });
}

export async function getExperiment(db: Db, id: string) {
  const e = await db.experiment.findUnique({ where: { id }, select });
  if (!e) throw new NotFoundError('experiment', id);
  const versions = await db.modelVersion.findMany({
    where: { id: { in: e.arms.map((a) => a.modelVersionId) } },
    select: { id: true, version: true, model: { select: { key: true } } },
  });
  return {
    ...e,
    arms: e.arms.map((a) => {
      const v = versions.find((x) => x.id === a.modelVersionId);
      return { ...a, versionLabel: v ? modelLabel(v.model.key, v.version) : a.modelVersionId };
    }),
  };
}
