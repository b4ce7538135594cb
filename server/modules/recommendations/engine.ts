// The recommendation decision implementation ('recs.engine'): one function for every
// placement, its algorithm and weights chosen by the model version's params, so blend,
// co-occurrence, similarity and popularity can each be a registered version that runs in
// shadow, canary or an experiment. It proposes sections; recommend.ts applies merchant
// rules and live stock before anything is shown.
import type { Db } from '@/server/db/client';
import { registerImplementation, type ImplementationResult } from '@/server/decisions/implementations';
import { getActiveEmbedder } from '@/server/modules/search/active-embedder';
import { productVectorNeighbours } from '@/server/modules/search/product-vectors';
import {
  bestSellers,
  categoryAffinity,
  anchorsOf,
  coocRanking,
  diversify,
  eligible,
  personalRanking,
  similarProducts,
  type Catalog,
  type CoocLookup,
  type Popularity,
  type RecItem,
} from './algorithms';
import { getCatalog } from './catalog-snapshot';
import { getPopularity, loadNeighbours } from './cooc-store';
import { recsParams, type RecsParams } from './recs-config';
import { decisionInput, type DecisionInput, type DecisionOutput, type SectionOutput } from './recs.schema';

export const RECS_IMPLEMENTATION = 'recs.engine';

type Ctx = { db: Db; catalog: Catalog; pop: Popularity; p: RecsParams; now: number };

export async function runEngine(
  db: Db,
  rawInput: unknown,
  rawParams: Record<string, unknown>,
): Promise<ImplementationResult<DecisionOutput>> {
  const input = decisionInput.parse(rawInput);
  const p = recsParams.parse(rawParams);
  const [catalog, pop] = await Promise.all([getCatalog(db), getPopularity(db)]);
  const ctx: Ctx = { db, catalog, pop, p, now: input.now ?? Date.now() };
  const out =
    input.placement === 'home'
      ? await home(ctx, input)
      : input.placement === 'product'
        ? await product(ctx, input)
        : await cart(ctx, input);
  const first = out.output.sections.find((s) => s.items.length)?.items[0];
  return {
    output: out.output,
    score: first?.score ?? null,
    confidence: out.output.coldStart ? 0.3 : null,
    explanation: out.output.sections.map((s) => `${s.id}: ${s.strategy} (${s.items.length})`),
    // What the decision used, for the log: counts and product ids, never the raw signals' timestamps.
    features: {
      algorithm: p.algorithm,
      normalisation: p.normalisation,
      placement: input.placement,
      coldStart: out.output.coldStart,
      ...out.features,
    },
    logOutput: {
      sections: out.output.sections.map((s) => ({
        id: s.id,
        strategy: s.strategy,
        productIds: s.items.map((i) => i.productId),
      })),
    },
  };
}

registerImplementation<unknown, DecisionOutput>(RECS_IMPLEMENTATION, (input, params, ctx) =>
  runEngine(ctx.db, input, params),
);

type Result = { output: DecisionOutput; features: Record<string, unknown> };

function section(id: string, title: string, strategy: string, items: RecItem[]): SectionOutput {
  return {
    id,
    title,
    strategy,
    items: items.map((i) => ({ productId: i.productId, score: round(i.score), reason: i.reason })),
  };
}

function round(x: number) {
  return Math.round(x * 1e6) / 1e6;
}

function lookupFromLists(
  view: Map<string, [string, number, number][]>,
  buy: Map<string, [string, number, number][]>,
  minSupport: number,
): CoocLookup {
  return (signal, id) => ((signal === 'view' ? view : buy).get(id) ?? []).filter((x) => x[2] >= minSupport);
}

async function coocLookup(ctx: Ctx, ids: string[]): Promise<CoocLookup> {
  const [view, buy] = await Promise.all([loadNeighbours(ctx.db, 'view', ids), loadNeighbours(ctx.db, 'buy', ids)]);
  return lookupFromLists(view, buy, ctx.p.minSupport);
}

