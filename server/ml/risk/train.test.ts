import { describe, expect, it } from 'vitest';
import { extractFeatures, FEATURE_NAMES, FEATURE_REASONS } from './features';
import { auc, precisionRecallAt, scoreFeatures, topReasons } from './logistic';
import { simulateOrders, streamHistories } from './simulator';
import { DEFAULT_REJECT_THRESHOLD, DEFAULT_REVIEW_THRESHOLD, trainRiskModel } from './train';

/** The floor below which a training change is a regression, not noise (today: ≈ 0.98). */
const HELD_OUT_AUC_FLOOR = 0.9;

describe('risk model training', () => {
  const report = trainRiskModel();

  it('separates fraud from legit on the held-out month tail above the floor', () => {
    expect(report.heldOut.orders).toBeGreaterThan(4_000);
    expect(report.heldOut.fraud).toBeGreaterThan(150);
    expect(report.heldOut.auc).toBeGreaterThanOrEqual(HELD_OUT_AUC_FLOOR);
    // Review catches most fraud; reject is almost never wrong.
    expect(report.heldOut.review.threshold).toBe(DEFAULT_REVIEW_THRESHOLD);
    expect(report.heldOut.review.recall).toBeGreaterThan(0.75);
    expect(report.heldOut.reject.threshold).toBe(DEFAULT_REJECT_THRESHOLD);
    expect(report.heldOut.reject.precision).toBeGreaterThan(0.95);
    expect(report.heldOut.review.flaggedShare).toBeLessThan(0.1);
  });

  it('is deterministic for a seed and differs for another', () => {
    const again = trainRiskModel();
    expect(again.params.weights).toEqual(report.params.weights);
    const other = trainRiskModel({ seed: 11 });
    expect(other.params.weights).not.toEqual(report.params.weights);
    expect(other.heldOut.auc).toBeGreaterThanOrEqual(HELD_OUT_AUC_FLOOR);
  });

  it('learns the simulated patterns in the expected direction', () => {
    const w = Object.fromEntries(FEATURE_NAMES.map((f, i) => [f, report.params.weights[i]!]));
    for (const f of ['first_order', 'ip_velocity_1h', 'card_identities_24h', 'amount_vs_history', 'email_digit_share'])
      expect(w[f], f).toBeGreaterThan(0.3);
  });

  it('explains a card-testing burst with velocity reasons in plain language', () => {
    const orders = simulateOrders({ seed: 3, customers: 300, fraudEvents: 60 });
    const histories = streamHistories(orders);
    const i = orders.findIndex((o, k) => o.pattern === 'card_testing' && histories[k]!.ipOrders1h >= 4);
    expect(i).toBeGreaterThan(-1);
    const s = scoreFeatures(report.params, extractFeatures(orders[i]!, histories[i]!));
    expect(s.score).toBeGreaterThanOrEqual(DEFAULT_REVIEW_THRESHOLD);
    expect(topReasons(s)).toContain(FEATURE_REASONS.ip_velocity_1h);
    expect(s.score).toBeLessThanOrEqual(99);
  });
});

describe('metrics', () => {
  it('computes AUC with ties and precision/recall at a threshold', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75);
    expect(auc([0.5, 0.5], [0, 1])).toBeCloseTo(0.5);
    expect(precisionRecallAt([10, 20, 30, 40], [0, 1, 0, 1], 20)).toMatchObject({ precision: 2 / 3, recall: 1 });
  });
});
