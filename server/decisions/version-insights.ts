// Everything the version page shows about one model version in serving, in one read: latency
// and errors by class over time, business KPIs next to the version everyone else gets, cost
// per 1,000 decisions, per-feature drift since launch, and how it compares as a shadow.
import type { Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { guardrailThresholds } from '@/server/modules/models/model-kinds';
import { launchedAt } from '@/server/modules/models/read-models';
import { businessKpis, PRIMARY_KPI } from './business-kpis';
import { versionCosts } from './decision-costs';
import { versionInsightsInput, type VersionInsightsInput } from './decisions.schema';
import { featureDrift } from './feature-drift';
import { shadowComparison } from './shadow-comparison';
import { versionMetrics, versionTimeseries } from './version-metrics';

export async function versionInsights(db: Db, raw: VersionInsightsInput, now = new Date()) {
  const input = versionInsightsInput.parse(raw);
  const version = await db.modelVersion.findUnique({
    where: { id: input.versionId },
    select: { id: true, kind: true, stage: true, version: true, model: { select: { key: true, guardrails: true } } },
  });
  if (!version) throw new NotFoundError('model version', input.versionId);
  const kind = version.kind;
  const limits = guardrailThresholds.parse(version.model.guardrails ?? {});
  const since = new Date(now.getTime() - input.windowMinutes * 60_000);
  const until = new Date(now.getTime() + 1);
  const production = await db.modelVersion.findFirst({
    where: { kind, stage: 'production' },
    select: { id: true },
  });
  const [metrics] = await versionMetrics(db, kind, { since, until, modelVersionId: version.id });
  const series = await versionTimeseries(db, kind, { since, bucketMinutes: input.bucketMinutes, modelVersionId: version.id });
  const kpis = await businessKpis(db, kind, { since, until, bucketMinutes: input.bucketMinutes });
  const own = kpis.versions.find((v) => v.modelVersionId === version.id) ?? null;
  // The comparison line: production, or the built-in when this version is production / none exists.
  const baseline =
    kpis.versions.find((v) => v.modelVersionId !== version.id && v.modelVersionId === (production?.id ?? null)) ??
    kpis.versions.find((v) => v.modelVersionId === null) ??
    null;
  const shown = new Set([own?.modelVersion, baseline?.modelVersion].filter(Boolean));
  const cost = (await versionCosts(db, kind, { since, until })).find((c) => c.modelVersionId === version.id) ?? null;
  const launched = await launchedAt(db, version.id);
  const drift = launched
    ? await featureDrift(db, version.id, {
        launchedAt: launched,
        windowMinutes: limits.windowMinutes,
        now,
      })
    : [];
  const [shadow] = await shadowComparison(db, kind, { since, modelVersionId: version.id });
  return {
    versionId: version.id,
    kind,
    since,
    metrics: metrics ?? null,
    series,
    kpi: {
      primary: PRIMARY_KPI[kind],
      own,
      baseline,
      series: kpis.series.filter((p) => shown.has(p.modelVersion)),
    },
    cost,
    drift: { launchedAt: launched, threshold: limits.maxFeaturePsi, windowMinutes: limits.windowMinutes, features: drift },
    shadow: shadow ?? null,
  };
}
export type VersionInsights = Awaited<ReturnType<typeof versionInsights>>;
