'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';

const field = 'h-9 rounded-md border bg-card px-3 text-sm';

/**
 * Registers a search ranking version: the model (created on first use of its key), the
 * version pointing at a saved ranking version, and its offline nDCG@10.
 */
export function RegisterVersionForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const list = useMutation(trpc.models.createModel.mutationOptions());
  const create = useMutation(trpc.models.createVersion.mutationOptions());
  const evaluate = useMutation(trpc.models.evaluate.mutationOptions());
  const busy = list.isPending || create.isPending || evaluate.isPending;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const key = String(form.get('key'));
    const owner = String(form.get('owner'));
    setStatus(null);
    try {
      const models = await queryClient.fetchQuery(trpc.models.list.queryOptions({}));
      const model =
        models.find((m) => m.key === key) ??
        (await list.mutateAsync({ key, name: key, kind: 'search_ranking', owner }));
      const version = await create.mutateAsync({
        modelId: model.id,
        implementationKey: 'search.hybrid',
        params: { rankingVersion: Number(form.get('rankingVersion')) },
      });
      const ndcg = String(form.get('ndcg'));
      if (ndcg) {
        await evaluate.mutateAsync({
          versionId: version.id,
          evaluation: { dataset: 'wands-heldout', metrics: { 'ndcg@10': Number(ndcg) } },
        });
      }
      setStatus({ ok: true, text: `Registered ${key}@v${version.version} as a draft.` });
      await queryClient.invalidateQueries({ queryKey: trpc.models.list.queryKey() });
    } catch (err) {
      setStatus({ ok: false, text: (err as Error).message });
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Register a search ranking version</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm">
            Model key
            <input
              name="key"
              required
              defaultValue="search-ranking"
              pattern="[a-z0-9][a-z0-9-]{1,62}"
              className={field}
            />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Ranking version
            <input name="rankingVersion" type="number" min={0} required defaultValue={0} className={`${field} w-28`} />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            nDCG@10 (offline)
            <input name="ndcg" type="number" min={0} max={1} step="0.0001" className={`${field} w-32`} />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Owner team
            <input name="owner" required defaultValue="search-team" className={`${field} w-32`} />
          </label>
          <Button type="submit" disabled={busy}>
            {busy ? 'Registering…' : 'Register version'}
          </Button>
        </form>
        {status ? (
          <p
            role={status.ok ? 'status' : 'alert'}
            className={status.ok ? 'mt-3 text-sm text-success' : 'mt-3 text-sm text-destructive'}
          >
            {status.text}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
