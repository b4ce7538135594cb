import { Suspense } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';
import { RecsBoundary } from './recs-boundary';
import { PRODUCT_RECS_LIMIT } from './recs-limits';
import { RecsProduct } from './recs-product';
import { RecsViewTracker } from './recs-view-tracker';

/** Server slot for the product page: prefetches the recommendations and streams them in. */
export function RecsProductSlot({ productId }: { productId: string }) {
  prefetch(trpc.recs.forProduct.queryOptions({ productId, limit: PRODUCT_RECS_LIMIT }));
  return (
    <HydrateClient>
      <RecsViewTracker productId={productId} />
      <RecsBoundary>
        <Suspense fallback={<Skeleton className="mt-12 h-72 w-full" />}>
          <RecsProduct productId={productId} />
        </Suspense>
      </RecsBoundary>
    </HydrateClient>
  );
}
