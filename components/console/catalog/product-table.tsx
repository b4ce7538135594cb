'use client';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Money } from '@/components/ui/money';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { ConsoleProduct } from '@/server/modules/catalog/console-products';

/** Console → Catalog rows with selection: hide or show one product, or every selected one. */
export function ProductTable({ items, canWrite }: { items: ConsoleProduct[]; canWrite: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const setHidden = useMutation(trpc.catalog.setHidden.mutationOptions());

  async function apply(productIds: string[], hidden: boolean) {
    setMessage(null);
    try {
      const r = await setHidden.mutateAsync({ productIds, hidden });
      const verb = hidden ? 'hidden' : 'shown';
      setMessage({
        tone: 'ok',
        text:
          `${r.changed.length} product${r.changed.length === 1 ? '' : 's'} ${verb}` +
          (r.unchanged.length ? ` (${r.unchanged.length} already ${verb})` : '') +
          (r.changed.length ? (hidden ? '; removed from search and recommendations.' : '; search re-indexes them in a few seconds.') : '.'),
      });
      setSelected(new Set());
      router.refresh();
    } catch (err) {
      setMessage({ tone: 'error', text: (err as Error).message });
    }
  }

  const allSelected = items.length > 0 && items.every((p) => selected.has(p.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="flex flex-col gap-3">
      {canWrite && (
        <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-muted-foreground" aria-live="polite">
            {selected.size} selected
          </span>
          <Button size="sm" variant="outline" disabled={selected.size === 0 || setHidden.isPending} onClick={() => apply([...selected], true)}>
            Hide selected
          </Button>
          <Button size="sm" variant="outline" disabled={selected.size === 0 || setHidden.isPending} onClick={() => apply([...selected], false)}>
            Show selected
          </Button>
        </div>
      )}
      {message && (
        <p
          role={message.tone === 'error' ? 'alert' : 'status'}
          className={message.tone === 'error' ? 'rounded-md bg-destructive/10 p-3 text-sm text-destructive' : 'rounded-md bg-muted p-3 text-sm'}
        >
          {message.text}
        </p>
      )}
      <Table aria-label="Products">
        <THead>
          <tr>
            {canWrite && (
              <Th className="w-8">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((p) => p.id)))}
                />
              </Th>
            )}
            <Th>Product</Th>
            <Th>Category</Th>
            <Th>Status</Th>
            <Th className="text-right">Price</Th>
            <Th className="text-right">Stock</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </THead>
        <TBody>
          {items.map((p) => (
            <tr key={p.id} className="hover:bg-muted/50">
              {canWrite && (
                <Td>
                  <input type="checkbox" aria-label={`Select ${p.title}`} checked={selected.has(p.id)} onChange={() => toggle(p.id)} />
                </Td>
              )}
              <Td>
                {p.hidden ? (
                  <span>{p.title}</span>
                ) : (
                  <Link href={`/p/${p.slug}`} className="hover:underline">
                    {p.title}
                  </Link>
                )}
                <div className="text-xs text-muted-foreground">
                  {p.variantCount > 1 ? `${p.variantCount} variants` : (p.skus[0] ?? 'no SKU')}
                </div>
              </Td>
              <Td className="text-muted-foreground">{p.category ?? '—'}</Td>
              <Td>{p.hidden ? <Badge variant="secondary">Hidden</Badge> : <Badge variant="success">Active</Badge>}</Td>
              <Td className="text-right tabular-nums">
                {p.variantCount > 1 ? 'from ' : ''}
                <Money cents={p.minPriceCents} currency={p.currency} />
              </Td>
              <Td className="text-right">
                {p.stock > 0 ? <span className="tabular-nums">{p.stock.toLocaleString('en-US')}</span> : <Badge variant="destructive">Out</Badge>}
              </Td>
              <Td className="whitespace-nowrap text-right">
                {canWrite && (
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={setHidden.isPending}
                    aria-label={`${p.hidden ? 'Show' : 'Hide'} ${p.title}`}
                    onClick={() => apply([p.id], !p.hidden)}
                  >
                    {p.hidden ? 'Show' : 'Hide'}
                  </Button>
                )}
                <Link href={`/console/catalog/${p.id}`} className="text-sm text-primary hover:underline" aria-label={`Edit ${p.title}`}>
                  Edit
                </Link>
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
