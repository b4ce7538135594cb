'use client';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Theme tokens as CSS variables: one colour per version, no hex. */
const COLORS = [
  'var(--color-primary)',
  'var(--color-warning)',
  'var(--color-destructive)',
  'var(--color-success)',
  'var(--color-muted-foreground)',
];

export type SeriesPoint = { bucket: string; modelVersion: string; p50: number; p95: number; degradedShare: number };

/** Pivot rows of (bucket, version) into one row per bucket with a column per version. */
function pivot(points: SeriesPoint[], value: (p: SeriesPoint) => number) {
  const rows = new Map<string, Record<string, number | string>>();
  for (const p of points) {
    const row = rows.get(p.bucket) ?? { bucket: p.bucket.slice(11, 16) };
    row[p.modelVersion] = value(p);
    rows.set(p.bucket, row);
  }
  return [...rows.values()];
}

export function LatencyChart({ points, versions }: { points: SeriesPoint[]; versions: string[] }) {
  const p50 = pivot(points, (p) => p.p50);
  const p95 = pivot(points, (p) => p.p95);
  const data = p50.map((row, i) => ({
    ...Object.fromEntries(Object.entries(row).map(([k, v]) => [k === 'bucket' ? k : `${k} p50`, v])),
    ...Object.fromEntries(
      Object.entries(p95[i]!)
        .filter(([k]) => k !== 'bucket')
        .map(([k, v]) => [`${k} p95`, v]),
    ),
  }));
  return (
    <figure aria-label="Latency p50 and p95 per version" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" />
          <XAxis dataKey="bucket" tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <YAxis unit=" ms" tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {versions.flatMap((v, i) => [
            <Line
              key={`${v} p95`}
              dataKey={`${v} p95`}
              stroke={COLORS[i % COLORS.length]}
              dot={{ r: 2 }}
              isAnimationActive={false}
            />,
            <Line
              key={`${v} p50`}
              dataKey={`${v} p50`}
              stroke={COLORS[i % COLORS.length]}
              strokeDasharray="4 3"
              dot={{ r: 2 }}
              isAnimationActive={false}
            />,
          ])}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function DegradedChart({ points, versions }: { points: SeriesPoint[]; versions: string[] }) {
  const data = pivot(points, (p) => Math.round(p.degradedShare * 1000) / 10);
  return (
    <figure aria-label="Degraded share per version" className="h-48 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" />
          <XAxis dataKey="bucket" tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <YAxis unit="%" domain={[0, 100]} tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
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
