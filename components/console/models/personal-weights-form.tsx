'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { DEFAULT_PERSONAL_WEIGHTS, type PersonalWeights } from '@/server/modules/search/personal-rerank';

const field = 'h-9 w-28 rounded-md border bg-card px-3 text-sm';

const FIELDS: { key: keyof PersonalWeights; label: string; min: number; max: number; step: number }[] = [
  { key: 'category', label: 'Category', min: 0, max: 1, step: 0.01 },
  { key: 'class', label: 'Class', min: 0, max: 1, step: 0.01 },
  { key: 'price', label: 'Price fit', min: 0, max: 1, step: 0.01 },
  { key: 'attribute', label: 'Colour / material', min: 0, max: 1, step: 0.01 },
  { key: 'priceBand', label: 'Price band (log)', min: 0.05, max: 3, step: 0.05 },
  { key: 'maxBoost', label: 'Max boost', min: 0, max: 1, step: 0.01 },
];

/**
 * A new weighting of the personal search re-rank is a new draft version of
 * search-personalized (its params carry the weights), not a deploy. It then needs the
 * offline replay (`npm run search:rerank-eval -- --version <id>`) before it can be promoted.
 */
export function PersonalWeightsForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.recs.createPersonalWeightsVersion.mutationOptions());
  const [created, setCreated] = useState<{ versionId: string; label: string } | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const weights = Object.fromEntries(FIELDS.map((f) => [f.key, Number(form.get(f.key))])) as PersonalWeights;
    setCreated(null);
    const out = await create.mutateAsync({ weights, note: String(form.get('note') ?? '') }).catch(() => null);
    if (!out) return;
    setCreated(out);
    await queryClient.invalidateQueries({ queryKey: trpc.models.list.queryKey() });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>New personal search weighting</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} aria-label="New personal search weighting" className="flex flex-col gap-3">
          <p className="text-sm text-muted-foreground">
            Each unpinned result’s score is multiplied by 1 + min(max boost, category + class + price fit + colour/material
            affinity, each times its weight). Saved as a draft version of search-personalized on the active ranking.
          </p>
          <div className="flex flex-wrap items-end gap-3">
            {FIELDS.map((f) => (
              <label key={f.key} className="flex flex-col gap-1 text-sm">
                {f.label}
                <input
                  name={f.key}
                  type="number"
                  required
                  min={f.min}
                  max={f.max}
                  step={f.step}
                  defaultValue={DEFAULT_PERSONAL_WEIGHTS[f.key]}
                  className={field}
                />
              </label>
            ))}
            <label className="flex flex-col gap-1 text-sm">
              Note
              <input name="note" maxLength={500} className="h-9 w-64 rounded-md border bg-card px-3 text-sm" />
            </label>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? 'Saving…' : 'Create draft version'}
            </Button>
          </div>
          {create.error ? (
            <p role="alert" className="text-sm text-destructive">
              {create.error.message}
            </p>
          ) : null}
          {created ? (
            <p role="status" className="text-sm text-success">
              Created <Link href={`/console/models/${created.versionId}`} className="underline">{created.label}</Link> as a
              draft. The nightly re-ranking gate (or &ldquo;Run evaluation now&rdquo;) replays it on logged traffic and records its figures;{' '}
              <code>npm run search:rerank-eval -- --version {created.versionId}</code> replays it on simulated traffic.
            </p>
          ) : null}
        </form>
      </CardContent>
    </Card>
  );
}
