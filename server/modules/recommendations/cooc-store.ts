// Co-occurrence and popularity tables: rebuilt from the event log (nightly) and bumped as
// events arrive (incremental), read by the decision implementations.
import { withTx, type Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { recentEventsOfSession, shopperEventsBetween } from '@/server/modules/events/read-shopper-events';
import {
  buildCooccurrence,
  decayWeight,
  neighbourLists,
  type CoocSignal,
  type Normalisation,
  type Popularity,
} from './algorithms';
import { DEFAULT_PARAMS, type RecsParams } from './recs-config';
import {
  BUY_EVENTS,
  eventsToSessions,
  LEARNING_EVENTS,
  productIdsOf,
  sessionKeyOf,
  VIEW_EVENTS,
  type LogEvent,
} from './shopper-events';

/** Pseudo-product holding each signal's decayed session total (the N of lift). */
const TOTAL = '*';
const TOP_K = 50;

export type RebuildResult = { sessions: number; pairs: number; products: number; eventsUntil: string };

/** Recomputes every pair and count from the last `windowDays` of events, with time decay. */
export async function rebuildCooccurrence(
  db: Db,
  opts: { now?: Date; windowDays?: number; params?: Partial<RecsParams> } = {},
): Promise<RebuildResult> {
  const p = { ...DEFAULT_PARAMS, ...opts.params };
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - (opts.windowDays ?? 90) * 86_400_000);
  const events: LogEvent[] = [];
  let after: { ts: Date; id: string } | undefined;
  for (;;) {
    const page = await shopperEventsBetween(db, { names: LEARNING_EVENTS, since, until: now, after, limit: 5000 });
    for (const e of page) events.push({ name: e.name, data: e.data, ts: e.ts.getTime() });
    if (page.length < 5000) break;
    after = { ts: page.at(-1)!.ts, id: page.at(-1)!.id };
  }
  const sessions = eventsToSessions(events, p.sessionGapMinutes);
  const model = buildCooccurrence(sessions, {
    now: now.getTime(),
    halfLifeDays: p.halfLifeDays,
    normalisation: p.normalisation,
  });
  const trend = new Map<string, number>();
  for (const s of sessions) {
    const w = decayWeight(now.getTime() - s.ts, p.trendHalfLifeDays);
    for (const id of new Set([...s.views, ...s.buys])) trend.set(id, (trend.get(id) ?? 0) + w);
  }

  const pairRows: { signal: string; product_id: string; other_id: string; weight: number; score: number }[] = [];
  const statRows: { signal: string; product_id: string; weight: number }[] = [];
  for (const signal of ['view', 'buy'] as const) {
    for (const [a, list] of neighbourLists(model, signal, { topK: TOP_K }))
      for (const [b, score, weight] of list) pairRows.push({ signal, product_id: a, other_id: b, weight, score });
    for (const [id, w] of model[signal].items) statRows.push({ signal, product_id: id, weight: w });
    statRows.push({ signal, product_id: TOTAL, weight: model[signal].sessions });
  }
  for (const [id, w] of trend) statRows.push({ signal: 'trend', product_id: id, weight: w });

  await withTx(db, async (tx) => {
    await tx.$executeRaw`DELETE FROM rec_item_pairs`;
    await tx.$executeRaw`DELETE FROM rec_item_stats`;
    for (let i = 0; i < pairRows.length; i += 5000) {
      const chunk = JSON.stringify(pairRows.slice(i, i + 5000));
      await tx.$executeRaw`INSERT INTO rec_item_pairs (signal, product_id, other_id, weight, score)
        SELECT signal, product_id, other_id, weight, score
        FROM jsonb_to_recordset(${chunk}::jsonb) AS x(signal text, product_id text, other_id text, weight float8, score float8)`;
    }
    for (let i = 0; i < statRows.length; i += 5000) {
      const chunk = JSON.stringify(statRows.slice(i, i + 5000));
      await tx.$executeRaw`INSERT INTO rec_item_stats (signal, product_id, weight)
        SELECT signal, product_id, weight FROM jsonb_to_recordset(${chunk}::jsonb) AS x(signal text, product_id text, weight float8)`;
    }
    // Incremental markers older than this build are reflected in it.
    await tx.$executeRaw`DELETE FROM rec_builds WHERE mode = 'incremental' AND created_at < ${now}`;
    await tx.recBuild.create({
      data: {
        id: newId('rbld'),
        mode: 'full',
        normalisation: p.normalisation,
        sessions: sessions.length,
        pairs: pairRows.length,
        eventsUntil: now,
      },
    });
  });
  invalidatePopularity(db);
  return {
    sessions: sessions.length,
    pairs: pairRows.length,
    products: model.view.items.size + model.buy.items.size,
    eventsUntil: now.toISOString(),
  };
}

