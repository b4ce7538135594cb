// Order metrics and CUPED on hand-built units with answers worked out by hand.
import { describe, expect, it } from 'vitest';
import { computeResults, type ExperimentDef } from './compute-results';
import { cupedEstimates } from './cuped-estimates';
import { estimateMetric } from './metric-estimates';
import { seededRng } from './stats/rng';
import { twoProportionZTest } from './stats/proportions';
import type { ArmUnitAggregates } from './unit-metrics';

type Unit = { orders?: number; revenue?: number; refunded?: number; preRevenue?: number; preEvents?: number };

/** Aggregates exactly as the SQL builds them, from unit rows. */
export function aggregate(arm: string, units: readonly Unit[]): ArmUnitAggregates {
  const sq = (f: (u: Unit) => number) => ({ sum: units.reduce((a, u) => a + f(u), 0), sumSq: units.reduce((a, u) => a + f(u) ** 2, 0) });
  const cross = (f: (u: Unit) => number, g: (u: Unit) => number) => units.reduce((a, u) => a + f(u) * g(u), 0);
  const o = (u: Unit) => u.orders ?? 0;
  const r = (u: Unit) => u.revenue ?? 0;
  const f = (u: Unit) => u.refunded ?? 0;
  const pr = (u: Unit) => u.preRevenue ?? 0;
  const pe = (u: Unit) => u.preEvents ?? 0;
  const converted = (u: Unit) => (o(u) > 0 ? 1 : 0);
  return {
    arm,
    units: units.length,
    clickers: 0,
    carters: 0,
    queries: { sum: 0, sumSq: 0 },
    zeroQueries: { sum: 0, sumSq: 0 },
    queriesZeroCross: 0,
    orders: {
      converters: units.filter((u) => o(u) > 0).length,
      orders: sq(o),
      revenue: sq(r),
      refunded: sq(f),
      revenueOrdersCross: cross(r, o),
      refundedOrdersCross: cross(f, o),
      preRevenue: sq(pr),
      preEvents: sq(pe),
      revenuePreRevenueCross: cross(r, pr),
      convertedPreEventsCross: cross(converted, pe),
    },
  };
}

const def = (metrics: ExperimentDef['secondaryMetrics']): ExperimentDef => ({
  arms: [
    { key: 'control', allocation: 50 },
    { key: 'b', allocation: 50 },
  ],
  primaryMetric: 'conversion_rate',
  secondaryMetrics: metrics,
  guardrailMetrics: [],
  baselineRate: 0.3,
  mde: 0.2,
});

const buyers = (n: number, of: number, cents = 5_000): Unit[] =>
  Array.from({ length: of }, (_, i) => (i < n ? { orders: 1, revenue: cents } : {}));

