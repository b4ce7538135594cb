import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function NotFound() {
  return (
    <EmptyState
      title="We couldn't find that page"
      description="The product may have been retired or the link is mistyped."
      action={
        <Link href="/" className={buttonVariants({ variant: 'outline' })}>
          Back to the store
        </Link>
      }
    />
  );
}
