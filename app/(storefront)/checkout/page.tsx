import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CheckoutForm } from '@/components/storefront/checkout-form';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Checkout' };

export default function CheckoutPage() {
  prefetch(trpc.cart.get.queryOptions());
  return (
    <HydrateClient>
      <div className="flex flex-col gap-6">
        <h1 className="text-3xl font-semibold tracking-tight">Checkout</h1>
        <Suspense fallback={<Skeleton className="h-96 w-full" />}>
          <CheckoutForm />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
