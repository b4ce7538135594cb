import Link from 'next/link';
import { Suspense } from 'react';
import { redirect } from 'next/navigation';
import { PageHeader } from '@/components/console/page-header';
import { PanelErrorBoundary } from '@/components/console/search/panel-error-boundary';
import { SettingsForm } from '@/components/console/team/settings-form';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { currentStaff } from '@/server/api/current-staff';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const staff = await currentStaff();
  if (!staff) redirect('/console/sign-in');
  const header = <PageHeader title="Settings" description="Store-wide console settings. Every change is audited." />;
  const links = (
    <p className="mt-6 text-sm text-muted-foreground">
      People and access: <Link href="/console/staff" className="text-primary hover:underline">Staff & roles</Link> ·{' '}
      <Link href="/console/api-keys" className="text-primary hover:underline">API keys</Link>
    </p>
  );
  if (!staff.permissions.includes('settings.manage'))
    return (
      <>
        {header}
        <EmptyState title="You cannot change settings" description="This page needs the settings.manage permission." />
        {links}
      </>
    );
  prefetch(trpc.settings.get.queryOptions());
  return (
    <>
      {header}
      <HydrateClient>
        <PanelErrorBoundary what="settings">
          <Suspense fallback={<Skeleton className="h-32 w-full" />}>
            <SettingsForm />
          </Suspense>
        </PanelErrorBoundary>
      </HydrateClient>
      {links}
    </>
  );
}
