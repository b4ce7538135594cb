'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { LiftChart } from './lift-chart';

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const p = (x: number) => (x < 0.0001 ? '< 0.0001' : x.toFixed(4));

export function ExperimentResults({ experimentId }: { experimentId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: e } = useSuspenseQuery(trpc.experiments.get.queryOptions({ experimentId }));
  const { data: r } = useSuspenseQuery(trpc.experiments.results.queryOptions({ experimentId }));
  const start = useMutation(trpc.experiments.start.mutationOptions());
  const stop = useMutation(trpc.experiments.stop.mutationOptions());
  const ship = useMutation(trpc.experiments.decide.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.experiments.pathKey() });
  const act = async (fn: typeof start) => {
    await fn.mutateAsync({ experimentId });
    await refresh();
  };

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>
            {e.name} <Badge variant={r.status === 'running' ? 'success' : 'secondary'}>{r.status}</Badge>{' '}
            <Badge variant={r.srm.mismatch ? 'destructive' : 'success'} aria-label="Sample ratio status">
              {r.srm.mismatch ? `SRM detected (p = ${p(r.srm.pValue)})` : 'Traffic split OK'}
            </Badge>
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
            (planned {r.plannedSampleSize.toLocaleString()} per arm)
          </p>
          <div className="flex gap-2">
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
            {r.status === 'stopped' && r.decidable
              ? e.arms.map((a) => (
                  <Button
                    key={a.key}
                    size="sm"
                    variant="secondary"
                    disabled={ship.isPending}
                    onClick={async () => {
                      await ship.mutateAsync({ experimentId, arm: a.key });
                      await refresh();
                    }}
                  >
                    Record winner: {a.key} ({a.versionLabel})
                  </Button>
                ))
              : null}
            {start.error || stop.error || ship.error ? (
              <p role="alert" className="text-sm text-destructive">
                {(start.error ?? stop.error ?? ship.error)!.message}
              </p>
            ) : null}
          </div>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Cumulative lift of {e.primaryMetric ?? 'the primary metric'}</CardTitle>
        </CardHeader>
        <CardContent>
          {r.cumulative.length ? <LiftChart points={r.cumulative} /> : <p className="text-sm text-muted-foreground">No data yet.</p>}
        </CardContent>
      </Card>
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
          </tr>
        </THead>
        <TBody>
          {r.comparisons.map((c) => (
            <tr key={`${c.metric}:${c.arm}`}>
              <Td>
                {c.metric} <span className="text-xs text-muted-foreground">{c.role}</span>
                {c.degraded && c.role === 'guardrail' ? (
                  <Badge variant="destructive" className="ml-2">
                    breached
                  </Badge>
                ) : null}
              </Td>
              <Td>{c.arm}</Td>
              <Td>{pct(c.controlMean)}</Td>
              <Td>{pct(c.armMean)}</Td>
              <Td>
                {pct(c.relative)} ({pct(c.relativeCi.low)} to {pct(c.relativeCi.high)})
              </Td>
              <Td>{p(c.adjustedPValue)}</Td>
              <Td>{p(c.alwaysValidPValue)}</Td>
              <Td>{pct(c.probabilityToBeatControl)}</Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
