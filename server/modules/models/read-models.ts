// Registry reads for the console and the API: models with their versions, one version with
// its stage history, approvals and the gate it would face.
import type { Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { modelLabel, type ModelKindName } from './model-kinds';

const versionSummary = {
  id: true,
  version: true,
  kind: true,
  stage: true,
  canaryShare: true,
  implementationKey: true,
  params: true,
  evaluation: true,
  evaluatedAt: true,
  createdBy: true,
  createdAt: true,
  stageChangedAt: true,
} as const;

export async function listModels(db: Db, filter: { kind?: ModelKindName } = {}) {
  const models = await db.model.findMany({
    where: { kind: filter.kind },
    orderBy: [{ kind: 'asc' }, { createdAt: 'asc' }],
    select: {
      id: true,
      key: true,
      name: true,
      kind: true,
      owner: true,
      description: true,
      createdAt: true,
      versions: { select: versionSummary, orderBy: { version: 'desc' } },
    },
  });
  return models.map((m) => ({
    ...m,
    versions: m.versions.map((v) => ({ ...v, label: modelLabel(m.key, v.version) })),
  }));
}

export async function getModel(db: Db, modelId: string) {
  const [model] = (await listModels(db)).filter((m) => m.id === modelId);
  if (!model) throw new NotFoundError('model', modelId);
  const full = await db.model.findUniqueOrThrow({
    where: { id: modelId },
    select: { guardrails: true, createdBy: true },
  });
  return { ...model, ...full };
}

export async function getModelVersion(db: Db, versionId: string) {
  const row = await db.modelVersion.findUnique({
    where: { id: versionId },
    select: {
      ...versionSummary,
      artifactRef: true,
      trainingDataRef: true,
      note: true,
      model: { select: { id: true, key: true, name: true, owner: true, guardrails: true } },
      stageChanges: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
      approvals: { orderBy: { createdAt: 'asc' } },
    },
  });
  if (!row) throw new NotFoundError('model version', versionId);
  return { ...row, label: modelLabel(row.model.key, row.version) };
}

export function listModelAlerts(db: Db, filter: { kind?: ModelKindName; versionId?: string; limit?: number } = {}) {
  return db.modelAlert.findMany({
    where: { kind: filter.kind, versionId: filter.versionId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: filter.limit ?? 50,
  });
}

/** When the version started serving: its first move into canary or production. */
export async function launchedAt(db: Db, modelVersionId: string): Promise<Date | null> {
  const first = await db.modelStageChange.findFirst({
    where: { versionId: modelVersionId, toStage: { in: ['canary', 'production'] } },
    orderBy: { createdAt: 'asc' },
    select: { createdAt: true },
  });
  return first?.createdAt ?? null;
}
