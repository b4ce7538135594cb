'use client';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type MinutePoint = { minute: string; requests: number; errors: number; p95Ms: number | null };

/** Requests and errors per minute (bars) with p95 latency (line, right axis). */
export function TrafficChart({ points }: { points: MinutePoint[] }) {
  const data = points.map((p) => ({ ...p, label: p.minute.slice(11, 16) }));
  return (
    <figure aria-label="Requests and p95 latency per minute" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <YAxis yAxisId="n" allowDecimals={false} tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <YAxis yAxisId="ms" orientation="right" unit=" ms" tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="n" dataKey="requests" name="Requests" fill="var(--color-primary)" isAnimationActive={false} />
          <Bar yAxisId="n" dataKey="errors" name="Errors" fill="var(--color-destructive)" isAnimationActive={false} />
          <Line yAxisId="ms" dataKey="p95Ms" name="p95 latency" stroke="var(--color-warning)" dot={{ r: 2 }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
