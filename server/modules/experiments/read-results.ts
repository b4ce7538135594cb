// The results service: aggregates from the event log → computeResults, then the side effects
// a look has: the always-valid p-values keep their running minimum across looks (that is what
// makes them always valid), SRM and guardrail breaches are flagged on the experiment, and a
// breach stops it when autoStop is set, audited like any other stop.
import { withTx, type Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { ALPHA, computeResults, type Results } from './compute-results';
import { HIGHER_IS_BETTER } from './metric-estimates';
import { cumulativeLift, dailyTable, type DailyRow, type LiftPoint } from './cumulative-lift';
import { plainSummary } from './plain-summary';
import type { MetricName } from './experiments.schema';
import { armAggregates, armLatencyP95, dailyArmAggregates } from './unit-metrics';
import { publishInvalidation } from '@/server/lib/cache-bus';

type Flags = { srm?: boolean; guardrailBreach?: string[]; msprt?: Record<string, number> };

export type ExperimentResults = Results & {
  status: string;
  autoStopped: boolean;
  plannedSampleSize: number;
  summary: string[];
  cumulative: LiftPoint[];
  /** Metric values per arm for each day's cohort of newly exposed units, newest first. */
  daily: DailyRow[];
  /** p95 decision latency per arm (ms) from the decision log, null for policy arms. */
  latencyP95: Record<string, { p95: number | null; decisions: number }>;
  /** The metric the chart shows and the day-by-day cumulative lift is of. */
  chartMetric: MetricName | null;
};

export async function readResults(db: Db, experimentId: string): Promise<ExperimentResults> {
  return withTx(db, async (tx) => {
    const e = await tx.experiment.findUnique({
      where: { id: experimentId },
      include: { arms: { orderBy: { position: 'asc' } } },
    });
    if (!e) throw new NotFoundError('experiment', experimentId);
    const results = computeResults(
      {
        arms: e.arms.map((a) => ({ key: a.key, allocation: a.allocation })),
        primaryMetric: e.primaryMetric as MetricName | null,
        secondaryMetrics: e.secondaryMetrics as MetricName[],
        guardrailMetrics: e.guardrailMetrics as MetricName[],
        baselineRate: e.baselineRate,
        mde: e.mde,
      },
      await armAggregates(tx, e.id),
    );
    const flags = (e.flags ?? {}) as Flags;
    const msprt = { ...(flags.msprt ?? {}) };
    for (const c of results.comparisons) {
      const key = `${c.metric}:${c.arm}`;
      c.alwaysValidPValue = Math.min(msprt[key] ?? 1, c.alwaysValidPValue);
      msprt[key] = c.alwaysValidPValue;
      if (c.alwaysValidPValue < ALPHA && (HIGHER_IS_BETTER[c.metric] ? c.absolute < 0 : c.absolute > 0)) c.degraded = true;
    }
    results.guardrailBreaches = results.comparisons.filter((c) => c.role === 'guardrail' && c.degraded);
    const breaches = results.guardrailBreaches.map((b) => `${b.metric}:${b.arm}`);
    const next: Flags = { srm: results.srm.mismatch, guardrailBreach: breaches, msprt };
    let status: string = e.status;
    let autoStopped = false;
    if (e.status === 'running') {
      await tx.experiment.update({ where: { id: e.id }, data: { flags: next } });
      if (breaches.length && e.autoStop) {
        await tx.experiment.update({ where: { id: e.id }, data: { status: 'stopped', stoppedAt: new Date() } });
        await recordAudit(tx, {
          actor: 'system:guardrails',
          action: 'experiment.auto_stop',
          entity: 'experiment',
          entityId: e.id,
          after: { breaches },
          reason: `guardrail degraded significantly: ${breaches.join(', ')}`,
        });
        await publishInvalidation(tx, 'experiments.running');
        status = 'stopped';
        autoStopped = true;
      }
    }
    const daily = await dailyArmAggregates(tx, e.id);
    const chartMetric = e.primaryMetric as MetricName | null;
    const cumulative = e.arms.length >= 2 ? cumulativeLift(daily, e.arms[0]!.key, e.arms[1]!.key, chartMetric) : [];
    return {
      ...results,
      status,
      autoStopped,
      plannedSampleSize: e.plannedSampleSize,
      summary: plainSummary(results),
      cumulative,
      daily: dailyTable(daily, e.arms.map((a) => a.key)),
      latencyP95: await armLatencyP95(tx, e.id),
      chartMetric,
    };
  });
}
