'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { inputClass } from './field';

type Variant = { id: string; sku: string; title: string; stockOnHand: number };

/** The product page's buy box: variant, quantity, add to cart. */
export function AddToCart({ variants }: { variants: Variant[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [variantId, setVariantId] = useState(variants.find((v) => v.stockOnHand > 0)?.id ?? variants[0]?.id ?? '');
  const [quantity, setQuantity] = useState(1);
  const add = useMutation(
    trpc.cart.add.mutationOptions({
      onSuccess: (cart) => queryClient.setQueryData(trpc.cart.get.queryKey(), cart),
    }),
  );
  const variant = variants.find((v) => v.id === variantId);
  if (!variant) return null;
  const soldOut = variant.stockOnHand <= 0;
  return (
    <form
      className="flex flex-col gap-3 border-t pt-4"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ variantId, quantity });
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        {variants.length > 1 ? (
          <label className="flex flex-col gap-1.5 text-sm font-medium">
            Option
            <select value={variantId} onChange={(e) => setVariantId(e.target.value)} className={inputClass}>
              {variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.title}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="flex w-24 flex-col gap-1.5 text-sm font-medium">
          Quantity
          <input
            type="number"
            min={1}
            max={Math.max(1, Math.min(99, variant.stockOnHand))}
            value={quantity}
            onChange={(e) => setQuantity(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
            className={inputClass}
          />
        </label>
        <Button type="submit" size="lg" disabled={soldOut || add.isPending}>
          {soldOut ? 'Sold out' : add.isPending ? 'Adding…' : 'Add to cart'}
        </Button>
      </div>
      <div aria-live="polite" className="min-h-5 text-sm">
        {add.isSuccess ? (
          <p className="text-success">
            Added to your cart.{' '}
            <Link href="/cart" className="font-medium underline">
              View cart ({add.data.itemCount})
            </Link>
          </p>
        ) : add.error ? (
          <p className="text-destructive">{add.error.message}</p>
        ) : null}
      </div>
    </form>
  );
}
