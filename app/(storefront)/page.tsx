import { Suspense } from 'react';
import { z } from 'zod';
import { CategoryNav } from '@/components/storefront/category-nav';
import { ProductGrid } from '@/components/storefront/product-grid';
import { RecsBoundary } from '@/components/storefront/recs-boundary';
import { RecsHome } from '@/components/storefront/recs-home';
import { HOME_RECS_LIMIT } from '@/components/storefront/recs-limits';
import { PAGE_SIZE, productListPaging } from '@/components/storefront/product-list-query';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, serverCaller, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';

const searchParamsSchema = z.object({ category: z.string().trim().min(1).max(120).optional().catch(undefined) });

export default async function HomePage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { category } = searchParamsSchema.parse(await props.searchParams);
  const { categories } = await (await serverCaller()).catalog.overview();
  prefetch(trpc.catalog.list.infiniteQueryOptions({ category, limit: PAGE_SIZE }, productListPaging));
  if (!category) prefetch(trpc.recs.forHome.queryOptions({ limit: HOME_RECS_LIMIT }));
  return (
    <HydrateClient>
      <section className="mb-8 flex flex-col gap-2">
        <h1 className="text-3xl font-semibold tracking-tight">{category ?? 'Everything for the home'}</h1>
        <p className="text-muted-foreground">Furniture, décor, lighting and more, ready to ship.</p>
      </section>
      {category ? null : (
        <RecsBoundary>
          <Suspense fallback={<Skeleton className="mb-10 h-72 w-full" />}>
            <div className="mb-12">
              <RecsHome />
            </div>
          </Suspense>
        </RecsBoundary>
      )}
      <div className="mb-6">
        <CategoryNav categories={categories} active={category} />
      </div>
      <Suspense fallback={<GridSkeleton />}>
        <ProductGrid category={category} />
      </Suspense>
    </HydrateClient>
  );
}

function GridSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} className="aspect-[3/4]" />
      ))}
    </div>
  );
}
