import { Suspense } from 'react';
import { PageHeader } from '@/components/console/page-header';
import { CreatePromotionForm } from '@/components/console/promotions/create-promotion-form';
import { PromotionList } from '@/components/console/promotions/promotion-list';
import { PanelErrorBoundary } from '@/components/console/search/panel-error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Promotions' };

export default async function ConsolePromotionsPage() {
  prefetch(trpc.promotions.list.queryOptions({ includeInactive: true }));
  return (
    <>
      <PageHeader
        title="Promotions"
        description="Codes and automatic promotions: percent off, amount off, free shipping, with eligibility and usage limits."
      />
      <HydrateClient>
        <div className="flex flex-col gap-6">
          <PanelErrorBoundary what="the promotions">
            <Suspense fallback={<Skeleton className="h-40 w-full" />}>
              <PromotionList />
            </Suspense>
          </PanelErrorBoundary>
          <CreatePromotionForm />
        </div>
      </HydrateClient>
    </>
  );
}
