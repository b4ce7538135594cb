import Link from 'next/link';
import { Suspense } from 'react';
import { z } from 'zod';
import { OrdersTable } from '@/components/console/orders/orders-table';
import { PageHeader } from '@/components/console/page-header';
import { cn } from '@/components/ui/cn';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';
import { ORDER_STATUSES } from '@/server/modules/checkout/checkout.schema';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Orders' };

const paramsSchema = z.object({ status: z.enum(ORDER_STATUSES).optional().catch(undefined) });

export default async function OrdersPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { status } = paramsSchema.parse(await props.searchParams);
  prefetch(trpc.orders.list.infiniteQueryOptions({ status, limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  return (
    <>
      <PageHeader title="Orders" description="Every order with its status, risk decision and the automation that handled it." />
      <nav className="mb-4 flex flex-wrap gap-2 text-sm" aria-label="Order status">
        {[undefined, ...ORDER_STATUSES].map((s) => (
          <Link
            key={s ?? 'all'}
            href={s ? `/console/orders?status=${s}` : '/console/orders'}
            className={cn('rounded-md px-3 py-1.5 capitalize', s === status ? 'bg-primary text-primary-foreground' : 'bg-muted hover:bg-muted/70')}
          >
            {s ? s.replace('_', ' ') : 'all'}
          </Link>
        ))}
      </nav>
      <HydrateClient>
        <Suspense fallback={<Skeleton className="h-64 w-full" />}>
          <OrdersTable status={status} />
        </Suspense>
      </HydrateClient>
    </>
  );
}
