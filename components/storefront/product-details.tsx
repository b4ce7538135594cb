import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Money } from '@/components/ui/money';
import type { ProductDetail } from '@/server/modules/catalog/get-product';
import { ProductArt } from './product-art';
import { ProductCard } from './product-card';

export function ProductDetails({ product, buy }: { product: ProductDetail; buy?: ReactNode }) {
  const variant = product.variants[0];
  const stock = product.variants.reduce((n, v) => n + v.stockOnHand, 0);
  return (
    <article className="flex flex-col gap-12">
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link href="/" className="hover:underline">
              Home
            </Link>
          </li>
          {product.categoryPath.map((c, i) => (
            <li key={`${c}-${i}`} className="before:mx-1 before:content-['/']">
              {i === 0 ? (
                <Link href={`/?category=${encodeURIComponent(c)}`} className="hover:underline">
                  {c}
                </Link>
              ) : (
                c
              )}
            </li>
          ))}
        </ol>
      </nav>
      <div className="grid gap-10 md:grid-cols-2">
        <ProductArt title={product.title} category={product.categoryPath.at(-1) ?? null} className="text-5xl" />
        <div className="flex flex-col gap-5">
          <h1 className="text-3xl font-semibold tracking-tight">{product.title}</h1>
          {variant ? <Money cents={variant.priceCents} currency={variant.currency} className="text-2xl font-semibold" /> : null}
          <div className="flex flex-wrap items-center gap-2">
            {stock > 0 ? (
              <Badge variant="success">{stock <= 5 ? `Only ${stock} left` : 'In stock'}</Badge>
            ) : (
              <Badge variant="destructive">Out of stock</Badge>
            )}
            {product.classes.map((c) => (
              <Badge key={c} variant="secondary">
                {c}
              </Badge>
            ))}
          </div>
          {buy}
          {product.description ? <p className="leading-relaxed text-muted-foreground">{product.description}</p> : null}
          {variant ? <p className="text-xs text-muted-foreground">SKU {variant.sku}</p> : null}
          {product.attributes.length > 0 ? (
            <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 border-t pt-4 text-sm">
              {product.attributes.map((a) => (
                <div key={a.key} className="contents">
                  <dt className="capitalize text-muted-foreground">{a.key}</dt>
                  <dd>{a.value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </div>
      </div>
      {product.related.length > 0 ? (
        <section className="flex flex-col gap-4">
          <h2 className="text-xl font-semibold">More like this</h2>
          <ul className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            {product.related.map((p) => (
              <li key={p.id}>
                <ProductCard product={p} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
