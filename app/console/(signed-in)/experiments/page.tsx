import { Suspense } from 'react';
import { CreateExperimentForm } from '@/components/console/experiments/create-experiment-form';
import { ExperimentList } from '@/components/console/experiments/experiment-list';
import { PageHeader } from '@/components/console/page-header';
import { PanelErrorBoundary } from '@/components/console/search/panel-error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Experiments' };

export default async function ConsoleExperimentsPage() {
  prefetch(trpc.experiments.list.queryOptions());
  return (
    <>
      <PageHeader
        title="Experiments"
        description="A/B tests served through the decision seam, with always-valid p-values, SRM checks and guardrails."
      />
      <HydrateClient>
        <div className="flex flex-col gap-6">
          <PanelErrorBoundary what="the experiment list">
            <Suspense fallback={<Skeleton className="h-40 w-full" />}>
              <ExperimentList />
            </Suspense>
          </PanelErrorBoundary>
          <CreateExperimentForm />
        </div>
      </HydrateClient>
    </>
  );
}
