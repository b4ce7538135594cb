import { Suspense } from 'react';
import { z } from 'zod';
import { FunctionSummary } from '@/components/console/automations/function-summary';
import { RunDetail } from '@/components/console/automations/run-detail';
import { RunsTable } from '@/components/console/automations/runs-table';
import { PageHeader } from '@/components/console/page-header';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';
import { RUN_STATUSES } from '@/server/modules/automations/automations.schema';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Automations' };

const paramsSchema = z.object({
  fn: z.string().min(1).optional().catch(undefined),
  status: z.enum(RUN_STATUSES).optional().catch(undefined),
  run: z.string().min(1).optional().catch(undefined),
});

export default async function AutomationsPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { fn, status, run } = paramsSchema.parse(await props.searchParams);
  const filter = { functionId: fn, status, limit: 50 };
  prefetch(trpc.automations.overview.queryOptions());
  prefetch(trpc.automations.runs.queryOptions(filter));
  if (run) prefetch(trpc.automations.run.queryOptions({ runId: run }));
  return (
    <>
      <PageHeader title="Automations" description="Background functions: catalog indexing, nightly recomputes and more. Every run, step and retry." />
      <HydrateClient>
        <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <div className="flex flex-col gap-6">
            <Suspense fallback={<Skeleton className="h-40 w-full" />}>
              <FunctionSummary selected={fn} />
            </Suspense>
            <Card>
              <CardHeader>
                <CardTitle>Runs{fn ? ` of ${fn}` : ''}</CardTitle>
              </CardHeader>
              <CardContent>
                <Suspense fallback={<Skeleton className="h-64 w-full" />}>
                  <RunsTable filter={filter} selected={run} />
                </Suspense>
              </CardContent>
            </Card>
          </div>
          <div>
            {run ? (
              <Suspense fallback={<Skeleton className="h-96 w-full" />}>
                <RunDetail runId={run} />
              </Suspense>
            ) : (
              <p className="text-sm text-muted-foreground">Select a run to see its steps.</p>
            )}
          </div>
        </div>
      </HydrateClient>
    </>
  );
}
