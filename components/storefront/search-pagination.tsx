import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { searchHref, type SearchState } from './search-params';

/** The search schema serves pages 1–100; deeper pages are not reachable. */
const MAX_PAGE = 100;

/** First, last, and two either side of the current page; gaps become an ellipsis. */
export function pageWindow(current: number, count: number): (number | 'gap')[] {
  const pages = new Set([1, count, ...[-2, -1, 0, 1, 2].map((d) => current + d)].filter((p) => p >= 1 && p <= count));
  const sorted = [...pages].sort((a, b) => a - b);
  return sorted.flatMap((p, i) => (i > 0 && p - sorted[i - 1]! > 1 ? (['gap', p] as const) : [p]));
}

export function SearchPagination({ state, pageCount }: { state: SearchState; pageCount: number }) {
  const count = Math.min(pageCount, MAX_PAGE);
  if (count <= 1) return null;
  const href = (page: number) => searchHref({ ...state, page });
  const step = buttonVariants({ variant: 'outline', size: 'sm' });
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-center gap-1">
      {state.page > 1 ? (
        <Link href={href(state.page - 1)} rel="prev" className={step}>
          Previous
        </Link>
      ) : (
        <span aria-disabled className={cn(step, 'pointer-events-none opacity-50')}>
          Previous
        </span>
      )}
      {pageWindow(state.page, count).map((p, i) =>
        p === 'gap' ? (
          <span key={`gap-${i}`} aria-hidden className="px-1 text-muted-foreground">
            …
          </span>
        ) : (
          <Link
            key={p}
            href={href(p)}
            aria-label={`Page ${p}`}
            aria-current={p === state.page ? 'page' : undefined}
            className={cn(
              buttonVariants({ variant: p === state.page ? 'primary' : 'ghost', size: 'sm' }),
              'min-w-8 px-2',
            )}
          >
            {p}
          </Link>
        ),
      )}
      {state.page < count ? (
        <Link href={href(state.page + 1)} rel="next" className={step}>
          Next
        </Link>
      ) : (
        <span aria-disabled className={cn(step, 'pointer-events-none opacity-50')}>
          Next
        </span>
      )}
    </nav>
  );
}
