'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PopularCategories } from './popular-categories';
import { useSearchNavigation } from './search-navigation';
import { hasFilters, searchHref, type SearchState } from './search-params';

/** Nothing at all to show. Categories load only here, so ordinary searches never pay for them. */
export function SearchEmpty({ state }: { state: SearchState }) {
  const trpc = useTRPC();
  const { navigate } = useSearchNavigation();
  const overview = useQuery(trpc.catalog.overview.queryOptions());
  const names = overview.data?.categories.slice(0, 8).map((c) => c.name) ?? [];
  const filtered = hasFilters(state);
  return (
    <EmptyState
      title={`No results for “${state.q}”`}
      description={
        filtered
          ? 'Nothing matches these filters. Clear them, or try a broader search.'
          : 'Check the spelling, try a more general word, or browse a popular category.'
      }
      action={
        <div className="flex flex-col items-center gap-4">
          {filtered ? (
            <Button variant="outline" onClick={() => navigate(searchHref({ ...state, filters: {}, page: 1 }))}>
              Clear filters
            </Button>
          ) : null}
          {names.length > 0 ? <PopularCategories names={names} /> : null}
        </div>
      }
    />
  );
}
