'use client';
import { useSuspenseInfiniteQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ProductCard } from './product-card';
import { PAGE_SIZE, productListPaging } from './product-list-query';

export function ProductGrid({ category }: { category?: string }) {
  const trpc = useTRPC();
  const query = useSuspenseInfiniteQuery(
    trpc.catalog.list.infiniteQueryOptions({ category, limit: PAGE_SIZE }, productListPaging),
  );
  const items = query.data.pages.flatMap((p) => p.items);
  const total = query.data.pages[0]?.total ?? 0;
  if (items.length === 0) {
    return <EmptyState title="No products here yet" description="Import a catalog from the console, or pick another category." />;
  }
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm text-muted-foreground" aria-live="polite">
        Showing {items.length.toLocaleString('en-US')} of {total.toLocaleString('en-US')} products
      </p>
      <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" aria-label="Products">
        {items.map((p) => (
          <li key={p.id}>
            <ProductCard product={p} />
          </li>
        ))}
      </ul>
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
