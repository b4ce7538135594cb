'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatMoney } from '@/components/ui/money';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { PolicyKind } from '@/server/modules/policies/policy-kinds';
import { fieldKey, POLICY_FIELDS, toBody, toForm, type FormState } from './policy-fields';

const input = 'h-9 rounded-md border bg-card px-3 text-sm';
const when = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 16).replace('T', ' ') : '—');

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

type Version = {
  id: string;
  version: number;
  status: string;
  author: string;
  note: string;
  createdAt: Date | string;
  publishedAt: Date | string | null;
  basedOn: number | null;
};

function History(props: {
  kind: PolicyKind;
  versions: Version[];
  publishedVersion: number | null;
  diffWith: number | null;
  onDiff: (v: number | null) => void;
  onRollback: (v: number, emergency: boolean) => void;
}) {
  const { versions, publishedVersion, diffWith } = props;
  if (versions.length === 0)
    return <EmptyState title="No versions yet" description="Save a draft to start this policy's history." />;
  return (
    <Card>
      <CardHeader>
        <CardTitle>History</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <Table>
          <THead>
            <tr>
              <Th>Version</Th>
              <Th>Status</Th>
              <Th>Author</Th>
              <Th>Created</Th>
              <Th>Published</Th>
              <Th>Note</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {versions.map((v) => (
              <tr key={v.id}>
                <Td>
                  v{v.version}
                  {v.basedOn ? <span className="text-xs text-muted-foreground"> (from v{v.basedOn})</span> : null}
                </Td>
                <Td>
                  <Badge
                    variant={v.status === 'published' ? 'success' : v.status === 'draft' ? 'warning' : 'secondary'}
                  >
                    {v.status}
                  </Badge>
                </Td>
                <Td className="max-w-40 truncate">{v.author}</Td>
                <Td>{when(v.createdAt)}</Td>
                <Td>{when(v.publishedAt)}</Td>
                <Td className="max-w-56 truncate">{v.note || '—'}</Td>
                <Td className="flex gap-2">
                  {publishedVersion !== null && v.version !== publishedVersion ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => props.onDiff(diffWith === v.version ? null : v.version)}
                    >
                      {diffWith === v.version ? 'Hide diff' : `Diff vs v${publishedVersion}`}
                    </Button>
                  ) : null}
                  {v.status === 'archived' ? (
                    <>
                      <Button size="sm" variant="outline" onClick={() => props.onRollback(v.version, false)}>
                        Roll back to v{v.version}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => props.onRollback(v.version, true)}>
                        Emergency…
                      </Button>
                    </>
                  ) : null}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
        {diffWith !== null && publishedVersion !== null ? (
          <DiffView kind={props.kind} from={publishedVersion} to={diffWith} />
        ) : null}
      </CardContent>
    </Card>
  );
}

function DiffView({ kind, from, to }: { kind: PolicyKind; from: number; to: number }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.policies.diff.queryOptions({ kind, from, to }));
  if (data.changes.length === 0)
    return (
      <p className="text-sm text-muted-foreground">
        v{to} is identical to v{from}.
      </p>
    );
  return (
    <div aria-label={`Changes from v${from} to v${to}`} className="rounded-md border p-3 font-mono text-xs">
      <p className="mb-2 font-sans text-sm font-medium">
        v{from} → v{to}
      </p>
      {data.changes.map((c) => (
        <p key={c.path}>
          <span className="font-semibold">{c.path}</span>:{' '}
          <span className="text-destructive line-through">{JSON.stringify(c.before)}</span> →{' '}
          <span className="text-success">{JSON.stringify(c.after)}</span>
        </p>
      ))}
    </div>
  );
}

type RecoveryOutcome = { eligible: number; holdout: number; messaged: number; messages: number; offers: number };
type SimResult = {
  kind: 'risk' | 'discount' | 'recovery';
  recovery?: {
    days: number;
    carts: number;
    draft: RecoveryOutcome;
    published: RecoveryOutcome;
    changed: number;
    publishedVersion: string;
  };
  risk?: {
    orders: number;
    days: number;
    published: Record<string, number>;
    draft: Record<string, number>;
    changes: Record<string, number>;
    notReplayed: string[];
  };
  discount?: {
    source: string;
    days: number;
    publishedVersion: string | null;
    draft: {
      orders: number;
      offers: number;
      totalCostCents: number;
      marginImpactPoints: number;
      maxOfferPercent: number;
      budgetExhaustedDays: number;
    };
    published: { offers: number; totalCostCents: number; marginImpactPoints: number } | null;
  };
};

