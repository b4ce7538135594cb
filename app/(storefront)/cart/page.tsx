import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CartView } from '@/components/storefront/cart-view';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your cart' };

export default function CartPage() {
  prefetch(trpc.cart.get.queryOptions());
  return (
    <HydrateClient>
      <div className="flex flex-col gap-6">
        <h1 className="text-3xl font-semibold tracking-tight">Your cart</h1>
        <Suspense fallback={<Skeleton className="h-64 w-full" />}>
          <CartView />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
