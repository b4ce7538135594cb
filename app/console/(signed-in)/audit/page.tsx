import { Suspense } from 'react';
import { z } from 'zod';
import { AuditLog } from '@/components/console/audit/audit-log';
import { PageHeader } from '@/components/console/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Audit' };

const paramsSchema = z.object({
  actor: z.string().trim().min(1).max(200).optional().catch(undefined),
  action: z.string().trim().min(1).max(100).optional().catch(undefined),
  entity: z.string().trim().min(1).max(100).optional().catch(undefined),
});

export default async function AuditPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filter = paramsSchema.parse(await props.searchParams);
  prefetch(trpc.audit.list.infiniteQueryOptions({ ...filter, limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  return (
    <>
      <PageHeader title="Audit" description="Who did what, when, from where, and why. Append-only and tamper-evident." />
      <form className="mb-4 flex flex-wrap gap-2 text-sm" aria-label="Filter audit log">
        <input name="actor" defaultValue={filter.actor} placeholder="Who (email)" aria-label="Who" className="h-9 rounded-md border bg-background px-2" />
        <input name="action" defaultValue={filter.action} placeholder="Action (e.g. policy.)" aria-label="Action" className="h-9 rounded-md border bg-background px-2" />
        <input name="entity" defaultValue={filter.entity} placeholder="Entity (e.g. staff)" aria-label="Entity" className="h-9 rounded-md border bg-background px-2" />
        <button type="submit" className="h-9 rounded-md bg-muted px-3 hover:bg-muted/70">
          Filter
        </button>
      </form>
      <HydrateClient>
        <Suspense fallback={<Skeleton className="h-64 w-full" />}>
          <AuditLog filter={{ ...filter, limit: 50 }} />
        </Suspense>
      </HydrateClient>
    </>
  );
}
