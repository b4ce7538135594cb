'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { ModelKindName } from '@/server/modules/models/model-kinds';
import { DegradedChart, LatencyChart } from './serving-charts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const usd = (x: number) => (x >= 0.01 ? `$${x.toFixed(2)}` : `$${x.toFixed(5)}`);

/** Per-version serving health over the last day, from the decision log. */
export function ServingHealth({ kind }: { kind: ModelKindName }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.models.metrics.queryOptions({ kind }, { refetchInterval: 15_000 }));
  const versions = data.versions.map((v) => v.modelVersion);
  const costs = new Map(data.costs.map((c) => [c.modelVersion, c]));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Serving health · {kind}</CardTitle>
        <p className="text-sm text-muted-foreground">Last 24 hours, per model version (assigned arm).</p>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {data.versions.length === 0 ? (
          <p className="text-sm text-muted-foreground">No decisions logged yet.</p>
        ) : (
          <>
            <table className="w-full text-sm" aria-label="Version metrics">
              <thead className="text-left text-xs text-muted-foreground">
                <tr>
                  <th className="py-1 font-medium">Version</th>
                  <th className="font-medium">Decisions</th>
                  <th className="font-medium">p50</th>
                  <th className="font-medium">p95</th>
                  <th className="font-medium">p99</th>
                  <th className="font-medium">Errors (timeout / model)</th>
                  <th className="font-medium">Degraded</th>
                  <th
                    className="font-medium"
                    title="Compute time and hosted-provider calls priced by the version's cost rates"
                  >
                    Cost / 1k decisions
                  </th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {data.versions.map((v) => (
                  <tr key={v.modelVersion} className="border-t">
                    <td className="py-1.5 font-medium">{v.modelVersion}</td>
                    <td>{v.decisions}</td>
                    <td>{v.p50} ms</td>
                    <td>{v.p95} ms</td>
                    <td>{v.p99} ms</td>
                    <td>
                      {pct(v.errorRate)} ({v.timeouts} / {v.modelErrors})
                    </td>
                    <td>{pct(v.degradedShare)}</td>
                    <td>
                      {costs.has(v.modelVersion) ? (
                        <span
                          title={`${costs.get(v.modelVersion)!.avgComputeMs} ms compute on average, ${costs.get(v.modelVersion)!.providerCalls} provider calls`}
                        >
                          {usd(costs.get(v.modelVersion)!.costPer1k)}
                        </span>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <LatencyChart points={data.series} versions={versions} />
            <DegradedChart points={data.series} versions={versions} />
          </>
        )}
        {data.kpis.length ? (
          <div>
            <h3 className="mb-1 text-sm font-semibold">Shopper outcomes per served version</h3>
            <ul aria-label="KPIs per version" className="text-sm">
              {data.kpis.map((k) => (
                <li key={k.modelVersion}>
                  {k.modelVersion}: {k.searches} searches, click-through {pct(k.ctr)}, add-to-cart{' '}
                  {pct(k.addToCartRate)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {data.shadows.length ? (
          <div>
            <h3 className="mb-1 text-sm font-semibold">Shadow comparison</h3>
            <ul className="text-sm">
              {data.shadows.map((s) => (
                <li key={s.modelVersion}>
                  {s.modelVersion}: {s.runs} runs, agreement {s.agreement === null ? '–' : pct(s.agreement)}
                  {s.rankCorrelation === null ? '' : `, rank correlation ${s.rankCorrelation.toFixed(2)}`}
                  {s.meanScoreDelta === null ? '' : `, score Δ ${s.meanScoreDelta >= 0 ? '+' : ''}${s.meanScoreDelta.toFixed(3)}`},{' '}
                  {s.failures} failures, p95 {s.p95LatencyMs} ms
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
