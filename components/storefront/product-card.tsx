import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Money } from '@/components/ui/money';
import type { ProductSummary } from '@/server/modules/catalog/product-summary';
import { ProductArt } from './product-art';

export function ProductCard({ product }: { product: ProductSummary }) {
  return (
    <Link
      href={`/p/${product.slug}`}
      className="group flex h-full flex-col gap-3 rounded-[var(--radius-card)] border bg-card p-3 transition-shadow hover:shadow-md"
    >
      <ProductArt title={product.title} category={product.category} className="aspect-[4/3]" />
      <div className="flex flex-1 flex-col gap-1 px-1">
        {product.category ? <p className="text-xs text-muted-foreground">{product.category}</p> : null}
        <h3 className="line-clamp-2 text-sm font-medium group-hover:underline">{product.title}</h3>
        <div className="mt-auto flex items-center justify-between pt-2">
          <Money cents={product.priceCents} currency={product.currency} className="font-semibold" />
          {product.inStock ? null : <Badge variant="secondary">Out of stock</Badge>}
        </div>
      </div>
    </Link>
  );
}
