import { Suspense } from 'react';
import { PageHeader } from '@/components/console/page-header';
import { WebhooksPanel } from '@/components/console/webhooks/webhooks-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Webhooks' };

export default function WebhooksPage() {
  prefetch(trpc.webhooks.endpoints.queryOptions());
  prefetch(trpc.webhooks.deliveries.queryOptions({ limit: 50 }));
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Order status changes and alerts, sent to your systems signed (Standard Webhooks), retried with backoff until they answer 2xx."
      />
      <HydrateClient>
        <Suspense fallback={<Skeleton className="h-64 w-full" />}>
          <WebhooksPanel />
        </Suspense>
      </HydrateClient>
    </>
  );
}
