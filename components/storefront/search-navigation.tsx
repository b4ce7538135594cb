'use client';
import { useRouter } from 'next/navigation';
import { createContext, use, useTransition, type ReactNode } from 'react';

type SearchNavigation = {
  /** `optimistic` runs inside the transition, so a ticked box shows ticked while results load. */
  navigate: (href: string, optimistic?: () => void) => void;
  pending: boolean;
};

const SearchNavigationContext = createContext<SearchNavigation | null>(null);

/**
 * Facet, sort and filter changes are URL changes. One transition for the whole page, so
 * the current results stay visible (dimmed) while the new ones load instead of flashing a skeleton.
 */
export function SearchNavigationProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const navigate = (href: string, optimistic?: () => void) =>
    startTransition(() => {
      optimistic?.();
      router.push(href, { scroll: false });
    });
  return (
    <SearchNavigationContext value={{ navigate, pending }}>
      <div aria-busy={pending} className={pending ? 'opacity-60 transition-opacity' : 'transition-opacity'}>
        {children}
      </div>
    </SearchNavigationContext>
  );
}

export function useSearchNavigation(): SearchNavigation {
  const ctx = use(SearchNavigationContext);
  if (!ctx) throw new Error('useSearchNavigation must be used inside SearchNavigationProvider');
  return ctx;
}
