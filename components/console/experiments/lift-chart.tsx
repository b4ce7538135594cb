'use client';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LiftPoint } from '@/server/modules/experiments/cumulative-lift';

/** Cumulative relative lift with its 95% band; the band narrowing over zero is the story. */
export function LiftChart({ points }: { points: LiftPoint[] }) {
  const data = points.map((p) => ({ day: p.day, lift: p.relative * 100, band: [p.low * 100, p.high * 100] }));
  return (
    <figure aria-label="Cumulative lift with 95% confidence band" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <YAxis unit="%" tick={{ fontSize: 11 }} stroke="var(--color-muted-foreground)" />
          <Tooltip />
          <ReferenceLine y={0} stroke="var(--color-muted-foreground)" />
          <Area dataKey="band" stroke="none" fill="var(--color-primary)" fillOpacity={0.15} isAnimationActive={false} />
          <Line dataKey="lift" stroke="var(--color-primary)" dot={{ r: 2 }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
