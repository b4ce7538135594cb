import { Suspense } from 'react';
import { z } from 'zod';
import { PageHeader } from '@/components/console/page-header';
import { MerchRulesPanel } from '@/components/console/search/merch-rules-panel';
import { PanelErrorBoundary } from '@/components/console/search/panel-error-boundary';
import { TopQueries, ZeroResultQueries } from '@/components/console/search/query-reports';
import { REPORT_INPUT } from '@/components/console/search/report-input';
import { SEARCH_TABS, SearchTabs, type SearchTab } from '@/components/console/search/search-tabs';
import { SynonymsPanel } from '@/components/console/search/synonyms-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Search' };

const tabIds = SEARCH_TABS.map((t) => t.id) as [SearchTab, ...SearchTab[]];
const paramsSchema = z.object({ tab: z.enum(tabIds).catch('queries').default('queries') });

// A static segment, so it wins over /console/[section] for "search" only.
export default async function ConsoleSearchPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tab } = paramsSchema.parse(await props.searchParams);
  const label = SEARCH_TABS.find((t) => t.id === tab)!.label;
  if (tab === 'queries') prefetch(trpc.searchAdmin.topQueries.queryOptions(REPORT_INPUT));
  if (tab === 'zero') prefetch(trpc.searchAdmin.zeroResultQueries.queryOptions(REPORT_INPUT));
  if (tab === 'synonyms') prefetch(trpc.searchAdmin.synonyms.queryOptions());
  if (tab === 'rules') prefetch(trpc.searchAdmin.ranking.queryOptions());
  return (
    <>
      <PageHeader
        title="Search"
        description="What shoppers search for, and the synonyms and rules that shape their results."
      />
      <SearchTabs active={tab} />
      <HydrateClient>
        <PanelErrorBoundary key={tab} what={label.toLowerCase()}>
          <Suspense fallback={<PanelSkeleton />}>
            {tab === 'queries' ? <TopQueries /> : null}
            {tab === 'zero' ? <ZeroResultQueries /> : null}
            {tab === 'synonyms' ? <SynonymsPanel /> : null}
            {tab === 'rules' ? <MerchRulesPanel /> : null}
          </Suspense>
        </PanelErrorBoundary>
      </HydrateClient>
    </>
  );
}

function PanelSkeleton() {
  return (
    <div className="flex flex-col gap-3" aria-busy="true" aria-label="Loading">
      <Skeleton className="h-40 w-full" />
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} className="h-8 w-full" />
      ))}
    </div>
  );
}
