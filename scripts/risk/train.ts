// `npm run risk:train [-- --dry-run] [--seed N]`: simulate labelled orders (server/ml/risk/
// simulator.ts), train the logistic risk model on the first 70% by time, evaluate on the last
// 30%, and register the version in the model registry (a draft with its evaluation attached;
// production directly only when no risk model serves yet). Last line: JSON summary.
import { parseArgs } from 'node:util';
import { migrateDatabase } from '@/server/db/bootstrap';
import { createPrismaClient } from '@/server/db/client';
import { withTx } from '@/server/db/client';
import { FEATURE_NAMES } from '@/server/ml/risk/features';
import { trainRiskModel } from '@/server/ml/risk/train';
import { changeStage, lockVersion } from '@/server/modules/models/change-stage';
import { registerRiskVersion } from '@/server/modules/risk/ensure-risk-model';
import { withDatabase } from '../with-database';

const { values } = parseArgs({
  options: { 'dry-run': { type: 'boolean', default: false }, seed: { type: 'string', default: '7' } },
});
const report = trainRiskModel({ seed: Number(values.seed) });
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`simulated ${report.orders} orders (${pct(report.fraudShare)} fraud), trained in ${report.trainMs} ms`);
console.log(`train AUC ${report.train.auc.toFixed(4)} on ${report.train.orders} orders`);
console.log(
  `held-out AUC ${report.heldOut.auc.toFixed(4)} on ${report.heldOut.orders} orders (${report.heldOut.fraud} fraud)`,
);
for (const [name, m] of [
  ['review', report.heldOut.review],
  ['reject', report.heldOut.reject],
] as const)
  console.log(
    `  ${name} at score ≥ ${m.threshold}: precision ${pct(m.precision)}, recall ${pct(m.recall)}, flags ${pct(m.flaggedShare)} of orders`,
  );
console.log('weights (standardised):');
FEATURE_NAMES.forEach((f, i) => console.log(`  ${f.padEnd(22)} ${report.params.weights[i]!.toFixed(3)}`));

let registered: { versionId: string; stage: string } | null = null;
if (!values['dry-run']) {
  registered = await withDatabase(async (url) => {
    await migrateDatabase(url);
    const db = createPrismaClient(url, 1);
    try {
      const version = await registerRiskVersion(db, report, 'risk:train');
      const stage = await withTx(db, async (tx) => {
        const live = await tx.modelVersion.count({ where: { kind: 'risk_score', stage: 'production' } });
        if (live > 0) return 'draft';
        await changeStage(tx, await lockVersion(tx, version.id), 'production', {
          actor: 'risk:train',
          reason: 'bootstrap: no risk model served yet',
        });
        return 'production';
      });
      return { versionId: version.id, stage };
    } finally {
      await db.$disconnect();
    }
  });
  console.log(`registered ${registered.versionId} as ${registered.stage}`);
}

console.log(
  JSON.stringify({
    orders: report.orders,
    fraudShare: round(report.fraudShare),
    trainMs: report.trainMs,
    trainAuc: round(report.train.auc),
    auc: round(report.heldOut.auc),
    review: {
      threshold: report.heldOut.review.threshold,
      precision: round(report.heldOut.review.precision),
      recall: round(report.heldOut.review.recall),
    },
    reject: {
      threshold: report.heldOut.reject.threshold,
      precision: round(report.heldOut.reject.precision),
      recall: round(report.heldOut.reject.recall),
    },
    registered,
  }),
);

function round(x: number) {
  return Math.round(x * 10_000) / 10_000;
}
