'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';

const TITLES: Record<string, string> = {
  risk: 'Risk policy',
  discount: 'Discount policy',
  recovery: 'Cart recovery policy',
  search_rules: 'Search ranking & merchandising rules',
  synonyms: 'Search synonyms',
};

/** One list of every merchant policy: what is live, drafts, and changes waiting for a second person. */
export function PolicyOverview() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.policies.overview.queryOptions());
  return (
    <Table aria-label="All policies">
      <THead>
        <tr>
          <Th>Policy</Th>
          <Th>Live</Th>
          <Th>Versions</Th>
          <Th>Drafts</Th>
          <Th>Waiting for approval</Th>
        </tr>
      </THead>
      <TBody>
        {data.map((r) => (
          <tr key={r.kind}>
            <Td>
              <a className="hover:underline" href={`#${r.kind}-policy`}>
                {TITLES[r.kind] ?? r.kind}
              </a>
            </Td>
            <Td className="font-mono text-xs">{r.live}</Td>
            <Td>{r.versions}</Td>
            <Td>{r.drafts}</Td>
            <Td>{r.pendingApprovals ? <Badge variant="warning">{r.pendingApprovals}</Badge> : '—'}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
