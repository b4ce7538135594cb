import Link from 'next/link';
import { Suspense } from 'react';
import { z } from 'zod';
import { BackorderSetting } from '@/components/console/catalog/backorder-setting';
import { ProductEditForm } from '@/components/console/catalog/product-edit-form';
import { PageHeader } from '@/components/console/page-header';
import { PanelErrorBoundary } from '@/components/console/search/panel-error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Edit product' };

export default async function EditProductPage(props: { params: Promise<{ id: string }> }) {
  const { id } = z.object({ id: z.string().min(1).max(64) }).parse(await props.params);
  prefetch(trpc.catalog.editable.queryOptions({ productId: id }));
  prefetch(trpc.backorders.get.queryOptions({ productId: id }));
  return (
    <>
      <PageHeader
        title="Edit product"
        actions={
          <Link href="/console/catalog" className="text-sm text-muted-foreground hover:underline">
            ← Catalog
          </Link>
        }
      />
      <HydrateClient>
        <PanelErrorBoundary what="the product">
          <Suspense fallback={<Skeleton className="h-80 w-full max-w-2xl" />}>
            <ProductEditForm productId={id} />
          </Suspense>
        </PanelErrorBoundary>
        <PanelErrorBoundary what="the back-order setting">
          <Suspense fallback={<Skeleton className="mt-4 h-28 w-full max-w-2xl" />}>
            <BackorderSetting productId={id} />
          </Suspense>
        </PanelErrorBoundary>
      </HydrateClient>
    </>
  );
}
