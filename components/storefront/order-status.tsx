import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Money } from '@/components/ui/money';
import type { OrderView } from '@/server/modules/checkout/get-order';
import { OrderTotals } from './order-totals';

const STATUS: Record<OrderView['status'], { label: string; variant: 'success' | 'warning' | 'destructive' | 'secondary' | 'default'; note: string }> = {
  pending_payment: { label: 'Awaiting payment', variant: 'warning', note: 'We are confirming your payment.' },
  authorized: { label: 'Confirmed', variant: 'success', note: 'Your payment is authorised; we will charge it when your order ships.' },
  paid: { label: 'Paid', variant: 'success', note: 'Your payment has been received and your order is being prepared.' },
  fulfilled: { label: 'Shipped', variant: 'success', note: 'Your order is on its way.' },
  on_hold: { label: 'On hold', variant: 'warning', note: 'Your order is on hold; we will be in touch by email.' },
  in_review: { label: 'Being reviewed', variant: 'warning', note: 'We are reviewing your order and will email you shortly. You have not been charged yet.' },
  cancelled: { label: 'Cancelled', variant: 'destructive', note: 'This order was cancelled and you have not been charged.' },
  refunded: { label: 'Refunded', variant: 'secondary', note: 'This order was refunded.' },
};

const brandName = (brand: string | null) => (brand ? brand.charAt(0).toUpperCase() + brand.slice(1) : 'Card');

export type ShopperRefunds = { currency: string; refundedCents: number; remainingCents: number; refunds: { id: string; amountCents: number; at: string }[] };

/** The confirmation / status page body. */
export function OrderStatus({ order, refunds }: { order: OrderView; refunds?: ShopperRefunds | null }) {
  const status = STATUS[order.status];
  const a = order.shippingAddress;
  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-col gap-2">
        <p className="text-sm text-muted-foreground">Order {order.id}</p>
        <h1 className="text-3xl font-semibold tracking-tight">
          {order.status === 'cancelled' ? 'Order cancelled' : order.status === 'in_review' ? 'Order received' : 'Thank you for your order'}
        </h1>
        <div className="flex items-center gap-3">
          <Badge variant={status.variant} data-testid="order-status">
            {status.label}
          </Badge>
          <p className="text-sm text-muted-foreground">{status.note}</p>
        </div>
        <p className="text-sm text-muted-foreground">A confirmation goes to {order.email}.</p>
      </header>
      <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
        <section className="flex flex-col gap-6">
          <ul className="divide-y rounded-[var(--radius-card)] border bg-card">
            {order.lines.map((l) => (
              <li key={l.variantId} className="flex items-center justify-between gap-4 p-4 text-sm">
                <div>
                  <p className="font-medium">{l.title}</p>
                  <p className="text-xs text-muted-foreground">
                    SKU {l.sku} · {l.quantity} × <Money cents={l.unitPriceCents} currency={order.currency} />
                  </p>
                  {l.backorderedQuantity > 0 ? (
                    <p className={`text-xs font-medium ${l.backorderAllocatedQuantity >= l.backorderedQuantity ? 'text-success' : 'text-warning'}`}>
                      Back-ordered: {l.backorderedQuantity} ({l.backorderAllocatedQuantity} allocated)
                      {l.backorderAllocatedQuantity >= l.backorderedQuantity ? ', back in stock and ready to ship' : ', the rest ships when restocked'}
                    </p>
                  ) : null}
                </div>
                <Money cents={l.lineTotalCents} currency={order.currency} className="font-medium tabular-nums" />
              </li>
            ))}
          </ul>
          <div className="grid gap-6 sm:grid-cols-2">
            <div className="text-sm">
              <h2 className="mb-1 font-semibold">Shipping to</h2>
              <p>{a.name}</p>
              <p>{a.line1}</p>
              {a.line2 ? <p>{a.line2}</p> : null}
              <p>
                {a.city}
                {a.region ? `, ${a.region}` : ''} {a.postalCode}
              </p>
              <p>{a.country}</p>
            </div>
            <div className="text-sm">
              <h2 className="mb-1 font-semibold">Payment</h2>
              <p>{order.payment.last4 ? `${brandName(order.payment.brand)} ending ${order.payment.last4}` : '—'}</p>
            </div>
          </div>
          <section className="text-sm">
            <h2 className="mb-2 font-semibold">History</h2>
            <ol className="flex flex-col gap-1 text-muted-foreground">
              {order.events.map((e, i) => (
                <li key={i}>
                  <time dateTime={e.at}>{new Date(e.at).toLocaleString('en-US', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' })} UTC</time> ·{' '}
                  {e.from === e.to ? (e.reason.startsWith('order.refunded:') ? 'Refunded' : 'Partially refunded') : STATUS[e.to].label}
                </li>
              ))}
            </ol>
          </section>
        </section>
        <Card className="h-fit">
          <CardHeader>
            <CardTitle>Summary</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <OrderTotals totals={order} />
            {refunds && refunds.refundedCents > 0 ? (
              <dl className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-2 border-t pt-3 text-sm" aria-label="Refunds">
                <dt className="text-muted-foreground">Refunded</dt>
                <dd className="text-right tabular-nums" data-testid="order-refunded">
                  −<Money cents={refunds.refundedCents} currency={refunds.currency} />
                </dd>
                <dt className="font-medium">Remaining paid</dt>
                <dd className="text-right font-medium tabular-nums" data-testid="order-remaining">
                  <Money cents={refunds.remainingCents} currency={refunds.currency} />
                </dd>
              </dl>
            ) : null}
            <Link href="/" className="text-sm font-medium underline">
              Continue shopping
            </Link>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
