'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Money } from '@/components/ui/money';

/**
 * Under a cart line that can no longer be filled: up to three similar products that are in
 * stock (the recommendation seam already excludes out-of-stock and hidden products). Nothing
 * is shown while loading or if recommendations fail; the line's own message still stands.
 */
export function CartSubstitutes({ productId, title }: { productId: string; title: string }) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.recs.forProduct.queryOptions({ productId, limit: 6 }, { staleTime: 60_000, retry: false }));
  const items = (data?.sections.flatMap((s) => s.items) ?? [])
    .filter((i, n, all) => i.product.inStock && all.findIndex((j) => j.product.id === i.product.id) === n)
    .slice(0, 3);
  if (items.length === 0) return null;
  return (
    <div className="mt-2 rounded-md bg-muted/50 p-2" aria-label={`In-stock alternatives to ${title}`}>
      <p className="text-xs font-medium">In stock instead:</p>
      <ul className="mt-1 flex flex-col gap-1">
        {items.map(({ product }) => (
          <li key={product.id} className="flex items-center justify-between gap-3 text-xs">
            <Link href={`/p/${product.slug}`} className="truncate hover:underline">
              {product.title}
            </Link>
            <Money cents={product.priceCents} currency={product.currency} className="shrink-0 tabular-nums" />
          </li>
        ))}
      </ul>
    </div>
  );
}
