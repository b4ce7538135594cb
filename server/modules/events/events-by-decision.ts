// Shopper events that name the decision they answer (recommendation clicks and add-to-carts
// carry `data.decisionId`), counted per decision, for model governance's per-version KPIs.
import type { Db } from '@/server/db/client';
import type { ShopperEventName } from '@/inngest/events';

/** decision id → event name → count, for events at or after `since`. */
export async function eventCountsByDecision(
  db: Db,
  opts: { names: ShopperEventName[]; decisionIds: string[]; since: Date },
): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  if (opts.decisionIds.length === 0) return out;
  const rows = await db.$queryRaw<{ decision_id: string; name: string; n: number }[]>`
    SELECT data->>'decisionId' AS decision_id, name, count(*)::int AS n FROM events
    WHERE name = ANY(${opts.names}::text[]) AND ts >= ${opts.since}
      AND data->>'decisionId' = ANY(${opts.decisionIds}::text[])
    GROUP BY 1, 2`;
  for (const r of rows) {
    const m = out.get(r.decision_id) ?? new Map<string, number>();
    m.set(r.name, r.n);
    out.set(r.decision_id, m);
  }
  return out;
}
