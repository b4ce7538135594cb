import { formatMoney } from '@/server/lib/money';

export { formatMoney };

export function Money({ cents, currency, className }: { cents: number; currency?: string; className?: string }) {
  return <span className={className}>{formatMoney(cents, currency)}</span>;
}
