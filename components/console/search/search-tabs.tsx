import Link from 'next/link';
import { cn } from '@/components/ui/cn';

export const SEARCH_TABS = [
  { id: 'queries', label: 'Top queries' },
  { id: 'zero', label: 'Zero results' },
  { id: 'synonyms', label: 'Synonyms' },
  { id: 'rules', label: 'Merchandising' },
] as const;
export type SearchTab = (typeof SEARCH_TABS)[number]['id'];

/** Sections as links, so each is addressable and the server prefetches only what it shows. */
export function SearchTabs({ active }: { active: SearchTab }) {
  return (
    <nav aria-label="Search sections" className="mb-6 flex gap-1 border-b">
      {SEARCH_TABS.map((t) => (
        <Link
          key={t.id}
          href={`/console/search?tab=${t.id}`}
          aria-current={t.id === active ? 'page' : undefined}
          className={cn(
            '-mb-px border-b-2 px-3 py-2 text-sm transition-colors',
            t.id === active
              ? 'border-primary font-medium text-foreground'
              : 'border-transparent text-muted-foreground hover:text-foreground',
          )}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
