// One registered model per recommendation algorithm, so each can be promoted through
// shadow, canary or an experiment like any other model. Created once (as drafts) on start;
// the built-in that serves until one is promoted is the blend with default params.
import type { Db } from '@/server/db/client';
import { createModel, createModelVersion } from '@/server/modules/models/create-model';
import { RECS_IMPLEMENTATION } from './engine';
import type { RecsParams } from './recs-config';

export const RECS_MODELS: { key: string; name: string; description: string; params: Partial<RecsParams> }[] = [
  {
    key: 'recs-blend',
    name: 'Recommendations: personal blend',
    description:
      'Co-occurrence with recent products + category affinity + price band; similar items by embeddings, class and attributes.',
    params: { algorithm: 'blend', normalisation: 'cosine' },
  },
  {
    key: 'recs-cooccurrence',
    name: 'Recommendations: item-to-item co-occurrence (lift)',
    description: 'Also viewed / bought together normalised by lift; similar items only to fill.',
    params: { algorithm: 'cooccurrence', normalisation: 'lift' },
  },
  {
    key: 'recs-similar',
    name: 'Recommendations: content similarity',
    description:
      'Nearest neighbours in embedding space blended with class/category and attribute overlap; no behaviour.',
    params: { algorithm: 'similar' },
  },
  {
    key: 'recs-popularity',
    name: 'Recommendations: best-sellers baseline',
    description: 'Best-sellers for every placement: the popularity baseline every other version must beat.',
    params: { algorithm: 'popularity' },
  },
];

const ACTOR = 'system:recommendations';

export async function ensureRecommendationModels(db: Db): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const m of RECS_MODELS) {
    if (await db.model.findUnique({ where: { key: m.key }, select: { id: true } })) continue;
    const model = await createModel(db, {
      key: m.key,
      name: m.name,
      kind: 'recommendation',
      description: m.description,
      owner: 'recommendations',
      actor: ACTOR,
    });
    await createModelVersion(db, {
      modelId: model.id,
      implementationKey: RECS_IMPLEMENTATION,
      params: m.params,
      note: 'seeded on start',
      actor: ACTOR,
    });
    created.push(m.key);
  }
  return { created };
}
