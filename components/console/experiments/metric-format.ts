// How a metric value reads in the console: money metrics in currency, rates in percent.
import { formatMoney } from '@/components/ui/money';
import type { MetricName } from '@/server/modules/experiments/experiments.schema';

export const METRIC_LABELS: Record<MetricName, string> = {
  search_click_through: 'Search click-through',
  zero_result_rate: 'Zero-result rate',
  add_to_cart_rate: 'Add-to-cart rate',
  conversion_rate: 'Conversion',
  revenue_per_visitor: 'Revenue / visitor',
  average_order_value: 'Avg order value',
  refund_rate: 'Refund rate',
};

const MONEY: ReadonlySet<MetricName> = new Set(['revenue_per_visitor', 'average_order_value']);

export function formatMetric(metric: MetricName, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return MONEY.has(metric) ? formatMoney(Math.round(value)) : `${(value * 100).toFixed(2)}%`;
}
