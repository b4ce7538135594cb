import { Suspense } from 'react';
import { PageHeader } from '@/components/console/page-header';
import { DataMapTable, RetentionTable } from '@/components/console/privacy/data-map-table';
import { EncryptionStatusCard } from '@/components/console/privacy/encryption-status';
import { NewPrivacyRequest, PrivacyRequestList } from '@/components/console/privacy/privacy-requests';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { currentStaff } from '@/server/api/current-staff';
import { HydrateClient, prefetch, serverCaller, trpc } from '@/server/api/rsc';
import { DATA_MAP } from '@/server/modules/privacy/data-map';
import { retentionSummary } from '@/server/modules/privacy/retention-summary';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Privacy' };

export default async function PrivacyPage() {
  const staff = await currentStaff();
  const can = (p: string) => Boolean(staff?.permissions.includes(p as never));
  if (!can('privacy.read') && !can('privacy.erase')) {
    return (
      <>
        <PageHeader title="Privacy" />
        <EmptyState title="You do not have access to privacy requests" description="Ask an owner for the privacy.read permission." />
      </>
    );
  }
  if (can('privacy.read')) prefetch(trpc.privacy.list.queryOptions({ limit: 25 }));
  const encryption = can('privacy.read') ? await (await serverCaller()).privacy.encryptionStatus() : null;
  return (
    <>
      <PageHeader
        title="Privacy"
        description="Shoppers' access and erasure requests, run as background jobs, and the data map they follow: where personal data lives, why, and for how long."
      />
      <HydrateClient>
        <NewPrivacyRequest canErase={can('privacy.erase')} canExport={can('privacy.export')} />
        {can('privacy.read') ? (
          <Suspense fallback={<Skeleton className="h-40 w-full" />}>
            <PrivacyRequestList />
          </Suspense>
        ) : null}
      </HydrateClient>
      {encryption ? <EncryptionStatusCard status={encryption} /> : null}
      <h2 className="mt-10 mb-3 text-lg font-semibold">Retention</h2>
      <RetentionTable rules={retentionSummary()} />
      {/* Long (every personal column, field and payload): folded until asked for. */}
      <details className="mt-10">
        <summary className="mb-3 cursor-pointer text-lg font-semibold">Data map ({DATA_MAP.length} entries)</summary>
        <DataMapTable entries={DATA_MAP} />
      </details>
    </>
  );
}
