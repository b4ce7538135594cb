'use client';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FieldInput } from '@/components/console/search/field-input';
import { Button } from '@/components/ui/button';
import type { FoundProduct } from '@/server/modules/recommendations/rules-preview';

/** Finds products by title words; each result gets the caller's actions. */
export function ProductFinder({
  label,
  actions,
}: {
  label: string;
  actions: (product: FoundProduct) => ReactNode;
}) {
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const found = useQuery({ ...trpc.recs.findProducts.queryOptions({ q }), enabled: q.length > 0 });
  function submit(e: FormEvent) {
    e.preventDefault();
    setQ(text.trim());
  }
  return (
    <div className="flex flex-col gap-3">
      <form onSubmit={submit} role="search" aria-label={label} className="flex items-end gap-2">
        <FieldInput label={label} value={text} onChange={setText} placeholder="e.g. velvet sofa" className="w-72" />
        <Button type="submit" variant="secondary" disabled={!text.trim()}>
          Find
        </Button>
      </form>
      {found.error ? (
        <p role="alert" className="text-sm text-destructive">
          {found.error.message}
        </p>
      ) : null}
      {q && found.data?.length === 0 ? <p className="text-sm text-muted-foreground">No products match “{q}”.</p> : null}
      {found.data?.length ? (
        <ul aria-label={`${label} results`} className="divide-y rounded-md border">
          {found.data.map((p) => (
            <li key={p.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
              <div className="min-w-0">
                <p className="truncate font-medium">{p.title}</p>
                <p className="text-xs text-muted-foreground">
                  {p.category ?? 'Uncategorised'} · {p.inStock ? 'in stock' : 'out of stock'} · {p.id}
                </p>
              </div>
              <div className="flex shrink-0 gap-2">{actions(p)}</div>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
