'use client';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Theme tokens as CSS variables, no hex. */
const COLORS = ['var(--color-primary)', 'var(--color-warning)', 'var(--color-destructive)', 'var(--color-success)'];

const hhmm = (iso: string) => iso.slice(11, 16);

export type KpiSeriesPoint = { bucket: string; modelVersion: string; rates: Record<string, number> };

/** One line per version: the primary KPI per time bucket, in percent. */
export function KpiChart({ points, kpi, label }: { points: KpiSeriesPoint[]; kpi: string; label: string }) {
  const versions = [...new Set(points.map((p) => p.modelVersion))];
  const rows = new Map<string, Record<string, number | string>>();
  for (const p of points) {
    const row = rows.get(p.bucket) ?? { bucket: hhmm(p.bucket) };
    row[p.modelVersion] = Math.round((p.rates[kpi] ?? 0) * 1000) / 10;
    rows.set(p.bucket, row);
  }
  return (
    <figure aria-label={`${label} per version over time`} className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={[...rows.values()]} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" />
          <XAxis dataKey="bucket" tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <YAxis unit="%" tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {versions.map((v, i) => (
            <Line key={v} dataKey={v} stroke={COLORS[i % COLORS.length]} dot={{ r: 2 }} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export type ErrorPoint = { bucket: string; timeouts: number; modelErrors: number; validationRejected: number };

/** Errors per bucket, stacked by class. */
export function ErrorClassChart({ points }: { points: ErrorPoint[] }) {
  const data = points.map((p) => ({
    bucket: hhmm(p.bucket),
    timeout: p.timeouts,
    'model error': p.modelErrors,
    'validation rejected': p.validationRejected,
  }));
  return (
    <figure aria-label="Errors by class over time" className="h-48 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" />
          <XAxis dataKey="bucket" tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="timeout" stackId="e" fill="var(--color-warning)" isAnimationActive={false} />
          <Bar dataKey="model error" stackId="e" fill="var(--color-destructive)" isAnimationActive={false} />
          <Bar dataKey="validation rejected" stackId="e" fill="var(--color-muted-foreground)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
