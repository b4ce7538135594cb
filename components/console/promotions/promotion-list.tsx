'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { formatMoney } from '@/components/ui/money';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';

const day = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 10) : '—');

export function PromotionList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.promotions.list.queryOptions({ includeInactive: true }));
  const deactivate = useMutation(
    trpc.promotions.deactivate.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.promotions.list.queryKey() }),
    }),
  );
  if (data.length === 0)
    return <EmptyState title="No promotions yet" description="Create a code or an automatic promotion below." />;
  return (
    <Table>
      <THead>
        <tr>
          <Th>Promotion</Th>
          <Th>Code</Th>
          <Th>Discount</Th>
          <Th>Eligibility</Th>
          <Th>Uses</Th>
          <Th>Dates</Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </THead>
      <TBody>
        {data.map((p) => (
          <tr key={p.id}>
            <Td className="font-medium">{p.name}</Td>
            <Td>{p.code ? <code>{p.code}</code> : <Badge variant="secondary">automatic</Badge>}</Td>
            <Td>
              {p.kind === 'percent_off'
                ? `${p.percentOff}% off`
                : p.kind === 'amount_off'
                  ? `${formatMoney(p.amountOffCents ?? 0)} off`
                  : 'Free shipping'}
            </Td>
            <Td className="max-w-56 text-xs">
              {p.minSubtotalCents ? `min ${formatMoney(p.minSubtotalCents)}` : 'any subtotal'}
              {p.includedCategories.length ? ` · only ${p.includedCategories.join(', ')}` : ''}
              {p.excludedCategories.length ? ` · not ${p.excludedCategories.join(', ')}` : ''}
            </Td>
            <Td>
              {p.uses}
              {p.usageLimit ? ` / ${p.usageLimit}` : ''}
              {p.perCustomerLimit ? (
                <span className="block text-xs text-muted-foreground">{p.perCustomerLimit} per customer</span>
              ) : null}
            </Td>
            <Td className="text-xs">
              {day(p.startsAt)} → {day(p.endsAt)}
            </Td>
            <Td>
              <Badge variant={p.active ? 'success' : 'secondary'}>{p.active ? 'active' : 'inactive'}</Badge>
            </Td>
            <Td>
              {p.active ? (
                <Button
                  size="sm"
                  variant="outline"
                  disabled={deactivate.isPending}
                  onClick={() => {
                    if (window.confirm(`Deactivate ${p.name}? Carts stop getting it immediately.`))
                      deactivate.mutate({ id: p.id });
                  }}
                >
                  Deactivate
                </Button>
              ) : null}
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
