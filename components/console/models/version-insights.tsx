'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { LatencyChart } from './serving-charts';
import { ErrorClassChart, KpiChart } from './version-insights-charts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const usd = (x: number) => (x >= 0.01 ? `$${x.toFixed(2)}` : `$${x.toFixed(5)}`);

const KPI_LABELS: Record<string, string> = {
  ctr: 'Click-through',
  addToCartRate: 'Add-to-cart',
  approvalRate: 'Approved',
  reviewRate: 'Sent to review',
  declineRate: 'Declined',
  offerRate: 'Offer made',
  acceptanceRate: 'Offer accepted',
  discountCostPerDecisionCents: 'Discount cost / decision',
  revenuePerVisitorCents: 'Revenue / visitor',
};

function formatKpi(key: string, value: number | undefined) {
  if (value === undefined) return '–';
  return key.endsWith('Cents') ? `$${(value / 100).toFixed(2)}` : pct(value);
}

/** The version in serving: business KPIs, latency, errors by class, cost, feature drift and shadow comparison. */
export function VersionInsights({ versionId }: { versionId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(
    trpc.models.versionInsights.queryOptions({ versionId }, { refetchInterval: 15_000 }),
  );
  const kpiKeys = Object.keys(data.kpi.own?.rates ?? data.kpi.baseline?.rates ?? {});
  const rows = [data.kpi.own, data.kpi.baseline].filter((r): r is NonNullable<typeof r> => r !== null);
  const label = data.metrics?.modelVersion ?? data.kpi.own?.modelVersion ?? 'this version';
  return (
    <div className="flex flex-col gap-4">
      <Card aria-label="Business KPIs">
        <CardHeader>
          <CardTitle>Business KPIs</CardTitle>
          <p className="text-sm text-muted-foreground">
            Last 24 hours, shopper outcomes of the decisions each version made. Guardrail: {data.kpi.primary.label}.
          </p>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {rows.length === 0 ? (
            <p className="text-sm text-muted-foreground">No decisions with outcomes yet.</p>
          ) : (
            <>
              <table className="w-full text-sm" aria-label="KPIs per version">
                <thead className="text-left text-xs text-muted-foreground">
                  <tr>
                    <th className="py-1 font-medium">Version</th>
                    <th className="font-medium">Decisions</th>
                    {kpiKeys.map((k) => (
                      <th key={k} className="font-medium">
                        {KPI_LABELS[k] ?? k}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="tabular-nums">
                  {rows.map((r) => (
                    <tr key={r.modelVersion} className="border-t">
                      <td className="py-1.5 font-medium">
                        {r.modelVersion}
                        {r === data.kpi.baseline ? <span className="ml-1 text-xs text-muted-foreground">(baseline)</span> : null}
                      </td>
                      <td>{r.decisions}</td>
                      {kpiKeys.map((k) => (
                        <td key={k}>{formatKpi(k, r.rates[k])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              <KpiChart points={data.kpi.series} kpi={data.kpi.primary.key} label={data.kpi.primary.label} />
            </>
          )}
        </CardContent>
      </Card>

      <Card aria-label="Serving">
        <CardHeader>
          <CardTitle>Latency, errors and cost</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {data.metrics ? (
            <>
              <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
                <Stat label="Decisions" value={String(data.metrics.decisions)} />
                <Stat label="p50 / p95 / p99" value={`${data.metrics.p50} / ${data.metrics.p95} / ${data.metrics.p99} ms`} />
                <Stat
                  label="Errors (timeout / model / rejected)"
                  value={`${data.metrics.timeouts} / ${data.metrics.modelErrors} / ${data.metrics.validationRejected}`}
                />
                <Stat label="Cost / 1k decisions" value={data.cost ? usd(data.cost.costPer1k) : '–'} />
              </dl>
              <LatencyChart points={data.series} versions={[label]} />
              <ErrorClassChart points={data.series} />
            </>
          ) : (
            <p className="text-sm text-muted-foreground">This version has served no decisions in the last 24 hours.</p>
          )}
        </CardContent>
      </Card>

      <div className="grid gap-4 md:grid-cols-2">
        <Card aria-label="Feature drift">
          <CardHeader>
            <CardTitle>Feature drift</CardTitle>
            <p className="text-sm text-muted-foreground">
              {data.drift.launchedAt
                ? `PSI per input feature: launch window vs the last ${data.drift.windowMinutes} min. Alert above ${data.drift.threshold}.`
                : 'Measured once the version serves traffic (canary or production).'}
            </p>
          </CardHeader>
          <CardContent>
            {data.drift.features.length === 0 ? (
              <p className="text-sm text-muted-foreground">No numeric features logged yet.</p>
            ) : (
              <table className="w-full text-sm" aria-label="Feature drift">
                <thead className="text-left text-xs text-muted-foreground">
                  <tr>
                    <th className="py-1 font-medium">Feature</th>
                    <th className="font-medium">PSI</th>
                    <th className="font-medium">Launch / recent n</th>
                  </tr>
                </thead>
                <tbody className="tabular-nums">
                  {data.drift.features.map((f) => (
                    <tr key={f.feature} className="border-t">
                      <td className="py-1 font-mono text-xs">{f.feature}</td>
                      <td>
                        {f.psi > data.drift.threshold ? (
                          <Badge variant="destructive">{f.psi.toFixed(3)}</Badge>
                        ) : f.psi > 0.1 ? (
                          <Badge variant="warning">{f.psi.toFixed(3)}</Badge>
                        ) : (
                          f.psi.toFixed(3)
                        )}
                      </td>
                      <td>
                        {f.referenceCount} / {f.recentCount}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </CardContent>
        </Card>
        <Card aria-label="Shadow comparison">
          <CardHeader>
            <CardTitle>Shadow comparison</CardTitle>
            <p className="text-sm text-muted-foreground">This version&apos;s shadow runs against what was served.</p>
          </CardHeader>
          <CardContent>
            {data.shadow ? (
              <dl className="grid grid-cols-2 gap-3 text-sm">
                <Stat label="Runs (failures)" value={`${data.shadow.runs} (${data.shadow.failures})`} />
                <Stat label="Agreement" value={data.shadow.agreement === null ? '–' : pct(data.shadow.agreement)} />
                <Stat
                  label="Rank correlation (Spearman)"
                  value={data.shadow.rankCorrelation === null ? '–' : data.shadow.rankCorrelation.toFixed(3)}
                />
                <Stat
                  label="Score Δ (mean / mean |Δ|)"
                  value={
                    data.shadow.meanScoreDelta === null
                      ? '–'
                      : `${data.shadow.meanScoreDelta.toFixed(3)} / ${data.shadow.meanAbsScoreDelta!.toFixed(3)}`
                  }
                />
              </dl>
            ) : (
              <p className="text-sm text-muted-foreground">No shadow runs in the last 24 hours.</p>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}
