'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';

const STATUS_VARIANT = { draft: 'secondary', running: 'success', stopped: 'warning', decided: 'default' } as const;

export function ExperimentList() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.experiments.list.queryOptions());
  if (data.length === 0) {
    return <EmptyState title="No experiments yet" description="Create one below: pick two ranking versions and a metric." />;
  }
  return (
    <Table aria-label="Experiments">
      <THead>
        <tr>
          <Th>Experiment</Th>
          <Th>Status</Th>
          <Th>Layer</Th>
          <Th>Primary metric</Th>
          <Th>Planned units / arm</Th>
        </tr>
      </THead>
      <TBody>
        {data.map((e) => (
          <tr key={e.id}>
            <Td>
              <Link href={`/console/experiments/${e.id}`} className="font-medium text-primary hover:underline">
                {e.name}
              </Link>
              <span className="ml-2 text-xs text-muted-foreground">{e.key}</span>
            </Td>
            <Td>
              <Badge variant={STATUS_VARIANT[e.status]}>{e.status}</Badge>
              {(e.flags as { srm?: boolean }).srm ? (
                <Badge variant="destructive" className="ml-2">
                  SRM
                </Badge>
              ) : null}
            </Td>
            <Td>{e.layer}</Td>
            <Td>{e.primaryMetric ?? '—'}</Td>
            <Td>{e.plannedSampleSize.toLocaleString()}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