function SimulationCard({ kind, result }: { kind: PolicyKind; result: SimResult | null }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Simulation</CardTitle>
      </CardHeader>
      <CardContent className="text-sm">
        {!result ? (
          <p className="text-muted-foreground">
            {kind === 'risk'
              ? 'Replays the last 14 days of scored orders under the draft and shows which would change action.'
              : kind === 'recovery'
                ? 'Runs the last 14 days of abandoned carts (with an email left at checkout) through the draft: who would get a message and an offer.'
                : 'Replays past orders through the discount model under the draft: offers, cost and margin impact.'}
          </p>
        ) : result.risk ? (
          <div className="flex flex-col gap-2">
            <p>
              {result.risk.orders.toLocaleString()} scored orders in {result.risk.days} days
            </p>
            <Table>
              <THead>
                <tr>
                  <Th>Action</Th>
                  <Th>Published</Th>
                  <Th>Draft</Th>
                </tr>
              </THead>
              <TBody>
                {(['accept', 'review', 'reject'] as const).map((a) => (
                  <tr key={a}>
                    <Td>{a}</Td>
                    <Td>{result.risk!.published[a]}</Td>
                    <Td>{result.risk!.draft[a]}</Td>
                  </tr>
                ))}
              </TBody>
            </Table>
            <p>
              {Object.keys(result.risk.changes).length === 0
                ? 'No order changes action.'
                : Object.entries(result.risk.changes)
                    .map(([k, n]) => `${n} ${k}`)
                    .join(', ')}
            </p>
            <p className="text-xs text-muted-foreground">Not replayed: {result.risk.notReplayed.join(', ')}.</p>
          </div>
        ) : result.recovery ? (
          <dl className="grid grid-cols-[auto_1fr_1fr] gap-x-3 gap-y-1">
            <dt />
            <dd className="font-medium">Draft</dd>
            <dd className="font-medium">{result.recovery.publishedVersion}</dd>
            {(
              [
                ['Eligible carts', 'eligible'],
                ['Held out', 'holdout'],
                ['Get a message', 'messaged'],
                ['Messages sent', 'messages'],
                ['Get an offer', 'offers'],
              ] as const
            ).map(([label, k]) => (
              <div key={k} className="contents">
                <dt>{label}</dt>
                <dd>{result.recovery!.draft[k]}</dd>
                <dd>{result.recovery!.published[k]}</dd>
              </div>
            ))}
            <p className="col-span-3 mt-2 text-xs text-muted-foreground">
              {result.recovery.carts} carts in {result.recovery.days} days; {result.recovery.changed} would be treated
              differently.
            </p>
          </dl>
        ) : result.discount ? (
          <dl className="grid grid-cols-[auto_1fr_1fr] gap-x-3 gap-y-1">
            <dt />
            <dd className="font-medium">Draft</dd>
            <dd className="font-medium">{result.discount.publishedVersion ?? 'Published'}</dd>
            <dt>Offers</dt>
            <dd>
              {result.discount.draft.offers} / {result.discount.draft.orders}
            </dd>
            <dd>{result.discount.published?.offers ?? '—'}</dd>
            <dt>Total cost</dt>
            <dd>{formatMoney(result.discount.draft.totalCostCents)}</dd>
            <dd>{result.discount.published ? formatMoney(result.discount.published.totalCostCents) : '—'}</dd>
            <dt>Margin impact</dt>
            <dd>{result.discount.draft.marginImpactPoints.toFixed(2)} pts</dd>
            <dd>
              {result.discount.published ? `${result.discount.published.marginImpactPoints.toFixed(2)} pts` : '—'}
            </dd>
            <dt>Largest offer</dt>
            <dd>{result.discount.draft.maxOfferPercent.toFixed(1)}%</dd>
            <dd />
            <dt>Budget ran out</dt>
            <dd>{result.discount.draft.budgetExhaustedDays} days</dd>
            <dd />
            <p className="col-span-3 mt-2 text-xs text-muted-foreground">
              {result.discount.days} days of{' '}
              {result.discount.source === 'generated'
                ? 'generated sample orders (order history is not connected yet)'
                : 'orders'}
              .
            </p>
          </dl>
        ) : null}
      </CardContent>
    </Card>
  );
}
