import { Suspense } from 'react';
import { z } from 'zod';
import { DecisionLogBrowser } from '@/components/console/models/decision-log-browser';
import { ModelRegistry } from '@/components/console/models/model-registry';
import { PersonalWeightsForm } from '@/components/console/models/personal-weights-form';
import { RegisterVersionForm } from '@/components/console/models/register-version-form';
import { RerankGate } from '@/components/console/models/rerank-gate';
import { ServingHealth } from '@/components/console/models/serving-health';
import { PageHeader } from '@/components/console/page-header';
import { PanelErrorBoundary } from '@/components/console/search/panel-error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';
import { modelKind } from '@/server/modules/models/model-kinds';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Models' };

const paramsSchema = z.object({ kind: modelKind.catch('search_ranking').default('search_ranking') });

export default async function ConsoleModelsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { kind } = paramsSchema.parse(await props.searchParams);
  prefetch(trpc.models.list.queryOptions({}));
  prefetch(trpc.models.metrics.queryOptions({ kind }));
  prefetch(trpc.automations.rerankEvaluations.queryOptions());
  return (
    <>
      <PageHeader
        title="Models"
        description="Every model-driven decision: which version serves, how it is doing, and every decision it made."
      />
      <HydrateClient>
        <div className="flex flex-col gap-6">
          <PanelErrorBoundary what="the model registry">
            <Suspense fallback={<Skeleton className="h-40 w-full" />}>
              <ModelRegistry />
            </Suspense>
          </PanelErrorBoundary>
          <RegisterVersionForm />
          <PersonalWeightsForm />
          <PanelErrorBoundary what="the search re-ranking gate">
            <Suspense fallback={<Skeleton className="h-40 w-full" />}>
              <RerankGate />
            </Suspense>
          </PanelErrorBoundary>
          <PanelErrorBoundary what="serving health">
            <Suspense fallback={<Skeleton className="h-64 w-full" />}>
              <ServingHealth kind={kind} />
            </Suspense>
          </PanelErrorBoundary>
          <DecisionLogBrowser />
        </div>
      </HydrateClient>
    </>
  );
}
