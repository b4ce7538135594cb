'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';

const STATUS: Record<string, BadgeProps['variant']> = { completed: 'success', failed: 'destructive', running: 'default', queued: 'secondary' };
const when = (d: Date | string) => new Date(d).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/** Past imports, newest first; refreshed while one is still running. */
export function ImportHistory() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery({
    ...trpc.catalog.import.list.queryOptions({ limit: 20 }),
    refetchInterval: (q) => (q.state.data?.some((i) => i.status === 'queued' || i.status === 'running') ? 2000 : false),
  });
  if (data.length === 0) return <EmptyState title="No imports yet" description="Imports you start here or through the REST API are listed here." />;
  return (
    <Table aria-label="Import history">
      <THead>
        <tr>
          <Th>Started</Th>
          <Th>File</Th>
          <Th>Status</Th>
          <Th className="text-right">Rows</Th>
          <Th className="text-right">Created</Th>
          <Th className="text-right">Updated</Th>
          <Th className="text-right">Unchanged</Th>
          <Th className="text-right">Skipped</Th>
          <Th className="text-right">Flagged</Th>
        </tr>
      </THead>
      <TBody>
        {data.map((i) => (
          <tr key={i.id}>
            <Td className="whitespace-nowrap tabular-nums">{when(i.createdAt)}</Td>
            <Td>
              {i.fileName || '—'} <span className="text-xs text-muted-foreground">({i.source})</span>
            </Td>
            <Td>
              <Badge variant={STATUS[i.status]}>{i.status === 'running' ? `running ${i.percent}%` : i.status}</Badge>
            </Td>
            <Td className="text-right tabular-nums">{i.total + i.failed}</Td>
            <Td className="text-right tabular-nums">{i.created}</Td>
            <Td className="text-right tabular-nums">{i.updated}</Td>
            <Td className="text-right tabular-nums">{i.unchanged}</Td>
            <Td className="text-right tabular-nums">{i.failed}</Td>
            <Td className="text-right tabular-nums">{i.flagged}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
