import { Badge, type BadgeProps } from '@/components/ui/badge';

const VARIANT: Record<string, BadgeProps['variant']> = {
  completed: 'success',
  failed: 'destructive',
  cancelled: 'secondary',
  running: 'default',
  queued: 'secondary',
  sleeping: 'warning',
  waiting: 'warning',
  pending: 'warning',
};

export function RunStatusBadge({ status }: { status: string }) {
  return <Badge variant={VARIANT[status] ?? 'secondary'}>{status}</Badge>;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
