'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { buttonVariants } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import type { SearchTelemetry } from '@/server/modules/search/search-products';
import { SearchEmpty } from './search-empty';
import { SearchHitCard } from './search-hit-card';
import { SearchPagination } from './search-pagination';
import { hasFilters, searchHref, searchQueryInput, type SearchState } from './search-params';
import { SearchSort } from './search-sort';

export function SearchResults({ state }: { state: SearchState }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.search.query.queryOptions(searchQueryInput(state)));
  // zeroResult with items: nothing matched, and the service relaxed to similar or popular products.
  const relaxed = data.zeroResult && data.items.length > 0;
  const filtered = hasFilters(state);

  if (data.total === 0) {
    return (
      <section className="flex flex-col gap-4">
        <SearchEmpty state={state} />
        <TelemetryLine telemetry={data.telemetry} />
      </section>
    );
  }
  if (data.items.length === 0) {
    return (
      <EmptyState
        title={`Page ${state.page} is past the last page`}
        action={
          <Link href={searchHref({ ...state, page: 1 })} className={buttonVariants({ variant: 'outline' })}>
            Back to the first page
          </Link>
        }
      />
    );
  }

  return (
    <section aria-label="Results" className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <p role="status" className="text-lg font-semibold">
            {relaxed ? (
              <>
                No exact matches for “{data.query}”{filtered ? ' with these filters' : ''}{' '}
                <span className="font-normal text-muted-foreground">— showing similar products</span>
              </>
            ) : (
              `${data.total.toLocaleString('en-US')} ${data.total === 1 ? 'result' : 'results'} for “${data.query}”`
            )}
          </p>
          {data.pageCount > 1 ? (
            <p className="text-sm text-muted-foreground">
              Page {data.page} of {data.pageCount.toLocaleString('en-US')}
            </p>
          ) : null}
          <TelemetryLine telemetry={data.telemetry} />
        </div>
        <SearchSort state={state} />
      </div>
      <ul aria-label="Search results" className="grid grid-cols-2 gap-4 sm:grid-cols-3 xl:grid-cols-4">
        {data.items.map((hit) => (
          <li key={hit.productId}>
            <SearchHitCard hit={hit} query={data.query} requestId={data.telemetry.requestId} />
          </li>
        ))}
      </ul>
      <SearchPagination state={state} pageCount={data.pageCount} />
    </section>
  );
}

/** For whoever is debugging relevance: how this answer was produced and how long it took. */
function TelemetryLine({ telemetry: t }: { telemetry: SearchTelemetry }) {
  const parts = [
    t.strategy,
    `ranking v${t.rankingVersion}`,
    `synonyms v${t.synonymsVersion}`,
    t.modelVersion,
    t.fallback.embedder ? `embedder ${t.fallback.embedder}` : t.degraded ? 'degraded' : null,
    t.rulesFired.length ? `${t.rulesFired.length} rules fired` : null,
    t.personal ? `personalized (${t.personal.moved} moved)` : null,
    `${Math.round(t.timingsMs.total ?? 0)} ms`,
  ].filter(Boolean);
  return (
    <p className="text-xs text-muted-foreground" data-testid="search-telemetry" title={t.requestId ?? undefined}>
      {parts.join(' · ')}
    </p>
  );
}
