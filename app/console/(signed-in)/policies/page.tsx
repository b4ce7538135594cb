import { Suspense } from 'react';
import { PageHeader } from '@/components/console/page-header';
import { PolicyPanel } from '@/components/console/policies/policy-panel';
import { PanelErrorBoundary } from '@/components/console/search/panel-error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { PolicyApprovals } from '@/components/console/policies/policy-approvals';
import { currentStaff } from '@/server/api/current-staff';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Policies' };

export default async function ConsolePoliciesPage() {
  const staff = await currentStaff();
  prefetch(trpc.policies.approvals.queryOptions({}));
  prefetch(trpc.policies.list.queryOptions({ kind: 'risk' }));
  prefetch(trpc.policies.list.queryOptions({ kind: 'discount' }));
  return (
    <>
      <PageHeader
        title="Policies"
        description="Versioned risk and discount policies: edit a draft, simulate it against recent traffic, publish, diff and roll back. Every publish is audited."
      />
      <HydrateClient>
        <div className="flex flex-col gap-10">
          <PanelErrorBoundary what="approval requests">
            <Suspense fallback={<Skeleton className="h-24 w-full" />}>
              <PolicyApprovals canDecide={!!staff?.permissions.includes('policy.publish')} />
            </Suspense>
          </PanelErrorBoundary>
          {(['risk', 'discount'] as const).map((kind) => (
            <PanelErrorBoundary key={kind} what={`the ${kind} policy`}>
              <Suspense fallback={<Skeleton className="h-96 w-full" />}>
                <PolicyPanel kind={kind} />
              </Suspense>
            </PanelErrorBoundary>
          ))}
        </div>
      </HydrateClient>
    </>
  );
}
