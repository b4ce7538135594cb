// Guardrails: the canary's live health, from the decision log, against its model's
// thresholds. A breach rolls the canary back (to shadow) with the reason recorded in the
// stage history, the audit trail and an alert row. Score drift of the serving versions is
// alerted, not acted on. Exported for the scheduled function (automations issue).
import type { Db } from '@/server/db/client';
import { versionMetrics, type VersionMetrics } from '@/server/decisions/version-metrics';
import { businessKpis, PRIMARY_KPI } from '@/server/decisions/business-kpis';
import { featureDrift, type FeatureDrift } from '@/server/decisions/feature-drift';
import { scoreDrift } from '@/server/decisions/score-drift';
import { newId } from '@/server/lib/ids';
import { publishAlertCreated } from '@/server/modules/webhooks-out/publish-event';
import { guardrailThresholds, type GuardrailThresholds, type ModelKindName } from './model-kinds';
import { setCanaryShare } from './promote-version';
import { launchedAt } from './read-models';
import { rollbackVersion } from './rollback-version';

export const GUARDRAIL_ACTOR = 'system:guardrails';

export type GuardrailReport = {
  kind: ModelKindName;
  canary: {
    versionId: string;
    metrics: VersionMetrics | null;
    breaches: string[];
    rolledBack: boolean;
    insufficientData: boolean;
    /** The business KPI on the canary against the baseline arm, when both had enough sample. */
    kpi: KpiComparison | null;
    /** The new share when the canary was stepped up. */
    advancedTo: number | null;
  } | null;
  drift: { versionId: string; psi: number; alerted: boolean }[];
  /** Input features whose PSI is over the threshold, per serving version. */
  featureDrift: { versionId: string; features: FeatureDrift[]; alerted: boolean }[];
};

