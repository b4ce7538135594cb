'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { MetricName } from '@/server/modules/experiments/experiments.schema';
import { LiftChart } from './lift-chart';
import { formatMetric, METRIC_LABELS } from './metric-format';

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const p = (x: number) => (x < 0.0001 ? '< 0.0001' : x.toFixed(4));
/** Columns of the per-arm and per-day tables, in reading order. */
const TABLE_METRICS: MetricName[] = [
  'conversion_rate',
  'revenue_per_visitor',
  'average_order_value',
  'refund_rate',
  'search_click_through',
  'add_to_cart_rate',
];

export function ExperimentResults({ experimentId }: { experimentId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: e } = useSuspenseQuery(trpc.experiments.get.queryOptions({ experimentId }));
  const { data: r } = useSuspenseQuery(trpc.experiments.results.queryOptions({ experimentId }));
  const start = useMutation(trpc.experiments.start.mutationOptions());
  const stop = useMutation(trpc.experiments.stop.mutationOptions());
  const decide = useMutation(trpc.experiments.decide.mutationOptions());
  const retry = useMutation(trpc.experiments.ship.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.experiments.pathKey() });
  const act = async (fn: { mutateAsync: (input: { experimentId: string }) => Promise<unknown> }) => {
    await fn.mutateAsync({ experimentId });
    await refresh();
  };
  const error = start.error ?? stop.error ?? decide.error ?? retry.error;
  const canDecide = (r.status === 'running' || r.status === 'stopped') && r.decidable;

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>
            {e.name} <Badge variant={r.status === 'running' ? 'success' : 'secondary'}>{r.status}</Badge>{' '}
            <Badge variant={r.srm.mismatch ? 'destructive' : 'success'} aria-label="Sample ratio status">
              {r.srm.mismatch ? `SRM detected (p = ${p(r.srm.pValue)})` : 'Traffic split OK'}
            </Badge>{' '}
            {e.policyKind ? <Badge variant="secondary">{e.policyKind} policy arms</Badge> : null}
          </CardTitle>
          <p className="text-sm text-muted-foreground">{e.hypothesis}</p>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <ul aria-label="Summary" className="list-disc pl-5 text-sm">
            {r.summary.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="text-sm text-muted-foreground">
            Units:{' '}
            {Object.entries(r.units)
              .map(([arm, n]) => `${arm} ${n.toLocaleString()}`)
              .join(' · ')}{' '}
            (planned {r.plannedSampleSize.toLocaleString()} per arm) · Arms:{' '}
            {e.arms.map((a) => `${a.key} = ${a.versionLabel} (${a.versionStage ?? '?'})`).join(' · ')}
          </p>
          {e.ship ? (
            <div
              role="status"
              aria-label="Shipment"
              className={`rounded-md border p-3 text-sm ${e.ship.state === 'pending' ? 'border-warning bg-warning/10' : 'border-success bg-success/10'}`}
            >
              {e.ship.state === 'pending' ? (
                <>
                  <strong>Shipping {e.ship.arm} is pending</strong> ({e.ship.versionLabel} is at {e.ship.reached}):{' '}
                  {e.ship.blockedBy}. Once the approvals are in, retry.
                </>
              ) : e.ship.state === 'shipped' ? (
                <>
                  <strong>Shipped {e.ship.arm}</strong>: {e.ship.versionLabel} is now {e.ship.reached}.
                </>
              ) : (
                <>
                  <strong>Decided: keep {e.ship.arm}</strong>: {e.ship.versionLabel} was already {e.ship.reached}.
                </>
              )}
            </div>
          ) : null}
          <div className="flex flex-wrap items-center gap-2">
            {r.status === 'draft' ? (
              <Button size="sm" onClick={() => act(start)} disabled={start.isPending}>
                Start
              </Button>
            ) : null}
            {r.status === 'running' ? (
              <Button size="sm" variant="secondary" onClick={() => act(stop)} disabled={stop.isPending}>
                Stop
              </Button>
            ) : null}
            {canDecide
              ? e.arms.map((a) => (
                  <Button
                    key={a.key}
                    size="sm"
                    variant="secondary"
                    disabled={decide.isPending}
                    onClick={async () => {
                      await decide.mutateAsync({ experimentId, arm: a.key });
                      await refresh();
                    }}
                  >
                    Ship {a.key} ({a.versionLabel})
                  </Button>
                ))
              : null}
            {(r.status === 'running' || r.status === 'stopped') && !r.decidable ? (
              <p className="text-sm text-destructive">Not decidable: the traffic split does not match the plan.</p>
            ) : null}
            {e.ship?.state === 'pending' ? (
              <Button size="sm" onClick={() => act(retry)} disabled={retry.isPending}>
                Retry shipping
              </Button>
            ) : null}
            {error ? (
              <p role="alert" className="text-sm text-destructive">
                {error.message}
              </p>
            ) : null}
          </div>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Cumulative lift of {r.chartMetric ? METRIC_LABELS[r.chartMetric] : 'the primary metric'}</CardTitle>
        </CardHeader>
        <CardContent>
          {r.cumulative.length ? <LiftChart points={r.cumulative} /> : <p className="text-sm text-muted-foreground">No data yet.</p>}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Per-arm metrics</CardTitle>
        </CardHeader>
        <CardContent>
          <Table aria-label="Per-arm metrics">
            <THead>
              <tr>
                <Th>Arm</Th>
                <Th>Units</Th>
                {TABLE_METRICS.map((m) => (
                  <Th key={m}>{METRIC_LABELS[m]}</Th>
                ))}
                <Th>p95 latency</Th>
              </tr>
            </THead>
            <TBody>
              {r.arms.map((a) => (
                <tr key={a.arm}>
                  <Td>{a.arm}</Td>
                  <Td>{a.units.toLocaleString()}</Td>
                  {TABLE_METRICS.map((m) => (
                    <Td key={m}>{formatMetric(m, a.values[m])}</Td>
                  ))}
                  <Td>{r.latencyP95[a.arm]?.p95 != null ? `${r.latencyP95[a.arm]!.p95!.toFixed(1)} ms` : '—'}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Comparisons with control</CardTitle>
        </CardHeader>
        <CardContent>
          <Table aria-label="Metrics per arm">
            <THead>
              <tr>
                <Th>Metric</Th>
                <Th>Arm</Th>
                <Th>Control</Th>
                <Th>Arm value</Th>
                <Th>Lift (95% CI)</Th>
                <Th>p (fixed, Holm)</Th>
                <Th>p (always valid)</Th>
                <Th>P(beats control)</Th>
                <Th>CUPED</Th>
              </tr>
            </THead>
            <TBody>
              {r.comparisons.map((c) => (
                <tr key={`${c.role}:${c.metric}:${c.arm}`}>
                  <Td>
                    {METRIC_LABELS[c.metric]} <span className="text-xs text-muted-foreground">{c.role}</span>
                    {c.degraded && c.role === 'guardrail' ? (
                      <Badge variant="destructive" className="ml-2">
                        breached
                      </Badge>
                    ) : null}
                  </Td>
                  <Td>{c.arm}</Td>
                  <Td>{formatMetric(c.metric, c.controlMean)}</Td>
                  <Td>{formatMetric(c.metric, c.armMean)}</Td>
                  <Td>
                    {pct(c.relative)} ({pct(c.relativeCi.low)} to {pct(c.relativeCi.high)})
                  </Td>
                  <Td>{p(c.adjustedPValue)}</Td>
                  <Td>{p(c.alwaysValidPValue)}</Td>
                  <Td>{pct(c.probabilityToBeatControl)}</Td>
                  <Td>{c.cuped ? `−${pct(Math.max(0, c.cuped.varianceReduction))} variance` : '—'}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
          {r.unavailable.length ? (
            <p className="mt-2 text-sm text-muted-foreground">Not measured yet: {r.unavailable.map((m) => METRIC_LABELS[m]).join(', ')}.</p>
          ) : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>By day of first exposure</CardTitle>
          <p className="text-sm text-muted-foreground">Each day&apos;s newly exposed shoppers, per arm, with what they did afterwards.</p>
        </CardHeader>
        <CardContent>
          {r.daily.length ? (
            <Table aria-label="Metrics per day">
              <THead>
                <tr>
                  <Th>Day (UTC)</Th>
                  <Th>Arm</Th>
                  <Th>Units</Th>
                  {TABLE_METRICS.map((m) => (
                    <Th key={m}>{METRIC_LABELS[m]}</Th>
                  ))}
                </tr>
              </THead>
              <TBody>
                {r.daily.flatMap((d) =>
                  d.arms.map((a, i) => (
                    <tr key={`${d.day}:${a.arm}`}>
                      <Td>{i === 0 ? d.day : ''}</Td>
                      <Td>{a.arm}</Td>
                      <Td>{a.units.toLocaleString()}</Td>
                      {TABLE_METRICS.map((m) => (
                        <Td key={m}>{formatMetric(m, a.values[m])}</Td>
                      ))}
                    </tr>
                  )),
                )}
              </TBody>
            </Table>
          ) : (
            <p className="text-sm text-muted-foreground">No exposed units yet.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
