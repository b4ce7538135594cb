// Test helper: a model version walked through the real governance steps to a stage.
import type { Db } from '@/server/db/client';
import { approveVersion } from './approve-version';
import { createModel, createModelVersion } from './create-model';
import { recordEvaluation } from './evaluation-gate';
import { EVALUATION_GATES, type ModelKindName } from './model-kinds';
import type { CreateModelInput } from './models.schema';
import { promoteVersion } from './promote-version';

let seq = 0;

export async function makeModel(db: Db, kind: ModelKindName, guardrails: CreateModelInput['guardrails'] = {}) {
  seq += 1;
  return createModel(db, {
    key: `${kind.replace(/_/g, '-')}-${seq}`,
    name: `${kind} ${seq}`,
    kind,
    owner: 'data-team',
    actor: 'author',
    guardrails,
  });
}

export async function versionAt(
  db: Db,
  opts: {
    modelId: string;
    kind: ModelKindName;
    implementationKey: string;
    params?: Record<string, unknown>;
    stage: 'draft' | 'shadow' | 'canary' | 'production';
    share?: number;
    metric?: number;
  },
) {
  const v = await createModelVersion(db, {
    modelId: opts.modelId,
    implementationKey: opts.implementationKey,
    params: opts.params ?? {},
    actor: 'author',
  });
  if (opts.stage === 'draft') return v;
  await recordEvaluation(db, {
    versionId: v.id,
    evaluation: { dataset: 'fixture', metrics: { [EVALUATION_GATES[opts.kind].metric]: opts.metric ?? 0.5 } },
    actor: 'author',
  });
  await promoteVersion(db, { versionId: v.id, to: 'shadow', actor: 'author' });
  if (opts.stage === 'shadow') return v;
  await approveVersion(db, { versionId: v.id, targetStage: 'canary', actor: 'reviewer' });
  await promoteVersion(db, { versionId: v.id, to: 'canary', canaryShare: opts.share ?? 10, actor: 'author' });
  if (opts.stage === 'canary') return v;
  await approveVersion(db, { versionId: v.id, targetStage: 'production', actor: 'reviewer' });
  await promoteVersion(db, { versionId: v.id, to: 'production', actor: 'author' });
  return v;
}
