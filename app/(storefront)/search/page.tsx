import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SearchFacets } from '@/components/storefront/search-facets';
import { PopularCategories } from '@/components/storefront/popular-categories';
import { SearchNavigationProvider } from '@/components/storefront/search-navigation';
import { parseSearchParams, searchQueryInput, type RawParams } from '@/components/storefront/search-params';
import { SearchResults } from '@/components/storefront/search-results';
import { SearchSkeleton } from '@/components/storefront/search-skeleton';
import { EmptyState } from '@/components/ui/empty-state';
import { HydrateClient, prefetch, serverCaller, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<RawParams> };

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { q } = parseSearchParams(await props.searchParams);
  // Result pages are endless permutations of filters: keep them out of the index.
  return { title: q ? `Search: ${q}` : 'Search', robots: { index: false } };
}

export default async function SearchPage(props: Props) {
  const state = parseSearchParams(await props.searchParams);
  if (!state.q) return <NoQuery />;
  prefetch(trpc.search.query.queryOptions(searchQueryInput(state)));
  return (
    <HydrateClient>
      <h1 className="sr-only">Search results for {state.q}</h1>
      <Suspense fallback={<SearchSkeleton />}>
        <SearchNavigationProvider>
          <div className="grid gap-8 lg:grid-cols-[15rem_1fr]">
            <SearchFacets state={state} />
            <SearchResults state={state} />
          </div>
        </SearchNavigationProvider>
      </Suspense>
    </HydrateClient>
  );
}

async function NoQuery() {
  const { categories } = await (await serverCaller()).catalog.overview();
  return (
    <EmptyState
      title="What are you looking for?"
      description="Type in the search box above, or start from a popular category."
      action={<PopularCategories names={categories.slice(0, 8).map((c) => c.name)} />}
    />
  );
}