/** Embedding neighbours of a product with the active embedder; empty when it has no vector. */
async function embeddingSims(ctx: Ctx, productId: string): Promise<Map<string, number>> {
  if (ctx.p.similarWeights.embedding === 0) return new Map();
  const embedder = await getActiveEmbedder(ctx.db);
  const hits = await productVectorNeighbours(ctx.db, embedder, productId, 60);
  return new Map(hits.map((h) => [h.productId, 1 - h.distance]));
}

async function similar(ctx: Ctx, anchorId: string, limit: number, exclude: Set<string>): Promise<RecItem[]> {
  const sims = await embeddingSims(ctx, anchorId);
  return similarProducts(ctx.catalog, anchorId, { limit, embeddingSims: sims, weights: ctx.p.similarWeights, exclude });
}

function div(ctx: Ctx, items: RecItem[], limit: number) {
  return diversify(items, ctx.catalog, limit, ctx.p.maxClassShare);
}

// ─── home ─────────────────────────────────────────────────────────────────────

async function home(ctx: Ctx, input: Extract<DecisionInput, { placement: 'home' }>): Promise<Result> {
  const { limit } = input;
  const s = input.personalized ? input.signals : null;
  const hasSignals = Boolean(s && (s.viewed.length || s.bought.length || s.searches.length));
  if (!s || !hasSignals || ctx.p.algorithm === 'popularity') {
    return {
      output: { sections: generic(ctx, limit), coldStart: !hasSignals },
      features: { personalized: false, signals: null },
    };
  }
  const opts = { now: ctx.now, signalHalfLifeDays: ctx.p.signalHalfLifeDays };
  const anchors = anchorsOf(s, opts);
  const touched = new Set(anchors.map((a) => a.productId));
  const sections: SectionOutput[] = [];

  // The shopper's own history: shown as it is (most recent first), not diversified.
  const recent = [
    ...new Set(
      s.viewed
        .slice()
        .sort((a, b) => b.ts - a.ts)
        .map((v) => v.productId),
    ),
  ]
    .filter((id) => eligible(ctx.catalog.items.get(id)))
    .slice(0, limit)
    .map((productId, i) => ({ productId, score: 1 / (i + 1), reason: 'You viewed this recently' }));
  if (recent.length) sections.push(section('recently-viewed', 'Recently viewed', 'recent', recent));

  const lookup = await coocLookup(
    ctx,
    anchors.slice(0, 20).map((a) => a.productId),
  );
  const anchor = [...s.viewed, ...s.bought]
    .sort((a, b) => b.ts - a.ts)
    .map((v) => ctx.catalog.items.get(v.productId))
    .find(Boolean);
  if (anchor) {
    const reason = `Because you viewed ${anchor.title}`;
    const co =
      ctx.p.algorithm === 'similar'
        ? []
        : coocRanking(
            lookup,
            ctx.catalog,
            { viewed: [{ productId: anchor.id, ts: ctx.now }], bought: [], searches: [] },
            { ...opts, limit: limit * 3 },
          );
    const sim =
      ctx.p.algorithm === 'cooccurrence' && co.length >= limit ? [] : await similar(ctx, anchor.id, limit * 4, touched);
    const merged = dedupe([...co, ...sim].filter((i) => !touched.has(i.productId))).map((i) => ({ ...i, reason }));
    const items = div(ctx, merged, limit);
    if (items.length)
      sections.push(section('because-you-viewed', reason, co.length ? 'cooccurrence' : 'similar', items));
  }

  const aff = [...categoryAffinity(ctx.catalog, s, anchors, opts).keys()].slice(0, 3);
  if (ctx.p.algorithm !== 'similar') {
    const ranked = personalRanking(ctx.catalog, lookup, ctx.pop, s, { ...opts, limit: limit * 4 });
    const shown = new Set([...touched, ...sections.flatMap((x) => x.items.map((i) => i.productId))]);
    // Best-sellers of the categories next to the shopper's (same parent: a sofa shopper's
    // coffee tables and lamps) keep the section full and diverse when their history is narrow.
    const neighbours = interleave(
      neighbourCategories(ctx.catalog, aff.slice(0, 2)).map(([c, parent]) =>
        bestSellers(ctx.catalog, ctx.pop, { limit: 3, category: c, exclude: shown }).map((i) => ({
          ...i,
          reason: `Popular in ${parent}`,
        })),
      ),
    );
    const items = div(
      ctx,
      dedupe([...ranked, ...neighbours]).filter((i) => !shown.has(i.productId)),
      limit,
    );
    if (items.length) sections.push(section('picked-for-you', 'Picked for you', ctx.p.algorithm, items));
  }

  if (aff.length) {
    const lists = aff.map((c) => trending(ctx, c, limit, touched));
    const items = div(ctx, interleave(lists), limit);
    if (items.length)
      sections.push(section('trending-in-your-categories', 'Trending in your categories', 'trending', items));
  }
  sections.push(
    section(
      'best-sellers',
      'Best-sellers',
      'popularity',
      div(ctx, bestSellers(ctx.catalog, ctx.pop, { limit: limit * 3, exclude: touched }), limit),
    ),
  );
  return {
    output: { sections, coldStart: false },
    features: {
      personalized: true,
      signals: {
        viewed: s.viewed.length,
        bought: s.bought.length,
        searches: s.searches.length,
        anchors: anchors.slice(0, 5).map((a) => a.productId),
      },
      topCategories: aff,
    },
  };
}