async function currentNormalisation(db: Db): Promise<Normalisation> {
  const last = await db.recBuild.findFirst({
    where: { mode: 'full' },
    orderBy: { createdAt: 'desc' },
    select: { normalisation: true },
  });
  return last?.normalisation === 'lift' ? 'lift' : 'cosine';
}

/**
 * Applies one new event: products it adds to its session pair with the session's earlier
 * products of the same signal (weight +1, undecayed until the nightly rebuild decays it), and
 * their scores are recomputed from the current counts. Applied once per event id.
 */
export async function applyEvent(
  db: Db,
  event: { id: string; name: string; data: unknown; ts: Date },
  opts: { params?: Partial<RecsParams> } = {},
): Promise<{ applied: boolean; pairs: number }> {
  const p = { ...DEFAULT_PARAMS, ...opts.params };
  const sessionKey = sessionKeyOf(event.data);
  const ids = productIdsOf(event.data);
  const signal: CoocSignal | null = (VIEW_EVENTS as string[]).includes(event.name)
    ? 'view'
    : (BUY_EVENTS as string[]).includes(event.name)
      ? 'buy'
      : null;
  if (!sessionKey || !signal || ids.length === 0) return { applied: false, pairs: 0 };
  const marker = await db.$executeRaw`INSERT INTO rec_builds (id, mode, normalisation, sessions, pairs, events_until)
    VALUES (${`inc_${event.id}`}, 'incremental', '', 0, 0, ${event.ts}) ON CONFLICT (id) DO NOTHING`;
  if (marker === 0) return { applied: false, pairs: 0 };

  const earlier = (
    await recentEventsOfSession(db, sessionKey, {
      names: signal === 'view' ? VIEW_EVENTS : BUY_EVENTS,
      since: new Date(event.ts.getTime() - p.sessionGapMinutes * 60_000),
      limit: 200,
    })
  ).filter((e) => e.id !== event.id && e.ts <= event.ts);
  const before = new Set(earlier.flatMap((e) => productIdsOf(e.data)));
  const fresh = ids.filter((id) => !before.has(id));
  if (fresh.length === 0) return { applied: true, pairs: 0 };
  const newSession = before.size === 0;
  const normalisation = await currentNormalisation(db);
  // Each unordered pair once per event, stored in both directions.
  const keyed = new Map<string, [string, string]>();
  const all = [...before, ...fresh];
  for (const a of fresh)
    for (const b of all)
      if (a !== b) {
        keyed.set(`${a}\u0000${b}`, [a, b]);
        keyed.set(`${b}\u0000${a}`, [b, a]);
      }
  const pairs = [...keyed.values()];

  await withTx(db, async (tx) => {
    const bump = JSON.stringify([
      ...fresh.flatMap((id) => [
        { signal, product_id: id },
        { signal: 'trend', product_id: id },
      ]),
      ...(newSession ? [{ signal, product_id: TOTAL }] : []),
    ]);
    await tx.$executeRaw`INSERT INTO rec_item_stats (signal, product_id, weight)
      SELECT signal, product_id, 1 FROM jsonb_to_recordset(${bump}::jsonb) AS x(signal text, product_id text)
      ON CONFLICT (signal, product_id) DO UPDATE SET weight = rec_item_stats.weight + 1, updated_at = now()`;
    if (pairs.length) {
      const rows = JSON.stringify(pairs.map(([a, b]) => ({ product_id: a, other_id: b })));
      await tx.$executeRaw`INSERT INTO rec_item_pairs (signal, product_id, other_id, weight, score)
        SELECT ${signal}, product_id, other_id, 1, 0 FROM jsonb_to_recordset(${rows}::jsonb) AS x(product_id text, other_id text)
        ON CONFLICT (signal, product_id, other_id) DO UPDATE SET weight = rec_item_pairs.weight + 1, updated_at = now()`;
      const touched = [...new Set(pairs.flat())];
      await tx.$executeRaw`UPDATE rec_item_pairs p SET score = CASE WHEN ${normalisation} = 'lift'
          THEN p.weight * n.weight / NULLIF(sa.weight * sb.weight, 0)
          ELSE p.weight / NULLIF(sqrt(sa.weight * sb.weight), 0) END
        FROM rec_item_stats sa, rec_item_stats sb, rec_item_stats n
        WHERE p.signal = ${signal} AND (p.product_id = ANY(${touched}::text[]) OR p.other_id = ANY(${touched}::text[]))
          AND sa.signal = p.signal AND sa.product_id = p.product_id
          AND sb.signal = p.signal AND sb.product_id = p.other_id
          AND n.signal = p.signal AND n.product_id = ${TOTAL}`;
    }
  });
  invalidatePopularity(db);
  return { applied: true, pairs: pairs.length };
}

