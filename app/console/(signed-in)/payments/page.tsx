import { Suspense } from 'react';
import { z } from 'zod';
import { PageHeader } from '@/components/console/page-header';
import { InboxFilters, WebhookInboxTable } from '@/components/console/payments/webhook-inbox-table';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';
import { WEBHOOK_INBOX_STATUSES } from '@/server/modules/payments/webhook-inbox.schema';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Payments' };

const paramsSchema = z.object({
  status: z.enum(WEBHOOK_INBOX_STATUSES).optional().catch(undefined),
  provider: z.enum(['local', 'stripe']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export default async function PaymentsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { status, provider, page } = paramsSchema.parse(await props.searchParams);
  const filter = { status, provider, page: page ?? 1, pageSize: 25 };
  prefetch(trpc.payments.inbox.list.queryOptions(filter));
  return (
    <>
      <PageHeader
        title="Payments"
        description="Signed webhooks from the payment provider: stored once per event, applied in the background, status only moves forward. Replay re-applies one safely."
      />
      <HydrateClient>
        <Card>
          <CardHeader className="flex flex-col gap-3">
            <CardTitle>Webhook inbox</CardTitle>
            <InboxFilters filter={filter} />
          </CardHeader>
          <CardContent>
            <Suspense fallback={<Skeleton className="h-64 w-full" />}>
              <WebhookInboxTable filter={filter} />
            </Suspense>
          </CardContent>
        </Card>
      </HydrateClient>
    </>
  );
}
