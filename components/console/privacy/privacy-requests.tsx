'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import type { PrivacyRequestView } from '@/server/modules/privacy/privacy-requests';

const STATUS_VARIANT = { queued: 'secondary', running: 'warning', completed: 'success', failed: 'destructive' } as const;

/** New export / erasure request. Erasure asks for a typed confirmation: it cannot be undone. */
export function NewPrivacyRequest({ canErase, canExport }: { canErase: boolean; canExport: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [type, setType] = useState<'export' | 'erase'>(canExport ? 'export' : 'erase');
  const [email, setEmail] = useState('');
  const [note, setNote] = useState('');
  const [confirm, setConfirm] = useState('');
  const onSuccess = () => {
    setEmail('');
    setNote('');
    setConfirm('');
    return queryClient.invalidateQueries({ queryKey: trpc.privacy.list.queryKey() });
  };
  const exportReq = useMutation(trpc.privacy.requestExport.mutationOptions({ onSuccess }));
  const eraseReq = useMutation(trpc.privacy.requestErasure.mutationOptions({ onSuccess }));
  const active = type === 'export' ? exportReq : eraseReq;
  const blocked = type === 'erase' && confirm.trim().toLowerCase() !== email.trim().toLowerCase();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (blocked) return;
    active.mutate({ email, note });
  };
  if (!canErase && !canExport) return null;
  return (
    <form onSubmit={submit} className="mb-6 flex flex-col gap-3 rounded-lg border bg-card p-4" aria-label="New privacy request">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1">
          <span className="text-xs text-muted-foreground">Request</span>
          <select value={type} onChange={(e) => setType(e.target.value as 'export' | 'erase')} className="h-9 rounded-md border bg-background px-2">
            {canExport ? <option value="export">Export (subject access)</option> : null}
            {canErase ? <option value="erase">Erase (right to be forgotten)</option> : null}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs text-muted-foreground">Shopper email</span>
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} className="h-9 w-72 rounded-md border bg-background px-2" />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs text-muted-foreground">Ticket or reason</span>
          <input value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} className="h-9 w-56 rounded-md border bg-background px-2" />
        </label>
        {type === 'erase' ? (
          <label className="flex flex-col gap-1">
            <span className="text-xs text-muted-foreground">Type the email again to confirm</span>
            <input aria-label="Confirm email" value={confirm} onChange={(e) => setConfirm(e.target.value)} className="h-9 w-72 rounded-md border bg-background px-2" />
          </label>
        ) : null}
        <Button type="submit" variant={type === 'erase' ? 'destructive' : 'primary'} disabled={active.isPending || !email || blocked}>
          {type === 'erase' ? 'Erase everywhere' : 'Start export'}
        </Button>
      </div>
      {type === 'erase' ? (
        <p className="text-xs text-muted-foreground">
          Deletes or irreversibly anonymises this shopper in every table of the data map. Orders keep amounts, tax and dates for accounting.
        </p>
      ) : null}
      {active.error ? <p className="text-sm text-destructive" role="alert">{active.error.message}</p> : null}
      {active.data ? (
        <p className="text-sm" role="status">
          {active.data.created ? 'Request recorded; it runs in the background.' : 'A request for this shopper is already running.'} ({active.data.request.id})
        </p>
      ) : null}
    </form>
  );
}

/** Requests with live progress per table; finished exports can be downloaded for 7 days. */
export function PrivacyRequestList() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery({
    ...trpc.privacy.list.queryOptions({ limit: 25 }),
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'queued' || r.status === 'running') ? 1000 : 10_000),
  });
  if (data.length === 0) {
    return <EmptyState title="No privacy requests yet" description="Export and erasure requests appear here with their progress." />;
  }
  return (
    <ul className="flex flex-col gap-3" aria-label="Privacy requests">
      {data.map((r) => (
        <RequestRow key={r.id} r={r} />
      ))}
    </ul>
  );
}

function RequestRow({ r }: { r: PrivacyRequestView }) {
  const pct = r.stepsTotal ? Math.round((r.stepsDone / r.stepsTotal) * 100) : 0;
  return (
    <li className="rounded-lg border bg-card p-4" aria-label={`Privacy request ${r.id}`}>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Badge variant={r.type === 'erase' ? 'destructive' : 'secondary'}>{r.type === 'erase' ? 'Erasure' : 'Export'}</Badge>
        <span className="font-mono">{r.id}</span>
        <span className="font-mono text-xs text-muted-foreground" title="Identity token of the subject: the email itself is not kept">
          {r.subjectToken.slice(0, 14)}…
        </span>
        <Badge variant={STATUS_VARIANT[r.status as keyof typeof STATUS_VARIANT] ?? 'secondary'}>{r.status}</Badge>
        {r.note ? <span className="text-muted-foreground">{r.note}</span> : null}
        <span className="ml-auto text-xs text-muted-foreground">{new Date(r.createdAt).toLocaleString('en-US', { timeZone: 'UTC' })} UTC</span>
        {r.bundleAvailable ? (
          <a className="text-sm font-medium underline" href={`/api/v1/privacy/requests/${r.id}/bundle`} download>
            Download JSON
          </a>
        ) : null}
      </div>
      <div className="mt-3 flex items-center gap-3">
        <div
          className="h-2 flex-1 overflow-hidden rounded-full bg-muted"
          role="progressbar"
          aria-label={`Progress of ${r.id}`}
          aria-valuenow={pct}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <div className="h-full bg-primary transition-all" style={{ width: `${pct}%` }} />
        </div>
        <span className="w-24 text-right text-xs tabular-nums text-muted-foreground">
          {r.stepsDone}/{r.stepsTotal} tables
        </span>
      </div>
      <ol className="mt-2 grid gap-x-6 gap-y-0.5 text-xs text-muted-foreground sm:grid-cols-2 lg:grid-cols-3">
        {r.progress.map((p) => (
          <li key={p.step} className="flex justify-between gap-2">
            <span>{p.status === 'done' ? '✓' : '·'} {p.label}</span>
            <span className="tabular-nums">{p.rows ?? ''}</span>
          </li>
        ))}
      </ol>
      {r.error ? <p className="mt-2 text-sm text-destructive">{r.error}</p> : null}
    </li>
  );
}
