import { Badge } from '@/components/ui/badge';

const VARIANT: Record<string, 'success' | 'warning' | 'destructive' | 'secondary' | 'default'> = {
  paid: 'success',
  fulfilled: 'success',
  authorized: 'default',
  pending_payment: 'secondary',
  in_review: 'warning',
  on_hold: 'warning',
  cancelled: 'destructive',
  refunded: 'secondary',
};

export function OrderStatusBadge({ status }: { status: string }) {
  return <Badge variant={VARIANT[status] ?? 'secondary'}>{status.replace('_', ' ')}</Badge>;
}