describe('order metrics', () => {
  it('conversion 3/10 vs 5/10 is the two-proportion test on converting units', () => {
    const r = computeResults(def([]), [aggregate('control', buyers(3, 10)), aggregate('b', buyers(5, 10))]);
    const c = r.comparisons.find((x) => x.metric === 'conversion_rate')!;
    const expected = twoProportionZTest({ successes: 3, n: 10 }, { successes: 5, n: 10 });
    expect(c.controlMean).toBeCloseTo(0.3, 12);
    expect(c.armMean).toBeCloseTo(0.5, 12);
    expect(c.absolute).toBeCloseTo(0.2, 12);
    expect(c.pValue).toBeCloseTo(expected.pValue, 12);
    // z = 0.2 / sqrt(0.4·0.6·(1/10 + 1/10)) = 0.9129 → p = 0.3613 (R: prop.test(c(5,3), c(10,10), correct=FALSE)).
    expect(c.pValue).toBeCloseTo(0.3613, 4);
    expect(c.cuped).toBeNull();
    expect(r.unavailable).toEqual([]);
  });

  it('AOV is a delta-method ratio with the hand-computed variance', () => {
    // Orders [1,2,0,1], revenue [1000,3000,0,2000]: AOV = 6000/4 orders = 1500 cents.
    // Var R̄ ≈ (Var X − 2r Cov + r² Var Y)/(n Ȳ²) = (5e6/3 − 2·1500·1000 + 1500²·2/3)/4 = 125000/3.
    const a = aggregate('control', [
      { orders: 1, revenue: 1000 },
      { orders: 2, revenue: 3000 },
      {},
      { orders: 1, revenue: 2000 },
    ]);
    const aov = estimateMetric('average_order_value', a)!;
    expect(aov.kind).toBe('ratio');
    expect(aov.estimate.mean).toBe(1500);
    expect(aov.estimate.varianceOfMean).toBeCloseTo(125_000 / 3, 6);
    const rpv = estimateMetric('revenue_per_visitor', a)!;
    expect(rpv.estimate.mean).toBe(1500);
    // Sample variance of [1000,3000,0,2000] = 5e6/3; of the mean, /4.
    expect(rpv.estimate.varianceOfMean).toBeCloseTo(5e6 / 12, 6);
    expect(estimateMetric('conversion_rate', a)!.estimate.mean).toBe(0.75);
  });

  it('refund rate is refunded orders over orders and a guardrail that fails when refunds rise', () => {
    const units = (n: number, refunds: number): Unit[] =>
      Array.from({ length: n }, (_, i) => ({ orders: 1, revenue: 4_000, refunded: i < refunds ? 1 : 0 }));
    const r = computeResults({ ...def([]), guardrailMetrics: ['refund_rate'] }, [
      aggregate('control', units(400, 8)),
      aggregate('b', units(400, 60)),
    ]);
    const g = r.comparisons.find((x) => x.metric === 'refund_rate')!;
    expect(g.controlMean).toBeCloseTo(0.02, 12);
    expect(g.armMean).toBeCloseTo(0.15, 12);
    expect(g.degraded).toBe(true);
    expect(r.guardrailBreaches.map((b) => b.metric)).toEqual(['refund_rate']);
    expect(g.probabilityToBeatControl).toBeLessThan(0.01);
  });

  it('reports order metrics as unavailable without an order source, and per-arm values for the table', () => {
    const noOrders = (arm: string): ArmUnitAggregates => {
      const { orders: _ignored, ...rest } = aggregate(arm, buyers(0, 5));
      return rest;
    };
    const r = computeResults(def(['revenue_per_visitor']), [noOrders('control'), noOrders('b')]);
    expect(r.unavailable).toEqual(['conversion_rate', 'revenue_per_visitor']);
    const withOrders = computeResults(def([]), [aggregate('control', buyers(3, 10, 2_000)), aggregate('b', buyers(5, 10))]);
    expect(withOrders.arms[0]!.values.revenue_per_visitor).toBe(600);
    expect(withOrders.arms[1]!.values.average_order_value).toBe(5_000);
  });
});

describe('CUPED on order metrics', () => {
  /** Revenue strongly correlated with the unit's pre-period revenue; treatment adds `lift` cents. */
  function simulate(seed: number, n: number, lift: number) {
    const rng = seededRng(seed);
    const arm = (add: number): Unit[] =>
      Array.from({ length: n }, () => {
        const pre = Math.max(0, 3_000 + 2_000 * rng.normal());
        const revenue = Math.max(0, 0.8 * pre + add + 800 * rng.normal());
        return { orders: revenue > 0 ? 1 : 0, revenue, preRevenue: pre, preEvents: Math.round(pre / 1_000) };
      });
    return [aggregate('control', arm(0)), aggregate('b', arm(lift))];
  }

  it('shrinks the variance of revenue per visitor on correlated pre-period data and keeps the estimate', () => {
    const arms = simulate(7, 2_000, 150);
    const cuped = cupedEstimates('revenue_per_visitor', arms)!;
    expect(cuped.theta).toBeGreaterThan(0.7);
    expect(cuped.theta).toBeLessThan(0.9);
    const c = cuped.arms.get('control')!;
    // ρ² ≈ (0.8·2000)² / ((0.8·2000)² + 800²) ≈ 0.8: the variance drops by about that share.
    expect(c.adjusted.varianceOfMean / c.raw.varianceOfMean).toBeLessThan(0.3);
    const r = computeResults({ ...def(['revenue_per_visitor']), primaryMetric: 'revenue_per_visitor' }, arms);
    const rpv = r.comparisons.find((x) => x.metric === 'revenue_per_visitor')!;
    expect(rpv.cuped!.varianceReduction).toBeGreaterThan(0.7);
    // The adjusted difference is still the true lift, within its (now narrow) interval.
    expect(rpv.absoluteCi.low).toBeLessThan(150);
    expect(rpv.absoluteCi.high).toBeGreaterThan(150);
    expect(rpv.absoluteCi.high - rpv.absoluteCi.low).toBeLessThan(160);
    expect(rpv.pValue).toBeLessThan(0.001);
  });

  it('leaves metrics alone when no unit has pre-period data', () => {
    expect(cupedEstimates('revenue_per_visitor', [aggregate('control', buyers(3, 10)), aggregate('b', buyers(5, 10))])).toBeNull();
    expect(cupedEstimates('average_order_value', simulate(1, 50, 0))).toBeNull();
  });
});
