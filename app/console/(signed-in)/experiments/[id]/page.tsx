import Link from 'next/link';
import { Suspense } from 'react';
import { ExperimentResults } from '@/components/console/experiments/experiment-results';
import { PageHeader } from '@/components/console/page-header';
import { PanelErrorBoundary } from '@/components/console/search/panel-error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Experiment' };

export default async function ConsoleExperimentPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  prefetch(trpc.experiments.get.queryOptions({ experimentId: id }));
  prefetch(trpc.experiments.results.queryOptions({ experimentId: id }));
  return (
    <>
      <PageHeader
        title="Experiment results"
        description="Per-arm metrics with intervals, a plain-language summary, SRM and guardrail status."
        actions={
          <Link href="/console/experiments" className="text-sm text-primary hover:underline">
            ← All experiments
          </Link>
        }
      />
      <HydrateClient>
        <PanelErrorBoundary what="this experiment">
          <Suspense fallback={<Skeleton className="h-64 w-full" />}>
            <ExperimentResults experimentId={id} />
          </Suspense>
        </PanelErrorBoundary>
      </HydrateClient>
    </>
  );
}
