import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Money } from '@/components/ui/money';
import type { SessionOrder } from '@/server/modules/checkout/orders-of-session';

export function AccountOrders({ orders }: { orders: SessionOrder[] }) {
  return (
    <section aria-labelledby="orders-heading" className="flex flex-col gap-3">
      <h2 id="orders-heading" className="text-lg font-semibold">
        Your orders
      </h2>
      {orders.length === 0 ? (
        <EmptyState
          title="No orders yet"
          description="Orders you place while signed in appear here, from any device."
          action={
            <Link href="/" className="text-sm font-medium underline">
              Start shopping
            </Link>
          }
        />
      ) : (
        <ul className="divide-y rounded-lg border bg-card">
          {orders.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center justify-between gap-3 p-4 text-sm">
              <div className="flex flex-col">
                <Link href={`/orders/${o.id}`} className="font-medium hover:underline">
                  Order {o.id}
                </Link>
                <span className="text-muted-foreground">
                  {o.createdAt.toISOString().slice(0, 10)} · {o.items} {o.items === 1 ? 'item' : 'items'}
                </span>
              </div>
              <div className="flex items-center gap-3">
                <Badge variant="secondary">{o.status.replace(/_/g, ' ')}</Badge>
                <Money cents={o.totalCents} currency={o.currency} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
