// The trained risk model as the production risk_score version on first start, so checkout
// scores orders instead of sending every one to review (the built-in). Training is seeded and
// takes a few seconds; a database that already has a risk_score model is left alone.
import type { Db } from '@/server/db/client';
import { withTx } from '@/server/db/client';
import { trainRiskModel, type TrainingReport } from '@/server/ml/risk/train';
import { changeStage, lockVersion } from '@/server/modules/models/change-stage';
import { createModel, createModelVersion } from '@/server/modules/models/create-model';
import { recordEvaluation } from '@/server/modules/models/evaluation-gate';
import { invalidateServingCache } from '@/server/modules/models/serving-versions';
import { RISK_IMPLEMENTATION } from './risk-decision';

export const RISK_MODEL_KEY = 'checkout-risk';

export function evaluationOf(report: TrainingReport) {
  return {
    dataset: `fraud-simulator seed=${report.seed}, held-out last 30% (${report.heldOut.orders} orders, ${report.heldOut.fraud} fraud)`,
    metrics: {
      auc: round(report.heldOut.auc),
      train_auc: round(report.train.auc),
      precision_at_review: round(report.heldOut.review.precision),
      recall_at_review: round(report.heldOut.review.recall),
      precision_at_reject: round(report.heldOut.reject.precision),
      recall_at_reject: round(report.heldOut.reject.recall),
    },
  };
}

/** Registers a trained model as a new draft version with its evaluation attached. */
export async function registerRiskVersion(db: Db, report: TrainingReport, actor: string) {
  let model = await db.model.findUnique({ where: { key: RISK_MODEL_KEY }, select: { id: true } });
  model ??= await createModel(db, {
    key: RISK_MODEL_KEY,
    name: 'Checkout risk (logistic regression)',
    kind: 'risk_score',
    owner: 'risk',
    description: 'L2 logistic regression over checkout features; see server/ml/risk.',
    actor,
  });
  const version = await createModelVersion(db, {
    modelId: model.id,
    implementationKey: RISK_IMPLEMENTATION,
    params: report.params,
    trainingDataRef: `simulator:seed=${report.seed}:orders=${report.orders}`,
    note: `held-out AUC ${report.heldOut.auc.toFixed(3)}`,
    actor,
  });
  await recordEvaluation(db, { versionId: version.id, evaluation: evaluationOf(report), actor });
  return version;
}

export async function ensureRiskModel(
  db: Db,
): Promise<{ created: boolean; versionId?: string; report?: TrainingReport }> {
  const existing = await db.modelVersion.count({ where: { kind: 'risk_score', stage: 'production' } });
  if (existing > 0) return { created: false };
  const report = trainRiskModel();
  const version = await registerRiskVersion(db, report, 'system');
  // First start only: no production version and no reviewer exists yet, so the bootstrap
  // version goes live directly; the stage change and audit row say so. Later versions go
  // through governance (shadow → canary → production with approvals).
  await withTx(db, async (tx) => {
    const locked = await lockVersion(tx, version.id);
    const other = await tx.modelVersion.count({ where: { kind: 'risk_score', stage: 'production' } });
    if (other > 0) return;
    await changeStage(tx, locked, 'production', {
      actor: 'system',
      reason: 'bootstrap: trained risk model seeded as production on first start',
    });
  });
  invalidateServingCache();
  return { created: true, versionId: version.id, report };
}

function round(x: number) {
  return Math.round(x * 10_000) / 10_000;
}
