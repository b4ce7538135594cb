import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { OrderDetail } from '@/components/console/orders/order-detail';
import { PageHeader } from '@/components/console/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';
import { orderIdInput } from '@/server/modules/checkout/checkout.schema';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Order' };

export default async function OrderPage(props: { params: Promise<{ id: string }> }) {
  const parsed = orderIdInput.safeParse((await props.params).id);
  if (!parsed.success) notFound();
  const orderId = parsed.data;
  prefetch(trpc.orders.get.queryOptions({ orderId }));
  prefetch(trpc.reviews.forSubject.queryOptions({ kind: 'order_risk', subjectId: orderId }));
  prefetch(trpc.refunds.forOrder.queryOptions({ orderId }));
  prefetch(trpc.reviews.forSubject.queryOptions({ kind: 'decision_appeal', subjectId: orderId }));
  prefetch(trpc.automations.forSubject.queryOptions({ key: 'orderId', value: orderId }));
  return (
    <>
      <PageHeader
        title="Order"
        actions={
          <Link className="text-sm hover:underline" href="/console/orders">
            ← All orders
          </Link>
        }
      />
      <HydrateClient>
        <Suspense fallback={<Skeleton className="h-96 w-full" />}>
          <OrderDetail orderId={orderId} />
        </Suspense>
      </HydrateClient>
    </>
  );
}
