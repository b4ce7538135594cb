'use client';
import { useMutation, useSuspenseInfiniteQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import type { ListAuditInput } from '@/server/modules/audit/audit.schema';

/** The trail, newest first, with a button that re-checks the hash chain end to end. */
export function AuditLog({ filter }: { filter: Omit<ListAuditInput, 'cursor'> }) {
  const trpc = useTRPC();
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(filter, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const rows = data.pages.flatMap((p) => p.items);
  return (
    <div className="flex flex-col gap-4">
      <VerifyChain />
      {rows.length === 0 ? (
        <EmptyState title="No audit entries match" description="Sign-ins, policy and model changes, review decisions and refunds are recorded here." />
      ) : (
        <table className="w-full text-sm" aria-label="Audit log">
          <thead className="text-left text-xs text-muted-foreground">
            <tr>
              <th className="py-1 pr-3 font-medium">#</th>
              <th className="py-1 pr-3 font-medium">When (UTC)</th>
              <th className="py-1 pr-3 font-medium">Who</th>
              <th className="py-1 pr-3 font-medium">Action</th>
              <th className="py-1 pr-3 font-medium">On</th>
              <th className="py-1 pr-3 font-medium">Change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t align-top">
                <td className="py-1.5 pr-3 tabular-nums text-muted-foreground">{r.seq ?? '–'}</td>
                <td className="py-1.5 pr-3 whitespace-nowrap text-xs">{new Date(r.createdAt).toISOString().slice(0, 19).replace('T', ' ')}</td>
                <td className="py-1.5">{r.actor}</td>
                <td className="py-1.5">
                  <Badge variant="secondary">{r.action}</Badge>
                </td>
                <td className="py-1.5 pr-3 font-mono text-xs">
                  {r.entity} {r.entityId}
                </td>
                <td className="py-1.5 pr-3 text-xs">
                  {r.reason ? <p>{r.reason}</p> : null}
                  {r.before !== null || r.after !== null ? (
                    <details>
                      <summary className="cursor-pointer text-muted-foreground">before / after</summary>
                      <pre className="mt-1 max-w-md overflow-x-auto rounded bg-muted p-2">{JSON.stringify({ before: r.before, after: r.after }, null, 2)}</pre>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasNextPage ? (
        <Button variant="outline" size="sm" className="self-start" disabled={isFetchingNextPage} onClick={() => fetchNextPage()}>
          {isFetchingNextPage ? 'Loading…' : 'Older entries'}
        </Button>
      ) : null}
    </div>
  );
}

function VerifyChain() {
  const trpc = useTRPC();
  const verify = useMutation(trpc.audit.verify.mutationOptions());
  const r = verify.data;
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg border bg-card p-3 text-sm">
      <Button size="sm" variant="outline" disabled={verify.isPending} onClick={() => verify.mutate()}>
        {verify.isPending ? 'Checking…' : 'Verify chain'}
      </Button>
      {r ? (
        r.ok ? (
          <span role="status" className="text-success">
            Chain intact: {r.checked} entries checked.
          </span>
        ) : (
          <span role="alert" className="text-destructive">
            Broken at entry {r.firstBreak?.seq}: {r.firstBreak?.problem}
          </span>
        )
      ) : (
        <span className="text-muted-foreground">Every entry carries a hash of its content and of the entry before it; verifying recomputes them all.</span>
      )}
      {verify.error ? <span className="text-destructive">{verify.error.message}</span> : null}
    </div>
  );
}
