'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { PolicyKind } from '@/server/modules/policies/policy-kinds';
import { fieldKey, POLICY_FIELDS, toBody, toForm, type FormState } from './policy-fields';
import { History } from './policy-history';
import { SimulationCard } from './policy-simulation';

const input = 'h-9 rounded-md border bg-card px-3 text-sm';

/** One policy kind: the published version, the draft editor (save, simulate, publish), history, diff, rollback. */
export function PolicyPanel({ kind }: { kind: PolicyKind }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: versions } = useSuspenseQuery(trpc.policies.list.queryOptions({ kind }));
  const published = versions.find((v) => v.status === 'published') ?? null;
  const draft = versions.find((v) => v.status === 'draft') ?? null;
  const [form, setForm] = useState<FormState | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);
  const [diffWith, setDiffWith] = useState<number | null>(null);
  const state = form ?? toForm(kind, draft?.body ?? published?.body ?? {});

  // Approval requests change with publish attempts (four-eyes), so refresh the whole router's queries.
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.policies.pathKey() });
  const onError = (err: { message: string }) => setMessage({ tone: 'error', text: err.message });
  const createDraft = useMutation(trpc.policies.createDraft.mutationOptions({ onError }));
  const updateDraft = useMutation(trpc.policies.updateDraft.mutationOptions({ onError }));
  const publish = useMutation(trpc.policies.publish.mutationOptions({ onError }));
  const rollback = useMutation(trpc.policies.rollback.mutationOptions({ onError }));
  const simulate = useMutation(trpc.policies.simulate.mutationOptions({ onError }));
  const requestApproval = useMutation(trpc.policies.requestApproval.mutationOptions({ onError }));

  async function save(): Promise<string | null> {
    setMessage(null);
    const body = toBody(kind, state, draft?.body ?? published?.body);
    const row = draft
      ? await updateDraft.mutateAsync({ id: draft.id, body })
      : await createDraft.mutateAsync({ kind, body, note: 'edited in the console' });
    await refresh();
    setForm(null);
    setMessage({ tone: 'ok', text: `Saved draft v${row.version}` });
    return row.id;
  }

  const title = POLICY_FIELDS[kind].title;
  return (
    <section aria-labelledby={`${kind}-policy`} className="flex flex-col gap-4">
      <h2 id={`${kind}-policy`} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <Card>
          <CardHeader className="flex flex-row items-center justify-between gap-2">
            <CardTitle>
              {draft ? `Draft v${draft.version}` : 'New draft'}
              {published ? (
                <span className="ml-2 text-sm font-normal text-muted-foreground">published: v{published.version}</span>
              ) : null}
            </CardTitle>
            {draft ? <Badge variant="warning">unpublished changes</Badge> : null}
          </CardHeader>
          <CardContent>
            <form
              className="flex flex-col gap-5"
              onSubmit={(e) => {
                e.preventDefault();
                void save().catch(() => undefined);
              }}
            >
              {POLICY_FIELDS[kind].groups.map((g) => (
                <fieldset key={g.title} className="grid gap-3 sm:grid-cols-3">
                  <legend className="mb-2 text-sm font-medium">{g.title}</legend>
                  {g.fields.map((f) => (
                    <label key={fieldKey(f)} className="flex flex-col gap-1 text-sm">
                      {f.label}
                      {f.type === 'bool' || f.type === 'choice' ? (
                        <select
                          name={fieldKey(f)}
                          value={state[fieldKey(f)] ?? ''}
                          onChange={(e) => setForm({ ...state, [fieldKey(f)]: e.target.value })}
                          className={input}
                        >
                          {(f.type === 'bool' ? ['yes', 'no'] : (f.options ?? [])).map((o) => (
                            <option key={o} value={o}>
                              {o}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <input
                          name={fieldKey(f)}
                          value={state[fieldKey(f)] ?? ''}
                          inputMode={f.type === 'list' || f.type === 'text' ? 'text' : 'decimal'}
                          onChange={(e) => setForm({ ...state, [fieldKey(f)]: e.target.value })}
                          className={input}
                        />
                      )}
                      {f.hint ? <span className="text-xs text-muted-foreground">{f.hint}</span> : null}
                    </label>
                  ))}
                </fieldset>
              ))}
              <div className="flex flex-wrap items-center gap-3">
                <Button type="submit" disabled={createDraft.isPending || updateDraft.isPending}>
                  Save draft
                </Button>
                <Button
                  type="button"
                  variant="outline"
                  disabled={simulate.isPending}
                  onClick={() => {
                    setMessage(null);
                    simulate.mutate({ kind, body: toBody(kind, state, draft?.body ?? published?.body), days: 14 });
                  }}
                >
                  {simulate.isPending ? 'Simulating…' : 'Simulate'}
                </Button>
                <Button
                  type="button"
                  variant="secondary"
                  disabled={publish.isPending}
                  onClick={async () => {
                    try {
                      const id = form || !draft ? await save() : draft.id;
                      if (!id) return;
                      const row = await publish.mutateAsync({ id });
                      await refresh();
                      setMessage({ tone: 'ok', text: `Published v${row.version}` });
                    } catch {
                      /* shown by onError; a four-eyes refusal filed an approval request */
                      await refresh();
                    }
                  }}
                >
                  Publish
                </Button>
                <Button
                  type="button"
                  variant="outline"
                  disabled={requestApproval.isPending}
                  onClick={async () => {
                    try {
                      const id = form || !draft ? await save() : draft.id;
                      if (!id) return;
                      const req = await requestApproval.mutateAsync({ id, note: '' });
                      await refresh();
                      setMessage({ tone: 'ok', text: `Approval requested for v${req.version}` });
                    } catch {
                      /* shown by onError */
                    }
                  }}
                >
                  Request approval
                </Button>
                {message ? (
                  <p
                    role={message.tone === 'error' ? 'alert' : 'status'}
                    className={message.tone === 'error' ? 'text-sm text-destructive' : 'text-sm text-success'}
                  >
                    {message.text}
                  </p>
                ) : null}
              </div>
            </form>
          </CardContent>
        </Card>
        <SimulationCard kind={kind} result={simulate.data ?? null} />
      </div>
      <History
        kind={kind}
        versions={versions}
        diffWith={diffWith}
        onDiff={setDiffWith}
        onRollback={async (v, emergency) => {
          // With four-eyes on, a rollback becomes an approval request unless an emergency reason is given.
          const emergencyReason = emergency
            ? window.prompt(`Emergency rollback to v${v} without a second approver. Reason (audited, at least 10 characters):`)
            : null;
          if (emergency && !emergencyReason) return;
          if (!emergency && !window.confirm(`Publish a copy of v${v} as the new ${kind} policy?`)) return;
          try {
            const row = await rollback.mutateAsync({
              kind,
              toVersion: v,
              note: `rollback to v${v}`,
              ...(emergencyReason ? { emergencyReason } : {}),
            });
            await refresh();
            setMessage({ tone: 'ok', text: `Rolled back: v${row.version} (copy of v${v}) is published` });
          } catch {
            /* shown by onError; a four-eyes refusal filed an approval request */
            await refresh();
          }
        }}
        publishedVersion={published?.version ?? null}
      />
    </section>
  );
}
