import { Skeleton } from '@/components/ui/skeleton';

/** Facet column and result grid placeholders, shaped like the real page so nothing jumps. */
export function SearchSkeleton() {
  return (
    <div className="grid gap-8 lg:grid-cols-[15rem_1fr]" aria-busy="true" aria-label="Loading results">
      <div className="hidden flex-col gap-6 lg:flex">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="flex flex-col gap-2">
            <Skeleton className="h-4 w-24" />
            {Array.from({ length: 4 }, (_, j) => (
              <Skeleton key={j} className="h-3.5 w-full" />
            ))}
          </div>
        ))}
      </div>
      <div className="flex flex-col gap-6">
        <div className="flex items-center justify-between">
          <Skeleton className="h-6 w-64" />
          <Skeleton className="h-9 w-44" />
        </div>
        <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 xl:grid-cols-4">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="aspect-[3/4]" />
          ))}
        </div>
      </div>
    </div>
  );
}
