'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import type { ListInboxInput } from '@/server/modules/payments/webhook-inbox.schema';

const STATUS_VARIANT: Record<string, BadgeProps['variant']> = {
  processed: 'success',
  received: 'warning',
  failed: 'destructive',
};

const time = (iso: string | null) =>
  iso ? `${new Date(iso).toLocaleString('en-GB', { timeZone: 'UTC', hour12: false })} UTC` : '—';
const ms = (v: number | null) => (v === null ? '' : v < 1000 ? ` (${v} ms)` : ` (${(v / 1000).toFixed(1)} s)`);

function hrefFor(filter: ListInboxInput, page: number) {
  const q = new URLSearchParams();
  if (filter.status) q.set('status', filter.status);
  if (filter.provider) q.set('provider', filter.provider);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return `/console/payments${s ? `?${s}` : ''}`;
}

/** Webhook inbox: every verified provider event, how applying it went, and Replay. */
export function WebhookInboxTable({ filter }: { filter: ListInboxInput }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery({ ...trpc.payments.inbox.list.queryOptions(filter), refetchInterval: 3000 });
  const [lastReplay, setLastReplay] = useState<{ id: string; text: string; error?: boolean } | null>(null);
  const replay = useMutation(
    trpc.payments.inbox.replay.mutationOptions({
      onSuccess: async (r) => {
        setLastReplay({ id: r.inboxId, text: `Replayed: ${r.outcome}` });
        await queryClient.invalidateQueries({ queryKey: trpc.payments.inbox.list.queryKey() });
      },
      onError: (err, vars) => setLastReplay({ id: vars.inboxId, text: err.message, error: true }),
    }),
  );
  if (data.total === 0) {
    return (
      <EmptyState
        title={filter.status || filter.provider ? 'No webhook events match' : 'No webhook events yet'}
        description="Signed events from the payment provider appear here as they arrive: authorisations, captures, cancellations and refunds."
      />
    );
  }
  const page = data.page;
  return (
    <div className="flex flex-col gap-3">
      {lastReplay ? (
        <p role="status" className={cn('text-sm', lastReplay.error ? 'text-destructive' : 'text-muted-foreground')}>
          {lastReplay.id}: {lastReplay.text}
        </p>
      ) : null}
      <table className="w-full text-sm" aria-label="Webhook events">
        <thead className="text-left text-xs text-muted-foreground">
          <tr>
            <th className="py-1 font-medium">Status</th>
            <th className="py-1 font-medium">Type</th>
            <th className="py-1 font-medium">Provider · event</th>
            <th className="py-1 font-medium">Outcome</th>
            <th className="py-1 font-medium">Received</th>
            <th className="py-1 font-medium">Processed</th>
            <th className="py-1 text-right font-medium">Tries</th>
            <th className="py-1" />
          </tr>
        </thead>
        <tbody>
          {data.items.map((e) => (
            <tr key={e.id} className="border-t align-top">
              <td className="py-2">
                <Badge variant={STATUS_VARIANT[e.status] ?? 'secondary'}>{e.status}</Badge>
              </td>
              <td className="max-w-56 break-all py-2 pr-3 font-mono text-xs">{e.type}</td>
              <td className="py-2 pr-3 text-xs">
                <span className="font-medium">{e.provider}</span> · <span className="font-mono">{e.eventId}</span>
                {e.providerPaymentId ? <p className="font-mono text-muted-foreground">{e.providerPaymentId}</p> : null}
              </td>
              <td className="py-2 pr-3 text-xs">
                {e.outcome ?? <span className="text-muted-foreground">—</span>}
                {e.error ? <p className="text-destructive">{e.error}</p> : null}
              </td>
              <td className="py-2 pr-3 text-xs tabular-nums text-muted-foreground">{time(e.receivedAt)}</td>
              <td className="py-2 pr-3 text-xs tabular-nums text-muted-foreground">
                {time(e.processedAt)}
                {ms(e.processingMs)}
              </td>
              <td className="py-2 pr-3 text-right tabular-nums">{e.attempts}</td>
              <td className="py-2 text-right">
                <Button
                  size="sm"
                  variant="outline"
                  aria-label={`Replay ${e.eventId}`}
                  disabled={replay.isPending && replay.variables?.inboxId === e.id}
                  onClick={() => replay.mutate({ inboxId: e.id })}
                >
                  Replay
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages" className="flex items-center justify-between text-sm">
        <span className="text-muted-foreground">
          {data.total} event{data.total === 1 ? '' : 's'} · page {page} of {data.pages}
        </span>
        <span className="flex gap-2">
          {page > 1 ? (
            <Link className="hover:underline" href={hrefFor(filter, page - 1)}>
              ← Newer
            </Link>
          ) : null}
          {page < data.pages ? (
            <Link className="hover:underline" href={hrefFor(filter, page + 1)}>
              Older →
            </Link>
          ) : null}
        </span>
      </nav>
    </div>
  );
}

export function InboxFilters({ filter }: { filter: ListInboxInput }) {
  const chip = (label: string, next: ListInboxInput, active: boolean) => (
    <Link
      key={label}
      href={hrefFor(next, 1)}
      aria-current={active ? 'true' : undefined}
      className={cn(
        'rounded-full border px-3 py-1 text-xs',
        active ? 'bg-muted font-medium' : 'text-muted-foreground hover:bg-muted',
      )}
    >
      {label}
    </Link>
  );
  return (
    <div className="flex flex-wrap items-center gap-2" aria-label="Filters">
      {chip('All statuses', { ...filter, status: undefined }, !filter.status)}
      {(['received', 'processed', 'failed'] as const).map((s) =>
        chip(s, { ...filter, status: s }, filter.status === s),
      )}
      <span className="mx-2 h-4 border-l" />
      {chip('All providers', { ...filter, provider: undefined }, !filter.provider)}
      {(['local', 'stripe'] as const).map((p) => chip(p, { ...filter, provider: p }, filter.provider === p))}
    </div>
  );
}
