'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';

const OUTCOME_VARIANT = { registered: 'success', updated: 'success', rejected: 'destructive', skipped: 'secondary' } as const;
const fmt = (x: number | null) => (x === null ? '–' : x.toFixed(3));

/**
 * The search re-ranking evaluation gate (nightly, or now): each run's figures on logged
 * traffic and what it did. A registered version appears in the registry above as a draft.
 */
export function RerankGate() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { data } = useSuspenseQuery({ ...trpc.automations.rerankEvaluations.queryOptions(), refetchInterval: 5000 });
  const run = useMutation(
    trpc.automations.runRerankEvaluation.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.automations.rerankEvaluations.queryKey() }),
    }),
  );
  return (
    <Card>
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div>
          <CardTitle>Search re-ranking gate</CardTitle>
          <p className="text-xs text-muted-foreground">
            Nightly: personalized re-ranking replayed on the last weeks of logged searches; registered as a draft only if
            nDCG@10 beats the serving ranking by the margin.
          </p>
        </div>
        <Button size="sm" variant="outline" disabled={run.isPending} onClick={() => run.mutate()}>
          {run.isPending ? 'Requesting…' : 'Run evaluation now'}
        </Button>
      </CardHeader>
      <CardContent className="flex flex-col gap-2">
        {run.isSuccess ? <p role="status" className="text-xs text-muted-foreground">Requested: the run appears here when it finishes.</p> : null}
        {run.error ? <p className="text-xs text-destructive">{run.error.message}</p> : null}
        {data.length === 0 ? (
          <p className="text-sm text-muted-foreground">No evaluation has run yet.</p>
        ) : (
          <table className="w-full text-sm" aria-label="Search re-ranking evaluations">
            <thead className="text-left text-xs text-muted-foreground">
              <tr>
                <th className="py-1 font-medium">When (UTC)</th>
                <th className="py-1 font-medium">Outcome</th>
                <th className="py-1 text-right font-medium">Searches</th>
                <th className="py-1 text-right font-medium">nDCG@10</th>
                <th className="py-1 text-right font-medium">Hit-rate@10</th>
                <th className="py-1 font-medium">Why</th>
              </tr>
            </thead>
            <tbody>
              {data.map((r) => (
                <tr key={r.id} className="border-t align-top">
                  <td className="py-1.5 whitespace-nowrap tabular-nums">
                    {new Date(r.createdAt).toISOString().slice(0, 16).replace('T', ' ')}
                    <div className="text-xs text-muted-foreground">{r.trigger}</div>
                  </td>
                  <td className="py-1.5">
                    <Badge variant={OUTCOME_VARIANT[r.outcome as keyof typeof OUTCOME_VARIANT] ?? 'secondary'}>{r.outcome}</Badge>
                  </td>
                  <td className="py-1.5 text-right tabular-nums">{r.withHistory}</td>
                  <td className="py-1.5 text-right tabular-nums">
                    {fmt(r.baselineNdcg)} → {fmt(r.candidateNdcg)}
                  </td>
                  <td className="py-1.5 text-right tabular-nums">
                    {fmt(r.baselineHitRate)} → {fmt(r.candidateHitRate)}
                  </td>
                  <td className="py-1.5 text-xs text-muted-foreground">{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardContent>
    </Card>
  );
}
