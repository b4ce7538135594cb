import { Suspense } from 'react';
import { redirect } from 'next/navigation';
import { PageHeader } from '@/components/console/page-header';
import { PanelErrorBoundary } from '@/components/console/search/panel-error-boundary';
import { ApiKeysPanel } from '@/components/console/team/api-keys-panel';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { currentStaff } from '@/server/api/current-staff';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const staff = await currentStaff();
  if (!staff) redirect('/console/sign-in');
  const header = (
    <PageHeader title="API keys" description="Keys for systems calling REST v1, scoped by permission, shown once, stored hashed, revocable." />
  );
  if (!staff.permissions.includes('apikey.manage'))
    return (
      <>
        {header}
        <EmptyState title="You cannot manage API keys" description="This page needs the apikey.manage permission." />
      </>
    );
  prefetch(trpc.apiKeys.list.queryOptions());
  return (
    <>
      {header}
      <HydrateClient>
        <PanelErrorBoundary what="API keys">
          <Suspense fallback={<Skeleton className="h-64 w-full" />}>
            <ApiKeysPanel grantable={staff.permissions} />
          </Suspense>
        </PanelErrorBoundary>
      </HydrateClient>
    </>
  );
}
