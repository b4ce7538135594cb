import { Suspense } from 'react';
import { PageHeader } from '@/components/console/page-header';
import { PolicyPanel } from '@/components/console/policies/policy-panel';
import { PanelErrorBoundary } from '@/components/console/search/panel-error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { PolicyApprovals } from '@/components/console/policies/policy-approvals';
import { PolicyOverview } from '@/components/console/policies/policy-overview';
import { SearchPolicyPanel } from '@/components/console/policies/search-policy-panel';
import { currentStaff } from '@/server/api/current-staff';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Policies' };

export default async function ConsolePoliciesPage() {
  const staff = await currentStaff();
  prefetch(trpc.policies.overview.queryOptions());
  prefetch(trpc.policies.approvals.queryOptions({}));
  for (const kind of ['risk', 'discount', 'recovery'] as const) prefetch(trpc.policies.list.queryOptions({ kind }));
  for (const kind of ['search_rules', 'synonyms'] as const) prefetch(trpc.policies.searchVersions.queryOptions({ kind }));
  return (
    <>
      <PageHeader
        title="Policies"
        description="Every merchant policy in one place: risk, discount, cart recovery, search rules and synonyms. Edit a draft, simulate it against recent traffic, publish, diff and roll back. Every change is audited; with four-eyes on, publishes and rollbacks wait for a second person (here or in Reviews)."
      />
      <HydrateClient>
        <div className="flex flex-col gap-10">
          <PanelErrorBoundary what="the policy list">
            <Suspense fallback={<Skeleton className="h-40 w-full" />}>
              <PolicyOverview />
            </Suspense>
          </PanelErrorBoundary>
          <PanelErrorBoundary what="approval requests">
            <Suspense fallback={<Skeleton className="h-24 w-full" />}>
              <PolicyApprovals canDecide={!!staff?.permissions.includes('policy.publish')} />
            </Suspense>
          </PanelErrorBoundary>
          {(['risk', 'discount', 'recovery'] as const).map((kind) => (
            <PanelErrorBoundary key={kind} what={`the ${kind} policy`}>
              <Suspense fallback={<Skeleton className="h-96 w-full" />}>
                <PolicyPanel kind={kind} />
              </Suspense>
            </PanelErrorBoundary>
          ))}
          {(['search_rules', 'synonyms'] as const).map((kind) => (
            <PanelErrorBoundary key={kind} what={`the ${kind} policy`}>
              <Suspense fallback={<Skeleton className="h-64 w-full" />}>
                <SearchPolicyPanel kind={kind} />
              </Suspense>
            </PanelErrorBoundary>
          ))}
        </div>
      </HydrateClient>
    </>
  );
}
