'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { formatMs, RunStatusBadge } from './run-status-badge';

const ENDED = ['completed', 'failed', 'cancelled'];

function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre aria-label={label} className="max-h-48 overflow-auto rounded-md bg-muted p-2 text-xs">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** One run: its input event, each step with timing, attempts and output (emails redacted), replay and cancel. */
export function RunDetail({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: run } = useSuspenseQuery({ ...trpc.automations.run.queryOptions({ runId }), refetchInterval: 2000 });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.automations.pathKey() });
  const replay = useMutation(
    trpc.automations.replay.mutationOptions({
      onSuccess: async (r) => {
        await invalidate();
        router.push(`/console/automations?run=${r.runId}`);
      },
    }),
  );
  const cancel = useMutation(trpc.automations.cancel.mutationOptions({ onSuccess: invalidate }));
  if (!run) return <p className="text-sm text-muted-foreground">Run {runId} not found.</p>;
  return (
    <Card>
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div>
          <CardTitle className="flex items-center gap-2">
            {run.functionId} <RunStatusBadge status={run.status} />
          </CardTitle>
          <p className="text-xs text-muted-foreground">
            {run.id} · attempt {run.attempt + 1}/{run.maxAttempts} · {formatMs(run.durationMs)}
          </p>
        </div>
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" disabled={replay.isPending} onClick={() => replay.mutate({ runId })}>
            Replay
          </Button>
          <Button size="sm" variant="destructive" disabled={ENDED.includes(run.status) || cancel.isPending} onClick={() => cancel.mutate({ runId })}>
            Cancel
          </Button>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {run.error ? <p className="text-sm text-destructive">{run.error}</p> : null}
        <section>
          <h3 className="mb-1 text-xs font-medium text-muted-foreground">Input event</h3>
          <Json label="Input event" value={run.event} />
        </section>
        <section>
          <h3 className="mb-1 text-xs font-medium text-muted-foreground">Steps</h3>
          {run.steps.length === 0 ? (
            <p className="text-sm text-muted-foreground">No steps yet.</p>
          ) : (
            <ol className="flex flex-col gap-2">
              {run.steps.map((s) => (
                <li key={s.stepId} className="rounded-md border p-2">
                  <div className="flex items-center gap-2 text-sm">
                    <RunStatusBadge status={s.status} />
                    <span className="font-medium">{s.name}</span>
                    <span className="text-xs text-muted-foreground">{s.op}</span>
                    <span className="ml-auto text-xs tabular-nums text-muted-foreground">
                      {s.attempt > 0 ? `${s.attempt + 1} attempts · ` : ''}
                      {formatMs(s.durationMs)}
                    </span>
                  </div>
                  {s.status !== 'pending' ? <Json label={`Output of ${s.name}`} value={s.output} /> : null}
                </li>
              ))}
            </ol>
          )}
        </section>
        {run.status === 'completed' ? (
          <section>
            <h3 className="mb-1 text-xs font-medium text-muted-foreground">Output</h3>
            <Json label="Run output" value={run.output} />
          </section>
        ) : null}
      </CardContent>
    </Card>
  );
}
