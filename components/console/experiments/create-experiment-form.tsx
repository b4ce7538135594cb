'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { METRICS, type MetricName } from '@/server/modules/experiments/experiments.schema';

const field = 'h-9 rounded-md border bg-card px-3 text-sm';

/** Ranking vs ranking template: control and treatment versions, 50/50, power shown live. */
export function CreateExperimentForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [baseline, setBaseline] = useState(0.1);
  const [mde, setMde] = useState(0.1);
  const [error, setError] = useState<string | null>(null);
  const models = useQuery(trpc.models.list.queryOptions({ kind: 'search_ranking' }));
  const power = useQuery({
    ...trpc.experiments.power.queryOptions({ baselineRate: baseline, mde }),
    enabled: baseline > 0 && baseline < 1 && mde > 0,
  });
  const create = useMutation(trpc.experiments.create.mutationOptions());
  const versions = (models.data ?? []).flatMap((m) => m.versions.map((v) => ({ id: v.id, label: v.label })));

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    try {
      const { id } = await create.mutateAsync({
        key: String(f.get('key')),
        name: String(f.get('name')),
        hypothesis: String(f.get('hypothesis')),
        kind: 'search_ranking',
        layer: 'search',
        arms: [
          { key: 'control', modelVersionId: String(f.get('control')), allocation: 50 },
          { key: 'treatment', modelVersionId: String(f.get('treatment')), allocation: 50 },
        ],
        primaryMetric: String(f.get('primary')) as MetricName,
        guardrailMetrics: ['zero_result_rate'],
        baselineRate: baseline,
        mde,
        autoStop: f.get('autoStop') === 'on',
      });
      await queryClient.invalidateQueries({ queryKey: trpc.experiments.list.queryKey() });
      router.push(`/console/experiments/${id}`);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>New experiment: ranking vs ranking</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2">
          <label className="flex flex-col gap-1 text-sm">
            Key
            <input name="key" required pattern="[a-z0-9][a-z0-9-]{1,62}" className={field} />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Name
            <input name="name" required className={field} />
          </label>
          <label className="flex flex-col gap-1 text-sm sm:col-span-2">
            Hypothesis
            <input name="hypothesis" required className={field} placeholder="Boosting in-stock items lifts click-through" />
          </label>
          {(['control', 'treatment'] as const).map((arm) => (
            <label key={arm} className="flex flex-col gap-1 text-sm">
              {arm === 'control' ? 'Control version' : 'Treatment version'}
              <select name={arm} required className={field}>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <label className="flex flex-col gap-1 text-sm">
            Primary metric
            <select name="primary" className={field} defaultValue="search_click_through">
              {METRICS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Baseline rate
            <input type="number" step="0.001" min={0.001} max={0.999} value={baseline} onChange={(e) => setBaseline(Number(e.target.value))} className={field} />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Minimum detectable effect (relative)
            <input type="number" step="0.01" min={0.01} max={5} value={mde} onChange={(e) => setMde(Number(e.target.value))} className={field} />
          </label>
          <p aria-live="polite" className="text-sm text-muted-foreground sm:col-span-2">
            {power.data
              ? `To detect ${(baseline * 100).toFixed(1)}% → ${(power.data.target * 100).toFixed(1)}% with 80% power at α = 0.05 you need ${power.data.perArm.toLocaleString()} sessions per arm (${(power.data.perArm * 2).toLocaleString()} in total).`
              : 'Enter a baseline and an MDE to see the sample size.'}
          </p>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="autoStop" /> Stop automatically if a guardrail degrades
          </label>
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={create.isPending}>
              Create draft
            </Button>
            {error ? (
              <p role="alert" className="text-sm text-destructive">
                {error}
              </p>
            ) : null}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
