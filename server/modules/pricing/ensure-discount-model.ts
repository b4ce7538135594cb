// The propensity heuristic as the production discount_offer version on first start (the
// built-in offers nothing), so cart recovery and held-order rescue can propose offers that
// the published discount policy then bounds. A database with a production version is left alone.
import { withTx, type Db } from '@/server/db/client';
import { changeStage, lockVersion } from '@/server/modules/models/change-stage';
import { createModel, createModelVersion } from '@/server/modules/models/create-model';
import { recordEvaluation } from '@/server/modules/models/evaluation-gate';
import { invalidateServingCache } from '@/server/modules/models/serving-versions';
import { DEFAULT_DISCOUNT_MODEL, DISCOUNT_IMPLEMENTATION } from './discount-decision';

export const DISCOUNT_MODEL_KEY = 'discount-propensity';

export async function ensureDiscountModel(db: Db): Promise<{ created: boolean; versionId?: string }> {
  if (await db.modelVersion.count({ where: { kind: 'discount_offer', stage: 'production' } }))
    return { created: false };
  let model = await db.model.findUnique({ where: { key: DISCOUNT_MODEL_KEY }, select: { id: true } });
  model ??= await createModel(db, {
    key: DISCOUNT_MODEL_KEY,
    name: 'Discount offer propensity (heuristic)',
    kind: 'discount_offer',
    owner: 'pricing',
    description:
      'Base percent per reason, adjusted by cart value, items and prior offers; bounded by the discount policy.',
    actor: 'system',
  });
  const version = await createModelVersion(db, {
    modelId: model.id,
    implementationKey: DISCOUNT_IMPLEMENTATION,
    params: DEFAULT_DISCOUNT_MODEL,
    note: 'hand-set heuristic baseline',
    actor: 'system',
  });
  await recordEvaluation(db, {
    versionId: version.id,
    evaluation: {
      dataset: 'none: heuristic baseline, no offline uplift data yet',
      metrics: { incremental_margin_cents: 0 },
      notes: 'The gate baseline for the first learned model.',
    },
    actor: 'system',
  });
  await withTx(db, async (tx) => {
    const locked = await lockVersion(tx, version.id);
    if (await tx.modelVersion.count({ where: { kind: 'discount_offer', stage: 'production' } })) return;
    await changeStage(tx, locked, 'production', {
      actor: 'system',
      reason: 'bootstrap: discount heuristic seeded as production on first start',
    });
  });
  invalidateServingCache();
  return { created: true, versionId: version.id };
}
