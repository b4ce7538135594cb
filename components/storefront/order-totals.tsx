import { Money } from '@/components/ui/money';

type Totals = {
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  shippingCents: number;
  totalCents: number;
  currency: string;
  discounts: { label: string; amountCents: number }[];
};

/** Subtotal, discounts, tax, shipping and total: cart, checkout and the order page show the same block. */
export function OrderTotals({ totals }: { totals: Totals }) {
  const c = totals.currency;
  return (
    <dl className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-2 text-sm">
      <dt className="text-muted-foreground">Subtotal</dt>
      <dd className="text-right tabular-nums">
        <Money cents={totals.subtotalCents} currency={c} />
      </dd>
      {totals.discounts.map((d, i) => (
        <div key={`${d.label}-${i}`} className="contents text-success">
          <dt>{d.label}</dt>
          <dd className="text-right tabular-nums">
            −<Money cents={d.amountCents} currency={c} />
          </dd>
        </div>
      ))}
      <dt className="text-muted-foreground">Tax</dt>
      <dd className="text-right tabular-nums">
        <Money cents={totals.taxCents} currency={c} />
      </dd>
      <dt className="text-muted-foreground">Shipping</dt>
      <dd className="text-right tabular-nums">{totals.shippingCents === 0 ? 'Free' : <Money cents={totals.shippingCents} currency={c} />}</dd>
      <dt className="border-t pt-2 text-base font-semibold">Total</dt>
      <dd className="border-t pt-2 text-right text-base font-semibold tabular-nums">
        <Money cents={totals.totalCents} currency={c} />
      </dd>
    </dl>
  );
}