/** The same home page for everyone: what new visitors and opted-out shoppers see. */
function generic(ctx: Ctx, limit: number): SectionOutput[] {
  const best = div(ctx, bestSellers(ctx.catalog, ctx.pop, { limit: limit * 3 }), limit);
  const shown = new Set(best.map((i) => i.productId));
  const trend = [...ctx.catalog.items.values()]
    .filter((i) => eligible(i) && !shown.has(i.id) && (ctx.pop.trend.get(i.id) ?? 0) > 0)
    .map((i) => ({ productId: i.id, score: ctx.pop.trend.get(i.id)!, reason: 'Trending this week' }))
    .sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId));
  const sections = [section('best-sellers', 'Best-sellers', 'popularity', best)];
  const t = div(ctx, trend, limit);
  if (t.length) sections.push(section('trending', 'Trending this week', 'trending', t));
  return sections;
}

function trending(ctx: Ctx, category: string, limit: number, exclude: Set<string>): RecItem[] {
  return (ctx.catalog.byCategory.get(category) ?? [])
    .filter((id) => !exclude.has(id) && eligible(ctx.catalog.items.get(id)))
    .map((id) => {
      const item = ctx.catalog.items.get(id)!;
      const quality = ((item.ratingAvg ?? 3) * Math.log1p(item.reviewCount)) / 1000;
      return { productId: id, score: (ctx.pop.trend.get(id) ?? 0) + quality, reason: `Trending in ${category}` };
    })
    .sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId))
    .slice(0, limit * 2);
}

/** Categories sharing a parent with the given ones: [category, parent name]. */
function neighbourCategories(catalog: Catalog, categories: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const c of categories) {
    const first = catalog.byCategory.get(c)?.[0];
    const path = first ? catalog.items.get(first)?.categoryPath : undefined;
    const parent = path?.at(-2);
    if (!parent) continue;
    for (const [other, ids] of catalog.byCategory) {
      if (other === c || categories.includes(other)) continue;
      const p = catalog.items.get(ids[0]!)?.categoryPath;
      if (p && p.at(-2) === parent) out.push([other, parent]);
    }
  }
  return out;
}

function interleave(lists: RecItem[][]): RecItem[] {
  const out: RecItem[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return dedupe(out);
}

function dedupe(items: RecItem[]): RecItem[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.productId) && (seen.add(i.productId), true));
}

// ─── product page ─────────────────────────────────────────────────────────────