/** Strongest neighbours of each product for a signal: [otherId, score, weight] lists. */
export async function loadNeighbours(
  db: Db,
  signal: CoocSignal,
  productIds: string[],
  limit = TOP_K,
): Promise<Map<string, [string, number, number][]>> {
  const out = new Map<string, [string, number, number][]>();
  if (productIds.length === 0) return out;
  const rows = await db.$queryRaw<{ product_id: string; other_id: string; score: number; weight: number }[]>`
    SELECT product_id, other_id, score, weight FROM (
      SELECT product_id, other_id, score, weight,
        row_number() OVER (PARTITION BY product_id ORDER BY score DESC, other_id) AS rn
      FROM rec_item_pairs WHERE signal = ${signal} AND product_id = ANY(${productIds}::text[])) x
    WHERE rn <= ${limit} ORDER BY product_id, rn`;
  for (const r of rows) {
    const list = out.get(r.product_id) ?? [];
    list.push([r.other_id, Number(r.score), Number(r.weight)]);
    out.set(r.product_id, list);
  }
  return out;
}

const popCache = new WeakMap<object, { at: number; pop: Promise<Popularity> }>();
const POP_TTL_MS = 60_000;

export function invalidatePopularity(db: Db) {
  popCache.delete(db);
}

/** Decayed view, buy and trend counts per product (cached briefly). */
export function getPopularity(db: Db): Promise<Popularity> {
  const hit = popCache.get(db);
  if (hit && Date.now() - hit.at < POP_TTL_MS) return hit.pop;
  const pop = (async () => {
    const rows = await db.recItemStat.findMany({ select: { signal: true, productId: true, weight: true } });
    const p: Popularity = { view: new Map(), buy: new Map(), trend: new Map() };
    for (const r of rows) {
      if (r.productId === TOTAL) continue;
      if (r.signal === 'view' || r.signal === 'buy' || r.signal === 'trend') p[r.signal].set(r.productId, r.weight);
    }
    return p;
  })().catch((err) => {
    popCache.delete(db);
    throw err;
  });
  popCache.set(db, { at: Date.now(), pop });
  return pop;
}
