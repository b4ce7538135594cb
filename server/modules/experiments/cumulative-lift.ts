// Cumulative relative lift of the primary metric by exposure day, with its 95% interval, for
// the console chart, and the per-day metric table. Units enter on the day they were first
// exposed; each cumulative point uses every unit exposed up to that day (sums of the daily
// sufficient statistics, so any metric works: rates, means and delta-method ratios).
import { armMetricValues, type ArmMetricValues } from './compute-results';
import type { MetricName } from './experiments.schema';
import { estimateMetric } from './metric-estimates';
import { liftIntervals } from './stats/lift';
import { addAggregates, type ArmUnitAggregates, type DailyArmAggregates } from './unit-metrics';

export type LiftPoint = { day: string; relative: number; low: number; high: number; units: number };
export type DailyRow = { day: string; arms: ArmMetricValues[] };

const days = (rows: readonly DailyArmAggregates[]) => [...new Set(rows.map((r) => r.day))].sort();

export function cumulativeLift(
  rows: readonly DailyArmAggregates[],
  controlArm: string,
  treatmentArm: string,
  metric: MetricName | null,
): LiftPoint[] {
  if (!metric) return [];
  let c: ArmUnitAggregates | null = null;
  let t: ArmUnitAggregates | null = null;
  const points: LiftPoint[] = [];
  for (const day of days(rows)) {
    for (const r of rows.filter((x) => x.day === day)) {
      if (r.arm === controlArm) c = c ? addAggregates(c, r) : r;
      if (r.arm === treatmentArm) t = t ? addAggregates(t, r) : r;
    }
    if (!c || !t) continue;
    const ce = estimateMetric(metric, c);
    const te = estimateMetric(metric, t);
    if (!ce || !te || ce.estimate.mean === 0) continue;
    const lift = liftIntervals(ce.estimate, te.estimate);
    points.push({ day, relative: lift.relative, low: lift.relativeCi.low, high: lift.relativeCi.high, units: c.units + t.units });
  }
  return points;
}

/** Each day's cohort (units first exposed that day) per arm, newest day first. */
export function dailyTable(rows: readonly DailyArmAggregates[], armOrder: readonly string[]): DailyRow[] {
  return days(rows)
    .reverse()
    .map((day) => ({
      day,
      arms: armOrder.flatMap((arm) => {
        const r = rows.find((x) => x.day === day && x.arm === arm);
        return r ? [armMetricValues(r)] : [];
      }),
    }));
}
