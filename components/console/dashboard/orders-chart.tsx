'use client';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type DayPoint = { day: string; orders: number; revenueCents: number };

/** Orders (bars) and revenue in dollars (line, right axis) per UTC day. */
export function OrdersChart({ points }: { points: DayPoint[] }) {
  const data = points.map((p) => ({ label: p.day.slice(5), orders: p.orders, revenue: p.revenueCents / 100 }));
  return (
    <figure aria-label="Orders and revenue per day, last 7 days" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <YAxis yAxisId="n" allowDecimals={false} tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <YAxis yAxisId="usd" orientation="right" unit=" $" tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="n" dataKey="orders" name="Orders" fill="var(--color-primary)" isAnimationActive={false} />
          <Line yAxisId="usd" dataKey="revenue" name="Revenue ($)" stroke="var(--color-success)" dot={{ r: 2 }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
