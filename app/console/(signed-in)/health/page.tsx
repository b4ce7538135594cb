import { Suspense } from 'react';
import { z } from 'zod';
import { HealthOverview } from '@/components/console/health/health-overview';
import { PageHeader } from '@/components/console/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Health' };

const paramsSchema = z.object({ minutes: z.coerce.number().int().min(5).max(1440).catch(60) });

export default async function HealthPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { minutes } = paramsSchema.parse({ minutes: (await props.searchParams).minutes ?? 60 });
  prefetch(trpc.observability.health.queryOptions({ minutes }));
  return (
    <>
      <PageHeader
        title="Health"
        description="Traffic, errors and latency per route and procedure, decision latency per model version, the automation queue and the slowest traces — summarised from every instance."
      />
      <HydrateClient>
        <Suspense fallback={<Skeleton className="h-96 w-full" />}>
          <HealthOverview minutes={minutes} />
        </Suspense>
      </HydrateClient>
    </>
  );
}