async function product(ctx: Ctx, input: Extract<DecisionInput, { placement: 'product' }>): Promise<Result> {
  const { productId, limit } = input;
  const self = new Set([productId]);
  if (ctx.p.algorithm === 'popularity') {
    const best = div(ctx, bestSellers(ctx.catalog, ctx.pop, { limit: limit * 3, exclude: self }), limit);
    return {
      output: { sections: [section('best-sellers', 'Best-sellers', 'popularity', best)], coldStart: false },
      features: { anchor: productId },
    };
  }
  const sim = await similar(ctx, productId, limit * 3, self);
  const similarItems = sim.slice(0, limit);
  const sections = [section('similar', 'Similar items', 'similar', similarItems)];
  const lookup = await coocLookup(ctx, [productId]);
  const bought = lookup('buy', productId).filter(([id]) => eligible(ctx.catalog.items.get(id)) && id !== productId);
  const viewed = lookup('view', productId).filter(([id]) => eligible(ctx.catalog.items.get(id)) && id !== productId);
  let coldStart = false;
  if (ctx.p.algorithm !== 'similar' && bought.length) {
    sections.push(
      section(
        'bought-together',
        'Frequently bought together',
        'cooccurrence',
        div(
          ctx,
          bought.map(([id, s]) => ({ productId: id, score: s, reason: 'Customers who bought this also bought it' })),
          limit,
        ),
      ),
    );
  } else if (ctx.p.algorithm !== 'similar' && viewed.length) {
    sections.push(
      section(
        'also-viewed',
        'Customers also viewed',
        'cooccurrence',
        div(
          ctx,
          viewed.map(([id, s]) => ({ productId: id, score: s, reason: 'Customers who viewed this also viewed it' })),
          limit,
        ),
      ),
    );
  } else {
    coldStart = true;
    // Cold start: not enough sessions yet. The next most similar products, then best-sellers
    // from neighbouring categories under the same parent (a sofa's coffee tables and lamps).
    const anchor = ctx.catalog.items.get(productId);
    const title = anchor?.title ?? 'this';
    const parent = anchor?.categoryPath.at(-2);
    const shown = new Set([productId, ...similarItems.map((i) => i.productId)]);
    const neighbours = parent
      ? [...ctx.catalog.byCategory.keys()]
          .filter((c) => c !== anchor?.category)
          .flatMap((c) => bestSellers(ctx.catalog, ctx.pop, { limit, category: c, exclude: shown }))
          .filter((i) => ctx.catalog.items.get(i.productId)?.categoryPath.includes(parent))
          .sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId))
      : [];
    const more = [...sim.slice(limit), ...neighbours].map((i) => ({ ...i, reason: `Goes with ${title}` }));
    if (more.length)
      sections.push(section('also-viewed', 'You may also like', 'similar', div(ctx, dedupe(more), limit)));
  }
  return {
    output: { sections, coldStart },
    features: { anchor: productId, boughtPairs: bought.length, viewedPairs: viewed.length },
  };
}

// ─── cart ───────────────────────────────────────────────────────────────────

async function cart(ctx: Ctx, input: Extract<DecisionInput, { placement: 'cart' }>): Promise<Result> {
  const inCart = new Set(input.productIds);
  if (ctx.p.algorithm !== 'popularity' && ctx.p.algorithm !== 'similar') {
    const lookup = await coocLookup(ctx, input.productIds);
    const scores = new Map<string, number>();
    for (const id of input.productIds)
      for (const [b, s] of lookup('buy', id))
        if (!inCart.has(b) && eligible(ctx.catalog.items.get(b))) scores.set(b, (scores.get(b) ?? 0) + s);
    if (scores.size) {
      const items = [...scores]
        .map(([productId, score]) => ({ productId, score, reason: 'Often bought with items in your cart' }))
        .sort((a, b) => b.score - a.score);
      return {
        output: {
          sections: [
            section('bought-together', 'Frequently bought together', 'cooccurrence', div(ctx, items, input.limit)),
          ],
          coldStart: false,
        },
        features: { cartSize: inCart.size },
      };
    }
  }
  if (ctx.p.algorithm === 'popularity') {
    const best = div(ctx, bestSellers(ctx.catalog, ctx.pop, { limit: input.limit * 3, exclude: inCart }), input.limit);
    return {
      output: { sections: [section('best-sellers', 'Best-sellers', 'popularity', best)], coldStart: false },
      features: { cartSize: inCart.size },
    };
  }
  const lists = await Promise.all(input.productIds.slice(0, 3).map((id) => similar(ctx, id, input.limit * 2, inCart)));
  const items = div(
    ctx,
    interleave(lists).map((i) => ({ ...i, reason: 'Goes with items in your cart' })),
    input.limit,
  );
  return {
    output: { sections: [section('complete-the-look', 'Complete the look', 'similar', items)], coldStart: true },
    features: { cartSize: inCart.size },
  };
}
