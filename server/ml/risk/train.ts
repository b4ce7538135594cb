// Training the checkout risk model: simulate a labelled month of orders, compute features
// with the serving code, split by time (first 70% train, last 30% held out), fit, evaluate.
import { extractFeatures } from './features';
import { auc, fitLogistic, precisionRecallAt, scoreFeatures, type LogisticParams } from './logistic';
import { simulateOrders, streamHistories, type SimulatorOptions } from './simulator';

/** Score thresholds the default risk policy starts from (see evaluate output). */
export const DEFAULT_REVIEW_THRESHOLD = 15;
export const DEFAULT_REJECT_THRESHOLD = 80;

export type TrainingReport = {
  params: LogisticParams;
  seed: number;
  orders: number;
  fraudShare: number;
  train: { orders: number; auc: number };
  heldOut: {
    orders: number;
    fraud: number;
    auc: number;
    review: { threshold: number; precision: number; recall: number; flaggedShare: number };
    reject: { threshold: number; precision: number; recall: number; flaggedShare: number };
  };
  trainMs: number;
};

export function trainRiskModel(
  opts: SimulatorOptions & { l2?: number; reviewThreshold?: number; rejectThreshold?: number } = {},
): TrainingReport {
  const started = performance.now();
  const seed = opts.seed ?? 7;
  const orders = simulateOrders({ ...opts, seed });
  const histories = streamHistories(orders);
  const rows = orders.map((o, i) => extractFeatures(o, histories[i]!));
  const labels = orders.map((o) => o.label);
  const cut = Math.floor(orders.length * 0.7);
  const params = fitLogistic(rows.slice(0, cut), labels.slice(0, cut), { l2: opts.l2 ?? 1 });
  const scores = rows.map((r) => scoreFeatures(params, r));
  const trainAuc = auc(
    scores.slice(0, cut).map((s) => s.probability),
    labels.slice(0, cut),
  );
  const testScores = scores.slice(cut).map((s) => s.score);
  const testProb = scores.slice(cut).map((s) => s.probability);
  const testLabels = labels.slice(cut);
  const review = opts.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
  const reject = opts.rejectThreshold ?? DEFAULT_REJECT_THRESHOLD;
  return {
    params,
    seed,
    orders: orders.length,
    fraudShare: labels.reduce((s: number, l) => s + l, 0) / labels.length,
    train: { orders: cut, auc: trainAuc },
    heldOut: {
      orders: testLabels.length,
      fraud: testLabels.reduce((s: number, l) => s + l, 0),
      auc: auc(testProb, testLabels),
      review: precisionRecallAt(testScores, testLabels, review),
      reject: precisionRecallAt(testScores, testLabels, reject),
    },
    trainMs: Math.round(performance.now() - started),
  };
}
