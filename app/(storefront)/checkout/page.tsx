import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CheckoutForm } from '@/components/storefront/checkout-form';
import { Skeleton } from '@/components/ui/skeleton';
import { currentShopper } from '@/server/api/current-shopper';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Checkout' };

export default async function CheckoutPage() {
  prefetch(trpc.cart.get.queryOptions());
  const shopper = await currentShopper();
  return (
    <HydrateClient>
      <div className="flex flex-col gap-6">
        <h1 className="text-3xl font-semibold tracking-tight">Checkout</h1>
        <Suspense fallback={<Skeleton className="h-96 w-full" />}>
          <CheckoutForm defaultEmail={shopper?.email ?? ''} />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
