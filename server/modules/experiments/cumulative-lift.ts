// Cumulative relative lift of the primary metric by exposure day, with its 95% interval, for
// the console chart. Units enter on the day they were first exposed; each point uses every
// unit exposed up to that day. Rate metrics only (click-through, add-to-cart): the ratio
// metric's daily series would need per-day unit sums and is left for later.
import type { Db } from '@/server/db/client';
import type { MetricName } from './experiments.schema';
import { liftIntervals } from './stats/lift';

export type LiftPoint = { day: string; relative: number; low: number; high: number; units: number };

type Row = { arm: string; day: Date; units: bigint; clickers: bigint; carters: bigint };

export async function cumulativeLift(
  db: Db,
  experimentId: string,
  controlArm: string,
  treatmentArm: string,
  metric: MetricName | null,
): Promise<LiftPoint[]> {
  if (metric !== 'search_click_through' && metric !== 'add_to_cart_rate') return [];
  const rows = await db.$queryRaw<Row[]>`
    WITH per_unit AS (
      SELECT x.arm, date_trunc('day', x.exposed_at) AS day,
             coalesce(bool_or(s.type = 'click'), false) AS clicked,
             coalesce(bool_or(s.type = 'add_to_cart'), false) AS carted
      FROM experiment_exposures x
      LEFT JOIN search_events s ON s.session_key = x.unit_key AND s.created_at >= x.exposed_at
      WHERE x.experiment_id = ${experimentId} AND x.arm IN (${controlArm}, ${treatmentArm})
      GROUP BY x.arm, x.unit_key, x.exposed_at
    )
    SELECT arm, day, count(*) AS units,
           count(*) FILTER (WHERE clicked) AS clickers, count(*) FILTER (WHERE carted) AS carters
    FROM per_unit GROUP BY arm, day ORDER BY day`;
  const days = [...new Set(rows.map((r) => r.day.toISOString().slice(0, 10)))].sort();
  const total = { c: { n: 0, k: 0 }, t: { n: 0, k: 0 } };
  const points: LiftPoint[] = [];
  for (const day of days) {
    for (const r of rows.filter((x) => x.day.toISOString().slice(0, 10) === day)) {
      const side = r.arm === controlArm ? total.c : total.t;
      side.n += Number(r.units);
      side.k += Number(metric === 'search_click_through' ? r.clickers : r.carters);
    }
    if (!total.c.n || !total.t.n || !total.c.k) continue;
    const pc = total.c.k / total.c.n;
    const pt = total.t.k / total.t.n;
    const lift = liftIntervals(
      { mean: pc, varianceOfMean: (pc * (1 - pc)) / total.c.n },
      { mean: pt, varianceOfMean: (pt * (1 - pt)) / total.t.n },
    );
    points.push({ day, relative: lift.relative, low: lift.relativeCi.low, high: lift.relativeCi.high, units: total.c.n + total.t.n });
  }
  return points;
}
