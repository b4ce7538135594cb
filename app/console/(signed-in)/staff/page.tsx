import { Suspense } from 'react';
import { redirect } from 'next/navigation';
import { PageHeader } from '@/components/console/page-header';
import { PanelErrorBoundary } from '@/components/console/search/panel-error-boundary';
import { InvitePanel } from '@/components/console/team/invite-panel';
import { RolesPanel } from '@/components/console/team/roles-panel';
import { STAFF_PAGE_SIZE, StaffTable } from '@/components/console/team/staff-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { currentStaff } from '@/server/api/current-staff';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Staff & roles' };

export default async function StaffPage() {
  const staff = await currentStaff();
  if (!staff) redirect('/console/sign-in');
  const header = (
    <PageHeader title="Staff & roles" description="Who can do what: invite people, assign roles, define custom roles. Every change is audited." />
  );
  if (!staff.permissions.includes('staff.manage'))
    return (
      <>
        {header}
        <EmptyState title="You cannot manage staff" description="This page needs the staff.manage permission. Ask an owner or admin." />
      </>
    );
  prefetch(trpc.team.roles.queryOptions());
  prefetch(trpc.team.invites.queryOptions());
  prefetch(trpc.team.staff.queryOptions({ status: 'active', page: 1, pageSize: STAFF_PAGE_SIZE }));
  return (
    <>
      {header}
      <HydrateClient>
        <div className="flex flex-col gap-10">
          <PanelErrorBoundary what="staff">
            <Suspense fallback={<Skeleton className="h-64 w-full" />}>
              <StaffTable selfId={staff.id} />
            </Suspense>
          </PanelErrorBoundary>
          <PanelErrorBoundary what="invites">
            <Suspense fallback={<Skeleton className="h-40 w-full" />}>
              <InvitePanel />
            </Suspense>
          </PanelErrorBoundary>
          <PanelErrorBoundary what="roles">
            <Suspense fallback={<Skeleton className="h-64 w-full" />}>
              <RolesPanel grantable={staff.permissions} />
            </Suspense>
          </PanelErrorBoundary>
        </div>
      </HydrateClient>
    </>
  );
}
