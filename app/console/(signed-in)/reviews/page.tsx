import Link from 'next/link';
import { Suspense } from 'react';
import { z } from 'zod';
import { PageHeader } from '@/components/console/page-header';
import { ReviewQueue, ReviewStats } from '@/components/console/reviews/review-queue';
import { cn } from '@/components/ui/cn';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Reviews' };

const TABS = ['pending', 'approved', 'rejected'] as const;
const paramsSchema = z.object({ status: z.enum(TABS).catch('pending') });

export default async function ReviewsPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { status } = paramsSchema.parse({ status: (await props.searchParams).status ?? 'pending' });
  prefetch(trpc.reviews.list.queryOptions({ status }));
  prefetch(trpc.reviews.stats.queryOptions());
  prefetch(trpc.reviews.reviewers.queryOptions());
  return (
    <>
      <PageHeader title="Reviews" description="Orders and other decisions a policy sent to a person. Approve or reject; the waiting automation resumes at once." />
      <nav className="mb-4 flex gap-2 text-sm" aria-label="Review status">
        {TABS.map((t) => (
          <Link
            key={t}
            href={`/console/reviews?status=${t}`}
            className={cn('rounded-md px-3 py-1.5 capitalize', t === status ? 'bg-primary text-primary-foreground' : 'bg-muted hover:bg-muted/70')}
          >
            {t}
          </Link>
        ))}
      </nav>
      <HydrateClient>
        <Suspense fallback={<Skeleton className="h-20 w-full" />}>
          <ReviewStats />
        </Suspense>
        <Suspense fallback={<Skeleton className="h-64 w-full" />}>
          <ReviewQueue status={status} />
        </Suspense>
      </HydrateClient>
    </>
  );
}
