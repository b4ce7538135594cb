'use client';
import { useQuery } from '@tanstack/react-query';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';

const SURFACE_COLORS = { recommendations: 'var(--color-primary)', search: 'var(--color-warning)' } as const;

/**
 * The last `npm run recs:cost-tradeoff` run: every path's cost per 1,000 requests against its
 * nDCG@10 on the same replayed traffic (one point per path), and the table behind it.
 */
export function CostTradeoffPanel() {
  const trpc = useTRPC();
  const run = useQuery(trpc.recs.costTradeoff.queryOptions());
  if (run.isLoading) return <p className="text-sm text-muted-foreground">Loading the last trade-off run…</p>;
  if (run.error)
    return (
      <p role="alert" className="text-sm text-destructive">
        {run.error.message}
      </p>
    );
  if (!run.data)
    return (
      <EmptyState
        title="No trade-off measured yet"
        description="Run `npm run recs:cost-tradeoff` to replay a sample of logged requests through the full and the cheaper paths; the last run shows here."
      />
    );
  const r = run.data;
  const points = (surface: 'recommendations' | 'search') =>
    r.paths
      .filter((p) => p.surface === surface)
      .map((p) => ({ cost: p.costPer1k * 1000, ndcg: p.ndcg, label: p.label }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Cost against quality, on the same traffic</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <p className="text-sm text-muted-foreground">
          {r.requests.recommendations} recommendation and {r.requests.search} search requests replayed through every path
          on {new Date(r.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC{' '}
          <Badge variant={r.source === 'logged' ? 'success' : 'secondary'}>
            {r.source === 'logged' ? 'logged traffic' : 'simulated shoppers'}
          </Badge>
          . Quality is nDCG@{r.k} against what shoppers did next; cost is measured compute and embedder calls at{' '}
          {r.rates.perComputeSecondMicros} µ$ per compute-second and {r.rates.perCallMicros} µ$ per embedder call.
        </p>
        <figure aria-label="Cost per 1,000 requests against nDCG@10, one point per path" className="h-72 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <ScatterChart margin={{ top: 8, right: 24, bottom: 16, left: 8 }}>
              <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" />
              <XAxis
                type="number"
                dataKey="cost"
                name="cost per 1k (milli-$)"
                unit=" m$"
                tick={{ fontSize: 11 }}
                stroke="var(--color-muted-foreground)"
              />
              <YAxis type="number" dataKey="ndcg" name="nDCG@10" tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
              <ZAxis type="category" dataKey="label" name="path" />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Scatter name="Recommendations" data={points('recommendations')} fill={SURFACE_COLORS.recommendations} isAnimationActive={false} />
              <Scatter name="Search" data={points('search')} fill={SURFACE_COLORS.search} isAnimationActive={false} />
            </ScatterChart>
          </ResponsiveContainer>
        </figure>
        <Table aria-label="Cost and quality per path">
          <THead>
            <tr>
              <Th>Path</Th>
              <Th className="text-right">$ per 1k</Th>
              <Th className="text-right">Compute ms (avg / p95)</Th>
              <Th className="text-right">Embedder calls</Th>
              <Th className="text-right">nDCG@{r.k}</Th>
              <Th className="text-right">Hit-rate@{r.k}</Th>
              <Th className="text-right">Overlap with full</Th>
            </tr>
          </THead>
          <TBody>
            {r.paths.map((p) => (
              <tr key={p.key}>
                <Td>
                  {p.label} {p.full ? <Badge variant="secondary">full</Badge> : null}
                </Td>
                <Td className="text-right tabular-nums">{p.costPer1k.toFixed(6)}</Td>
                <Td className="text-right tabular-nums">
                  {p.avgComputeMs.toFixed(1)} / {p.p95ComputeMs.toFixed(1)}
                </Td>
                <Td className="text-right tabular-nums">{p.embedderCallsPerRequest}</Td>
                <Td className="text-right tabular-nums">{p.ndcg.toFixed(3)}</Td>
                <Td className="text-right tabular-nums">{p.hitRate.toFixed(3)}</Td>
                <Td className="text-right tabular-nums">{(p.overlap * 100).toFixed(0)}%</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      </CardContent>
    </Card>
  );
}
