'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { METRICS, type MetricName } from '@/server/modules/experiments/experiments.schema';
import { METRIC_LABELS } from './metric-format';

const field = 'h-9 rounded-md border bg-card px-3 text-sm';

/** What each template fills in: the arms' version source, layer, metrics and guardrails. */
const TEMPLATES = {
  ranking: {
    label: 'Ranking vs ranking',
    source: { modelKind: 'search_ranking' } as const,
    layer: 'search',
    primary: 'conversion_rate' as MetricName,
    guardrails: ['zero_result_rate', 'refund_rate'] as MetricName[],
    secondary: ['search_click_through', 'revenue_per_visitor', 'average_order_value'] as MetricName[],
    hint: 'Boosting in-stock items lifts conversion',
  },
  risk: {
    label: 'Risk policy vs risk policy',
    source: { policyKind: 'risk' } as const,
    layer: 'risk-policy',
    primary: 'conversion_rate' as MetricName,
    guardrails: ['refund_rate'] as MetricName[],
    secondary: ['revenue_per_visitor'] as MetricName[],
    hint: 'A higher review threshold converts more without more refunds',
  },
  discount: {
    label: 'Discount policy vs discount policy',
    source: { policyKind: 'discount' } as const,
    layer: 'discount-policy',
    primary: 'revenue_per_visitor' as MetricName,
    guardrails: ['refund_rate'] as MetricName[],
    secondary: ['conversion_rate', 'average_order_value'] as MetricName[],
    hint: 'A 10% cap earns more per visitor than 15%',
  },
} as const;
type TemplateKey = keyof typeof TEMPLATES;

/** Create from a template (control and treatment versions, 50/50), power shown live. */
export function CreateExperimentForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [template, setTemplate] = useState<TemplateKey>('ranking');
  const [baseline, setBaseline] = useState(0.1);
  const [mde, setMde] = useState(0.1);
  const [error, setError] = useState<string | null>(null);
  const t = TEMPLATES[template];
  const options = useQuery(trpc.experiments.armOptions.queryOptions(t.source));
  const power = useQuery({
    ...trpc.experiments.power.queryOptions({ baselineRate: baseline, mde }),
    enabled: baseline > 0 && baseline < 1 && mde > 0,
  });
  const create = useMutation(trpc.experiments.create.mutationOptions());
  const versions = options.data ?? [];

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    const primary = String(f.get('primary')) as MetricName;
    try {
      const { id } = await create.mutateAsync({
        key: String(f.get('key')),
        name: String(f.get('name')),
        hypothesis: String(f.get('hypothesis')),
        ...('modelKind' in t.source ? { kind: t.source.modelKind } : { policyKind: t.source.policyKind }),
        layer: t.layer,
        arms: [
          { key: 'control', modelVersionId: String(f.get('control')), allocation: 50 },
          { key: 'treatment', modelVersionId: String(f.get('treatment')), allocation: 50 },
        ],
        primaryMetric: primary,
        secondaryMetrics: t.secondary.filter((m) => m !== primary),
        guardrailMetrics: t.guardrails.filter((m) => m !== primary),
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
        <CardTitle>New experiment</CardTitle>
        <div role="radiogroup" aria-label="Template" className="flex flex-wrap gap-2 pt-2">
          {(Object.keys(TEMPLATES) as TemplateKey[]).map((k) => (
            <Button key={k} type="button" size="sm" role="radio" aria-checked={template === k} variant={template === k ? 'primary' : 'secondary'} onClick={() => setTemplate(k)}>
              {TEMPLATES[k].label}
            </Button>
          ))}
        </div>
      </CardHeader>
      <CardContent>
        <form key={template} onSubmit={submit} className="grid gap-3 sm:grid-cols-2">
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
            <input name="hypothesis" required className={field} placeholder={t.hint} />
          </label>
          {(['control', 'treatment'] as const).map((arm, i) => (
            <label key={arm} className="flex flex-col gap-1 text-sm">
              {arm === 'control' ? 'Control version' : 'Treatment version'}
              {/* Remounted when the options arrive, so control and treatment default to different versions. */}
              <select key={versions.length} name={arm} required className={field} defaultValue={versions[Math.min(i, versions.length - 1)]?.id}>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label} ({v.stage})
                  </option>
                ))}
              </select>
            </label>
          ))}
          {options.isSuccess && versions.length < 2 ? (
            <p className="text-sm text-muted-foreground sm:col-span-2">
              This template needs two versions to compare; create another {'policyKind' in t.source ? 'policy draft in Policies' : 'model version in Models'} first.
            </p>
          ) : null}
          <label className="flex flex-col gap-1 text-sm">
            Primary metric
            <select name="primary" className={field} defaultValue={t.primary}>
              {METRICS.map((m) => (
                <option key={m} value={m}>
                  {METRIC_LABELS[m]}
                </option>
              ))}
            </select>
          </label>
          <p className="self-end text-sm text-muted-foreground">
            Guardrails: {t.guardrails.map((m) => METRIC_LABELS[m]).join(', ')}. Also reported: {t.secondary.map((m) => METRIC_LABELS[m]).join(', ')}.
          </p>
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
