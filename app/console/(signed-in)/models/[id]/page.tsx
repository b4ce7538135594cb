import Link from 'next/link';
import { Suspense } from 'react';
import { VersionDetail } from '@/components/console/models/version-detail';
import { VersionInsights } from '@/components/console/models/version-insights';
import { PageHeader } from '@/components/console/page-header';
import { PanelErrorBoundary } from '@/components/console/search/panel-error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Model version' };

export default async function ConsoleModelVersionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  prefetch(trpc.models.version.queryOptions({ versionId: id }));
  prefetch(trpc.models.alerts.queryOptions({ versionId: id }));
  prefetch(trpc.models.versionInsights.queryOptions({ versionId: id }));
  return (
    <>
      <PageHeader
        title="Model version"
        description="Evaluation, stage history, approvals and actions; business KPIs, errors, drift and shadow comparison."
        actions={
          <Link href="/console/models" className="text-sm text-primary hover:underline">
            ← All models
          </Link>
        }
      />
      <HydrateClient>
        <div className="flex flex-col gap-6">
          <PanelErrorBoundary what="this version">
            <Suspense fallback={<Skeleton className="h-64 w-full" />}>
              <VersionDetail versionId={id} />
            </Suspense>
          </PanelErrorBoundary>
          <PanelErrorBoundary what="this version's live metrics">
            <Suspense fallback={<Skeleton className="h-64 w-full" />}>
              <VersionInsights versionId={id} />
            </Suspense>
          </PanelErrorBoundary>
        </div>
      </HydrateClient>
    </>
  );
}
