import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import type { CategoryCount } from '@/server/modules/catalog/list-products';

export function CategoryNav({ categories, active }: { categories: CategoryCount[]; active?: string }) {
  const chip = 'rounded-full border px-3 py-1.5 text-sm whitespace-nowrap transition-colors';
  return (
    <nav aria-label="Categories" className="flex flex-wrap gap-2">
      <Link href="/" className={cn(chip, !active ? 'border-primary bg-primary text-primary-foreground' : 'bg-card hover:bg-muted')}>
        All
      </Link>
      {categories.slice(0, 12).map((c) => (
        <Link
          key={c.name}
          href={`/?category=${encodeURIComponent(c.name)}`}
          className={cn(chip, active === c.name ? 'border-primary bg-primary text-primary-foreground' : 'bg-card hover:bg-muted')}
        >
          {c.name} <span className="opacity-60">{c.count}</span>
        </Link>
      ))}
    </nav>
  );
}
