'use client';
import { useSuspenseInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Money } from '@/components/ui/money';
import type { OrderStatusName } from '@/server/modules/checkout/checkout.schema';
import { OrderStatusBadge } from './order-status-badge';

/** Newest orders first, paged on the server, refreshed while open. */
export function OrdersTable({ status }: { status?: OrderStatusName }) {
  const trpc = useTRPC();
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery({
    ...trpc.orders.list.infiniteQueryOptions({ status, limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    refetchInterval: 5000,
  });
  const rows = data.pages.flatMap((p) => p.items);
  if (rows.length === 0) {
    return <EmptyState title={status ? `No ${status.replace('_', ' ')} orders` : 'No orders yet'} description="Orders placed in the storefront or through POST /api/v1/orders appear here." />;
  }
  return (
    <div className="flex flex-col gap-3">
      <table className="w-full text-sm" aria-label="Orders">
        <thead className="text-left text-xs text-muted-foreground">
          <tr>
            <th className="py-1 font-medium">Order</th>
            <th className="py-1 font-medium">Status</th>
            <th className="py-1 font-medium">Customer</th>
            <th className="py-1 text-right font-medium">Items</th>
            <th className="py-1 text-right font-medium">Total</th>
            <th className="py-1 text-right font-medium">Risk</th>
            <th className="py-1 text-right font-medium">Placed (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.id} className="border-t">
              <td className="py-1.5 font-mono text-xs">
                <Link className="hover:underline" href={`/console/orders/${o.id}`}>
                  {o.id}
                </Link>
              </td>
              <td className="py-1.5">
                <OrderStatusBadge status={o.status} />
              </td>
              <td className="py-1.5">{o.email}</td>
              <td className="py-1.5 text-right tabular-nums">{o.itemCount}</td>
              <td className="py-1.5 text-right tabular-nums">
                <Money cents={o.totalCents} currency={o.currency} />
              </td>
              <td className="py-1.5 text-right tabular-nums">
                {o.riskScore ?? '–'} {o.riskAction ? <span className="text-xs text-muted-foreground">{o.riskAction}</span> : null}
              </td>
              <td className="py-1.5 text-right text-xs text-muted-foreground">{o.createdAt.slice(0, 16).replace('T', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {hasNextPage ? (
        <Button variant="outline" size="sm" className="self-start" disabled={isFetchingNextPage} onClick={() => fetchNextPage()}>
          {isFetchingNextPage ? 'Loading…' : 'Older orders'}
        </Button>
      ) : null}
    </div>
  );
}
