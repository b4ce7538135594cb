'use client';
// Edit one product. Field errors come from the same zod schema as the door (and the import).
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button, buttonVariants } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { updateProductInput } from '@/server/modules/catalog/update-product.schema';

const field = 'rounded-md border bg-card px-3 text-sm aria-[invalid=true]:border-destructive';

/** "129.99" → 12999 cents by string arithmetic; NaN when it is not a price. */
function toCents(v: string): number {
  const m = /^\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(v);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : Number.NaN;
}

export function ProductEditForm({ productId }: { productId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: product } = useSuspenseQuery(trpc.catalog.editable.queryOptions({ productId }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const update = useMutation(trpc.catalog.update.mutationOptions());

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const stock = String(f.get('stock') ?? '').trim();
    const candidate = {
      productId,
      title: String(f.get('title') ?? ''),
      description: String(f.get('description') ?? ''),
      priceCents: toCents(String(f.get('price') ?? '')),
      stock: stock === '' ? Number.NaN : Number(stock),
      hidden: f.get('hidden') === 'on',
    };
    const parsed = updateProductInput.safeParse(candidate);
    setSaved(null);
    if (!parsed.success) {
      const found = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message]));
      // NaN is a typing problem, not a missing value: say what a price looks like.
      if (Number.isNaN(candidate.priceCents)) found.priceCents = 'must be a price such as 129.99';
      if (Number.isNaN(candidate.stock)) found.stock = 'must be a whole number';
      setErrors(found);
      return;
    }
    setErrors({});
    try {
      const row = await update.mutateAsync(parsed.data);
      queryClient.setQueryData(trpc.catalog.editable.queryKey({ productId }), row);
      setSaved(`Saved. Search will pick up the change within a few seconds.`);
    } catch (err) {
      setErrors({ form: (err as Error).message });
    }
  }

  const labelled = (name: string, label: string, input: ReactNode) => (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      {input}
      {errors[name] ? (
        <span id={`${name}-error`} className="text-xs font-normal text-destructive">
          {errors[name]}
        </span>
      ) : null}
    </label>
  );

  return (
    <Card className="max-w-2xl">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <span className="font-mono text-sm text-muted-foreground">{product.sku ?? 'no SKU'}</span>
          {product.hidden ? <Badge variant="secondary">Hidden</Badge> : <Badge variant="success">Visible</Badge>}
        </CardTitle>
        <p className="text-sm text-muted-foreground">{product.categoryPath.join(' / ') || 'No category'}</p>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate className="flex flex-col gap-4" key={`${product.title}|${product.priceCents}|${product.stock}|${product.hidden}`}>
          {labelled(
            'title',
            'Title',
            <input name="title" defaultValue={product.title} className={`${field} h-9`} aria-invalid={!!errors.title} aria-describedby={errors.title ? 'title-error' : undefined} />,
          )}
          {labelled(
            'description',
            'Description',
            <textarea name="description" defaultValue={product.description} rows={5} className={`${field} py-2`} aria-invalid={!!errors.description} />,
          )}
          <div className="grid grid-cols-2 gap-4">
            {labelled(
              'priceCents',
              `Price (${product.currency})`,
              <input
                name="price"
                inputMode="decimal"
                defaultValue={(product.priceCents / 100).toFixed(2)}
                className={`${field} h-9`}
                aria-invalid={!!errors.priceCents}
                aria-describedby={errors.priceCents ? 'priceCents-error' : undefined}
              />,
            )}
            {labelled(
              'stock',
              'Stock on hand',
              <input name="stock" type="number" min={0} step={1} defaultValue={product.stock} className={`${field} h-9`} aria-invalid={!!errors.stock} aria-describedby={errors.stock ? 'stock-error' : undefined} />,
            )}
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input name="hidden" type="checkbox" defaultChecked={product.hidden} /> Hidden from the storefront
          </label>
          {product.variantCount > 1 ? (
            <p className="text-xs text-muted-foreground">This product has {product.variantCount} variants; price and stock apply to the first ({product.sku}).</p>
          ) : null}
          {errors.form ? <p className="text-sm text-destructive" role="alert">{errors.form}</p> : null}
          {saved ? <p className="text-sm text-success" role="status">{saved}</p> : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={update.isPending}>
              {update.isPending ? 'Saving…' : 'Save changes'}
            </Button>
            {!product.hidden ? (
              <Link href={`/p/${product.slug}`} className={buttonVariants({ variant: 'outline' })}>
                View in store
              </Link>
            ) : null}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