export async function evaluateGuardrails(
  db: Db,
  kind: ModelKindName,
  opts: { now?: Date } = {},
): Promise<GuardrailReport> {
  const now = opts.now ?? new Date();
  const serving = await db.modelVersion.findMany({
    where: { kind, stage: { in: ['canary', 'production'] } },
    select: {
      id: true,
      stage: true,
      version: true,
      canaryShare: true,
      stageChangedAt: true,
      model: { select: { key: true, guardrails: true } },
    },
  });
  const report: GuardrailReport = { kind, canary: null, drift: [], featureDrift: [] };

  const canary = serving.find((v) => v.stage === 'canary');
  if (canary) {
    const limits = guardrailThresholds.parse(canary.model.guardrails ?? {});
    const since = new Date(now.getTime() - limits.windowMinutes * 60_000);
    const [metrics] = await versionMetrics(db, kind, {
      since,
      until: new Date(now.getTime() + 1),
      modelVersionId: canary.id,
    });
    const label = `${canary.model.key}@v${canary.version}`;
    const insufficientData = !metrics || metrics.decisions < limits.minDecisions;
    const breaches: string[] = [];
    if (metrics && !insufficientData) {
      if (metrics.errorRate > limits.maxErrorRate)
        breaches.push(`error rate ${pct(metrics.errorRate)} > ${pct(limits.maxErrorRate)}`);
      if (metrics.p95 > limits.maxP95LatencyMs)
        breaches.push(`p95 latency ${metrics.p95} ms > ${limits.maxP95LatencyMs} ms`);
      if (metrics.degradedShare > limits.maxDegradedShare)
        breaches.push(`degraded share ${pct(metrics.degradedShare)} > ${pct(limits.maxDegradedShare)}`);
    }
    const kpi = await compareKpi(db, kind, canary.id, serving, { since, until: new Date(now.getTime() + 1) }, limits);
    if (kpi?.breached) breaches.push(kpi.message);
    let rolledBack = false;
    if (breaches.length) {
      const reason = `guardrail breach on ${label} over ${metrics?.decisions ?? 0} decisions in ${limits.windowMinutes} min: ${breaches.join('; ')}`.slice(0, 500); // the stage-history reason's limit
      await rollbackVersion(db, { versionId: canary.id, actor: GUARDRAIL_ACTOR, reason });
      const alert = await db.modelAlert.create({
        data: {
          id: newId('malr'),
          kind,
          versionId: canary.id,
          type: 'guardrail_rollback',
          message: reason,
          details: JSON.parse(JSON.stringify({ metrics, limits, breaches, kpi })),
        },
      });
      await publishAlertCreated(db, alert);
      rolledBack = true;
    }
    const advancedTo =
      !rolledBack && !insufficientData && limits.autoAdvance
        ? await advanceCanary(db, canary, limits, now, `guardrails held over ${metrics!.decisions} decisions`)
        : null;
    report.canary = { versionId: canary.id, metrics: metrics ?? null, breaches, rolledBack, insufficientData, kpi, advancedTo };
  }

  for (const v of serving) {
    if (report.canary?.rolledBack && v.id === report.canary.versionId) continue;
    const limits = guardrailThresholds.parse(v.model.guardrails ?? {});
    const windowMs = limits.windowMinutes * 60_000;
    // Reference: the first window after the version started serving; recent: the last one.
    const reference = { since: v.stageChangedAt, until: new Date(v.stageChangedAt.getTime() + windowMs) };
    const recent = { since: new Date(now.getTime() - windowMs), until: new Date(now.getTime() + 1) };
    if (recent.since < reference.until) continue;
    const drift = await scoreDrift(db, v.id, { reference, recent });
    const alerted =
      drift.referenceCount >= limits.minDecisions &&
      drift.recentCount >= limits.minDecisions &&
      drift.psi > limits.maxScorePsi;
    if (alerted) {
      const alert = await db.modelAlert.create({
        data: {
          id: newId('malr'),
          kind,
          versionId: v.id,
          type: 'score_drift',
          message: `score drift on ${v.model.key}@v${v.version}: PSI ${drift.psi.toFixed(3)} > ${limits.maxScorePsi}`,
          details: drift,
        },
      });
      await publishAlertCreated(db, alert);
    }
    report.drift.push({ versionId: v.id, psi: drift.psi, alerted });
  }

  for (const v of serving) {
    if (report.canary?.rolledBack && v.id === report.canary.versionId) continue;
    const limits = guardrailThresholds.parse(v.model.guardrails ?? {});
    const launched = await launchedAt(db, v.id);
    if (!launched) continue;
    const features = await featureDrift(db, v.id, {
      launchedAt: launched,
      windowMinutes: limits.windowMinutes,
      now,
    });
    const drifting = features.filter(
      (f) => f.referenceCount >= limits.minDecisions && f.recentCount >= limits.minDecisions && f.psi > limits.maxFeaturePsi,
    );
    let alerted = false;
    if (drifting.length) {
      // One open alert per version and window: a schedule that runs every few minutes must not
      // bury the console in copies of the same finding.
      const recent = await db.modelAlert.findFirst({
        where: {
          versionId: v.id,
          type: 'feature_drift',
          acknowledgedAt: null,
          createdAt: { gte: new Date(now.getTime() - limits.windowMinutes * 60_000) },
        },
        select: { id: true },
      });
      if (!recent) {
        await db.modelAlert.create({
          data: {
            id: newId('malr'),
            kind,
            versionId: v.id,
            type: 'feature_drift',
            message: `feature drift on ${v.model.key}@v${v.version}: ${drifting
              .slice(0, 5)
              .map((f) => `${f.feature} PSI ${f.psi.toFixed(3)}`)
              .join(', ')} > ${limits.maxFeaturePsi}`,
            details: { features: drifting, launchedAt: launched.toISOString() },
          },
        });
        alerted = true;
      }
    }
    report.featureDrift.push({ versionId: v.id, features: drifting, alerted });
  }
  return report;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export type KpiComparison = {
  key: string;
  label: string;
  canary: number;
  canarySample: number;
  baselineVersion: string;
  baseline: number;
  baselineSample: number;
  /** (baseline − canary) / baseline; positive when the canary does worse. */
  relativeDrop: number;
  breached: boolean;
  message: string;
};

/**
 * The kind's business KPI on the canary against the arm everyone else gets (production, or the
 * built-in when there is none), over the same window. Null until both sides have the minimum
 * sample: a handful of orders says nothing about an approval rate.
 */
async function compareKpi(
  db: Db,
  kind: ModelKindName,
  canaryId: string,
  serving: { id: string; stage: string }[],
  window: { since: Date; until: Date },
  limits: GuardrailThresholds,
): Promise<KpiComparison | null> {
  const productionId = serving.find((v) => v.stage === 'production')?.id ?? null;
  const { versions } = await businessKpis(db, kind, window);
  const canary = versions.find((v) => v.modelVersionId === canaryId);
  const baseline = versions.find((v) => v.modelVersionId === productionId);
  if (!canary || !baseline) return null;
  if (canary.primary.sample < limits.minKpiSample || baseline.primary.sample < limits.minKpiSample) return null;
  const def = PRIMARY_KPI[kind];
  const relativeDrop = baseline.primary.value > 0 ? (baseline.primary.value - canary.primary.value) / baseline.primary.value : 0;
  const breached = relativeDrop > limits.maxKpiDrop;
  return {
    key: def.key,
    label: def.label,
    canary: canary.primary.value,
    canarySample: canary.primary.sample,
    baselineVersion: baseline.modelVersion,
    baseline: baseline.primary.value,
    baselineSample: baseline.primary.sample,
    relativeDrop,
    breached,
    message: `${def.label} ${pct(canary.primary.value)} vs ${pct(baseline.primary.value)} on ${baseline.modelVersion} (${pct(-relativeDrop)}, limit −${pct(limits.maxKpiDrop)}) over ${canary.primary.sample} / ${baseline.primary.sample} ${def.denominator}`,
  };
}

/**
 * Next step of the progressive rollout, once the current share has served a whole window
 * (so the evidence is about this share, not the last one). Returns the new share, or null.
 */
async function advanceCanary(
  db: Db,
  canary: { id: string; canaryShare: number; stageChangedAt: Date },
  limits: GuardrailThresholds,
  now: Date,
  why: string,
): Promise<number | null> {
  if (now.getTime() - canary.stageChangedAt.getTime() < limits.windowMinutes * 60_000) return null;
  const next = [...limits.canarySteps].sort((a, b) => a - b).find((step) => step > canary.canaryShare);
  if (next === undefined) return null;
  await setCanaryShare(db, {
    versionId: canary.id,
    share: next,
    actor: GUARDRAIL_ACTOR,
    reason: `${why}: canary ${canary.canaryShare}% → ${next}%`,
  });
  return next;
}
