'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { cn } from '@/components/ui/cn';
import type { ListRunsInput } from '@/server/modules/automations/automations.schema';
import { formatMs, RunStatusBadge } from './run-status-badge';

/** Latest runs, refreshed while the page is open; a row opens the run's steps. */
export function RunsTable({ filter, selected }: { filter: ListRunsInput; selected?: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery({ ...trpc.automations.runs.queryOptions(filter), refetchInterval: 2000 });
  if (data.length === 0) return <p className="text-sm text-muted-foreground">No runs match.</p>;
  const href = (id: string) => `/console/automations?${new URLSearchParams({ ...(filter.functionId ? { fn: filter.functionId } : {}), ...(filter.status ? { status: filter.status } : {}), run: id })}`;
  return (
    <table className="w-full text-sm" aria-label="Runs">
      <thead className="text-left text-xs text-muted-foreground">
        <tr>
          <th className="py-1 font-medium">Status</th>
          <th className="py-1 font-medium">Function</th>
          <th className="py-1 font-medium">Event</th>
          <th className="py-1 text-right font-medium">Steps</th>
          <th className="py-1 text-right font-medium">Attempt</th>
          <th className="py-1 text-right font-medium">Duration</th>
          <th className="py-1 text-right font-medium">Started</th>
        </tr>
      </thead>
      <tbody>
        {data.map((r) => (
          <tr key={r.id} className={cn('border-t', selected === r.id && 'bg-muted')}>
            <td className="py-1.5">
              <RunStatusBadge status={r.status} />
            </td>
            <td className="py-1.5">
              <Link className="hover:underline" href={href(r.id)}>
                {r.functionId}
              </Link>
              {r.error ? <p className="max-w-xs truncate text-xs text-destructive">{r.error}</p> : null}
            </td>
            <td className="py-1.5 text-muted-foreground">{r.eventName}</td>
            <td className="py-1.5 text-right tabular-nums">{r.steps}</td>
            <td className="py-1.5 text-right tabular-nums">
              {r.attempt + 1}/{r.maxAttempts}
            </td>
            <td className="py-1.5 text-right tabular-nums">{formatMs(r.durationMs)}</td>
            <td className="py-1.5 text-right text-xs text-muted-foreground">
              {new Date(r.createdAt).toLocaleTimeString('en-US', { timeZone: 'UTC', hour12: false })} UTC
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
