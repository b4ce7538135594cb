'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button, buttonVariants } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Money } from '@/components/ui/money';
import type { CartView as Cart } from '@/server/modules/cart/get-cart';
import { CartSubstitutes } from './cart-substitutes';
import { inputClass } from './field';
import { OrderTotals } from './order-totals';
import { useHydrated } from './use-hydrated';

export function CartView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: cart } = useSuspenseQuery(trpc.cart.get.queryOptions());
  const onSuccess = (next: Cart) => queryClient.setQueryData(trpc.cart.get.queryKey(), next);
  const update = useMutation(trpc.cart.update.mutationOptions({ onSuccess }));
  const remove = useMutation(trpc.cart.remove.mutationOptions({ onSuccess }));
  const applyCode = useMutation(trpc.cart.applyCode.mutationOptions({ onSuccess }));
  const [code, setCode] = useState('');
  const hydrated = useHydrated();
  const error = update.error ?? remove.error;

  if (cart.lines.length === 0) {
    return (
      <EmptyState
        title="Your cart is empty"
        description="Find something you love and add it to your cart."
        action={
          <Link href="/" className={buttonVariants()}>
            Continue shopping
          </Link>
        }
      />
    );
  }
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <section aria-label="Items" className="flex flex-col gap-3">
        {error ? (
          <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
            {error.message}
          </p>
        ) : null}
        <ul className="divide-y rounded-[var(--radius-card)] border bg-card">
          {cart.lines.map((line) => (
            <li key={line.variantId} className="flex flex-wrap items-center gap-4 p-4">
              <div className="min-w-48 flex-1">
                <Link href={`/p/${line.productSlug}`} className="font-medium hover:underline">
                  {line.title}
                </Link>
                <p className="text-xs text-muted-foreground">
                  SKU {line.sku} · <Money cents={line.unitPriceCents} currency={line.currency} /> each
                </p>
                {line.quantity > line.available ? (
                  <p className="text-xs text-destructive">
                    {line.available === 0 ? 'Out of stock' : `Only ${line.available} available`}
                  </p>
                ) : null}
                {line.available === 0 ? <CartSubstitutes productId={line.productId} title={line.title} /> : null}
              </div>
              <label className="flex items-center gap-2 text-sm">
                <span className="sr-only">Quantity of {line.title}</span>
                <input
                  type="number"
                  min={0}
                  max={99}
                  defaultValue={line.quantity}
                  key={`${line.variantId}-${line.quantity}`}
                  className={`${inputClass} w-20`}
                  onBlur={(e) => {
                    const q = Math.floor(Number(e.target.value));
                    if (Number.isFinite(q) && q !== line.quantity && q >= 0 && q <= 99) update.mutate({ variantId: line.variantId, quantity: q });
                  }}
                />
              </label>
              <Money cents={line.lineTotalCents} currency={line.currency} className="w-24 text-right font-medium tabular-nums" />
              <Button variant="ghost" size="sm" onClick={() => remove.mutate({ variantId: line.variantId })} disabled={remove.isPending}>
                Remove<span className="sr-only"> {line.title}</span>
              </Button>
            </li>
          ))}
        </ul>
      </section>
      <Card className="h-fit">
        <CardHeader>
          <CardTitle>Order summary</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              applyCode.mutate({ code: code.trim() || null });
            }}
          >
            <label htmlFor="promo" className="sr-only">
              Promo code
            </label>
            <input id="promo" value={code} onChange={(e) => setCode(e.target.value)} placeholder="Promo code" maxLength={40} className={inputClass} />
            <Button type="submit" variant="outline" disabled={!hydrated || applyCode.isPending}>
              Apply
            </Button>
          </form>
          {applyCode.error ? <p className="text-xs text-destructive">{applyCode.error.message}</p> : null}
          {cart.rejectedCode ? (
            <p className="text-xs text-destructive">
              {cart.rejectedCode.code}: {cart.rejectedCode.reason}
            </p>
          ) : cart.promoCode ? (
            <p className="flex items-center justify-between text-xs text-muted-foreground">
              Code {cart.promoCode} {cart.discounts.length ? 'applied' : 'saved'}
              <button type="button" className="underline" onClick={() => applyCode.mutate({ code: null })}>
                Remove
              </button>
            </p>
          ) : null}
          {cart.rejectedOffer ? (
            <p role="status" className="text-xs text-destructive">
              Your recovery offer no longer applies: {cart.rejectedOffer.reason}.
            </p>
          ) : null}
          <OrderTotals totals={cart} />
          <Link href="/checkout" className={buttonVariants({ size: 'lg' })}>
            Checkout
          </Link>
        </CardContent>
      </Card>
    </div>
  );
}
