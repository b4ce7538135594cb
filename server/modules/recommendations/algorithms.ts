// The recommendation algorithms as pure functions over a catalog, co-occurrence lookups and
// a shopper's signals. The decision implementations (online, data from Postgres) and the
// offline evaluation (simulated log, in memory) call the same code, so what is evaluated
// is what serves.

export type CatalogItem = {
  id: string;
  slug: string;
  title: string;
  /** Leaf category, e.g. "Sofas". */
  category: string | null;
  categoryPath: string[];
  /** The product class used for diversity (first source class, else the leaf category). */
  classKey: string;
  priceCents: number;
  inStock: boolean;
  active: boolean;
  ratingAvg: number | null;
  reviewCount: number;
  /** "key:value" pairs of the product's attributes, lower-cased. */
  attrs: string[];
};

export type Catalog = { items: Map<string, CatalogItem>; byCategory: Map<string, string[]> };

export type CoocSignal = 'view' | 'buy';
/** Neighbours of a product for a signal, strongest first: [otherId, normalised score, weight]. */
export type CoocLookup = (signal: CoocSignal, productId: string) => readonly (readonly [string, number, number])[];
/** Popularity per product (decayed sessions); `trend` is the short-half-life variant. */
export type Popularity = { view: Map<string, number>; buy: Map<string, number>; trend: Map<string, number> };

export type SignalItem = { productId: string; ts: number };
export type ShopperSignals = {
  viewed: SignalItem[];
  /** Added to cart or bought. */
  bought: SignalItem[];
  searches: { query: string; ts: number }[];
};

export type RecItem = { productId: string; score: number; reason: string };

export function buildCatalog(items: CatalogItem[]): Catalog {
  const map = new Map(items.map((i) => [i.id, i]));
  const byCategory = new Map<string, string[]>();
  for (const i of items) {
    if (!i.category) continue;
    const list = byCategory.get(i.category) ?? [];
    list.push(i.id);
    byCategory.set(i.category, list);
  }
  return { items: map, byCategory };
}

export function attributePairs(attributes: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(attributes)) {
    const values = Array.isArray(v) ? v : [v];
    for (const x of values) {
      if (typeof x !== 'string' && typeof x !== 'number') continue;
      const s = String(x).trim().toLowerCase();
      if (s && s.length <= 60) out.push(`${k.trim().toLowerCase()}:${s}`);
    }
  }
  return out;
}

/** A product can be recommended only when it is active and some variant has stock. */
export function eligible(item: CatalogItem | undefined): item is CatalogItem {
  return Boolean(item && item.active && item.inStock);
}

// ─── co-occurrence ──────────────────────────────────────────────────────────────

export type Session = { key: string; ts: number; views: string[]; buys: string[] };
export type Normalisation = 'cosine' | 'lift';
export type CoocOptions = {
  now: number;
  halfLifeDays: number;
  normalisation: Normalisation;
  maxItemsPerSession?: number;
};
export type CoocTable = {
  /** Decayed co-counts, both directions stored. */
  pairs: Map<string, Map<string, number>>;
  /** Decayed session count per product. */
  items: Map<string, number>;
  /** Decayed number of sessions. */
  sessions: number;
};
export type CoocModel = Record<CoocSignal, CoocTable> & { normalisation: Normalisation };

export function decayWeight(ageMs: number, halfLifeDays: number): number {
  if (halfLifeDays <= 0) return 1;
  return Math.pow(0.5, Math.max(0, ageMs) / (halfLifeDays * 86_400_000));
}

/**
 * Item-to-item co-occurrence: every session adds its decay weight to each pair of distinct
 * products it touched (viewed, or added to cart/bought), and to each product's count.
 */
export function buildCooccurrence(sessions: Session[], opts: CoocOptions): CoocModel {
  const max = opts.maxItemsPerSession ?? 50;
  const model: CoocModel = { view: emptyTable(), buy: emptyTable(), normalisation: opts.normalisation };
  for (const s of sessions) {
    const w = decayWeight(opts.now - s.ts, opts.halfLifeDays);
    addSession(model.view, unique(s.views).slice(-max), w);
    addSession(model.buy, unique(s.buys).slice(-max), w);
  }
  return model;
}

function emptyTable(): CoocTable {
  return { pairs: new Map(), items: new Map(), sessions: 0 };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

export function addSession(t: CoocTable, ids: string[], w: number): void {
  if (ids.length === 0) return;
  t.sessions += w;
  for (const a of ids) t.items.set(a, (t.items.get(a) ?? 0) + w);
  for (const a of ids)
    for (const b of ids) {
      if (a === b) continue;
      const m = t.pairs.get(a) ?? new Map<string, number>();
      m.set(b, (m.get(b) ?? 0) + w);
      t.pairs.set(a, m);
    }
}

/** Popularity correction: cosine w_ab/√(n_a·n_b), or lift w_ab·N/(n_a·n_b). */
export function normalise(t: CoocTable, a: string, b: string, weight: number, how: Normalisation): number {
  const na = t.items.get(a) ?? 0;
  const nb = t.items.get(b) ?? 0;
  if (na <= 0 || nb <= 0) return 0;
  return how === 'cosine' ? weight / Math.sqrt(na * nb) : (weight * t.sessions) / (na * nb);
}

/** Scored neighbour lists, strongest first, keeping pairs seen in at least `minSupport` (decayed) sessions. */
export function neighbourLists(
  model: CoocModel,
  signal: CoocSignal,
  opts: { topK?: number; minSupport?: number } = {},
): Map<string, [string, number, number][]> {
  const t = model[signal];
  const out = new Map<string, [string, number, number][]>();
  for (const [a, m] of t.pairs) {
    const list: [string, number, number][] = [];
    for (const [b, w] of m)
      if (w >= (opts.minSupport ?? 0)) list.push([b, normalise(t, a, b, w, model.normalisation), w]);
    list.sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
    out.set(a, list.slice(0, opts.topK ?? 50));
  }
  return out;
}

export function lookupFrom(model: CoocModel, opts: { topK?: number; minSupport?: number } = {}): CoocLookup {
  const lists = { view: neighbourLists(model, 'view', opts), buy: neighbourLists(model, 'buy', opts) };
  return (signal, id) => lists[signal].get(id) ?? [];
}

// ─── content similarity ────────────────────────────────────────────────────────

export type SimilarWeights = { embedding: number; category: number; attributes: number };
export const DEFAULT_SIMILAR_WEIGHTS: SimilarWeights = { embedding: 0.6, category: 0.25, attributes: 0.15 };

function jaccard(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const sa = new Set(a);
  let inter = 0;
  for (const x of new Set(b)) if (sa.has(x)) inter++;
  return inter / (sa.size + new Set(b).size - inter);
}

/**
 * Similar products: embedding nearest neighbours (cosine similarity, when vectors exist)
 * blended with same class/category and attribute overlap. Candidates are the embedding
 * neighbours plus the anchor's category; only eligible products are returned.
 */
export function similarProducts(
  catalog: Catalog,
  anchorId: string,
  opts: { limit: number; embeddingSims?: Map<string, number>; weights?: SimilarWeights; exclude?: Set<string> },
): RecItem[] {
  const anchor = catalog.items.get(anchorId);
  if (!anchor) return [];
  const w = opts.weights ?? DEFAULT_SIMILAR_WEIGHTS;
  const sims = opts.embeddingSims ?? new Map<string, number>();
  // Without vectors the content signals carry the whole score.
  const scale = sims.size ? 1 : 1 / Math.max(1e-9, w.category + w.attributes);
  const candidates = new Set<string>([
    ...sims.keys(),
    ...(anchor.category ? (catalog.byCategory.get(anchor.category) ?? []) : []),
  ]);
  const scored: RecItem[] = [];
  for (const id of candidates) {
    if (id === anchorId || opts.exclude?.has(id)) continue;
    const item = catalog.items.get(id);
    if (!eligible(item)) continue;
    const sameClass =
      item.classKey === anchor.classKey ? 1 : item.category && item.category === anchor.category ? 0.8 : 0;
    const score =
      w.embedding * (sims.get(id) ?? 0) +
      scale * (w.category * sameClass + w.attributes * jaccard(anchor.attrs, item.attrs));
    scored.push({ productId: id, score, reason: `Similar to ${anchor.title}` });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      quality(catalog, b.productId) - quality(catalog, a.productId) ||
      a.productId.localeCompare(b.productId),
  );
  return scored.slice(0, opts.limit);
}

function quality(catalog: Catalog, id: string): number {
  const i = catalog.items.get(id);
  return i ? (i.ratingAvg ?? 3) * Math.log1p(i.reviewCount) : 0;
}

// ─── popularity ───────────────────────────────────────────────────────────────

/** Best-sellers: bought weight, then viewed, then rating × log(reviews) for the never-seen. */
export function bestSellers(
  catalog: Catalog,
  pop: Popularity,
  opts: { limit: number; exclude?: Set<string>; category?: string },
): RecItem[] {
  const ids = opts.category ? (catalog.byCategory.get(opts.category) ?? []) : [...catalog.items.keys()];
  const scored: RecItem[] = [];
  for (const id of ids) {
    const item = catalog.items.get(id);
    if (!eligible(item) || opts.exclude?.has(id)) continue;
    const score = 1_000 * (pop.buy.get(id) ?? 0) + 10 * (pop.view.get(id) ?? 0) + quality(catalog, id) / 100;
    scored.push({ productId: id, score, reason: 'Best-seller' });
  }
  scored.sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId));
  return scored.slice(0, opts.limit);
}

// ─── personalization ──────────────────────────────────────────────────────────

export type PersonalOptions = { now: number; signalHalfLifeDays: number; limit: number };

type Anchor = { productId: string; weight: number };

/** The shopper's recent products, weighted by recency (bought counts double). */
export function anchorsOf(signals: ShopperSignals, opts: { now: number; signalHalfLifeDays: number }): Anchor[] {
  const m = new Map<string, number>();
  for (const s of signals.viewed)
    m.set(s.productId, (m.get(s.productId) ?? 0) + decayWeight(opts.now - s.ts, opts.signalHalfLifeDays));
  for (const s of signals.bought)
    m.set(s.productId, (m.get(s.productId) ?? 0) + 2 * decayWeight(opts.now - s.ts, opts.signalHalfLifeDays));
  return [...m].map(([productId, weight]) => ({ productId, weight })).sort((a, b) => b.weight - a.weight);
}

/** Category affinities from products touched and searches that name a category. */
export function categoryAffinity(
  catalog: Catalog,
  signals: ShopperSignals,
  anchors: Anchor[],
  opts: { now: number; signalHalfLifeDays: number },
) {
  const aff = new Map<string, number>();
  for (const a of anchors) {
    const c = catalog.items.get(a.productId)?.category;
    if (c) aff.set(c, (aff.get(c) ?? 0) + a.weight);
  }
  for (const s of signals.searches) {
    const q = s.query.toLowerCase();
    for (const c of catalog.byCategory.keys()) {
      const stem = c.toLowerCase().replace(/s$/, '');
      if (stem.length > 2 && q.includes(stem))
        aff.set(c, (aff.get(c) ?? 0) + 0.5 * decayWeight(opts.now - s.ts, opts.signalHalfLifeDays));
    }
  }
  const total = [...aff.values()].reduce((a, b) => a + b, 0) || 1;
  return new Map([...aff].map(([c, v]) => [c, v / total] as const).sort((a, b) => b[1] - a[1]));
}

function priceFit(catalog: Catalog, anchors: Anchor[]): (id: string) => number {
  const prices = anchors
    .map((a) => catalog.items.get(a.productId)?.priceCents ?? 0)
    .filter((p) => p > 0)
    .sort((a, b) => a - b);
  if (prices.length === 0) return () => 1;
  const median = prices[Math.floor(prices.length / 2)]!;
  return (id) => {
    const p = catalog.items.get(id)?.priceCents ?? 0;
    return p > 0 ? Math.exp(-0.5 * Math.abs(Math.log(p / median))) : 0.5;
  };
}

/**
 * One personal ranking: co-occurrence with the shopper's recent products (also viewed and
 * bought together), plus popular products in the categories they favour, shaped by their
 * price band. Products already touched are excluded (freshness).
 */
export function personalRanking(
  catalog: Catalog,
  lookup: CoocLookup,
  pop: Popularity,
  signals: ShopperSignals,
  opts: PersonalOptions,
): RecItem[] {
  const anchors = anchorsOf(signals, opts).slice(0, 20);
  const seen = new Set(anchors.map((a) => a.productId));
  const scores = new Map<string, { score: number; reason: string; best: number }>();
  const add = (id: string, s: number, reason: string) => {
    if (seen.has(id) || s <= 0 || !eligible(catalog.items.get(id))) return;
    const cur = scores.get(id) ?? { score: 0, reason, best: 0 };
    cur.score += s;
    if (s > cur.best) Object.assign(cur, { best: s, reason });
    scores.set(id, cur);
  };
  for (const a of anchors) {
    const title = catalog.items.get(a.productId)?.title ?? 'an item';
    for (const [b, s] of lookup('view', a.productId)) add(b, a.weight * s, `Because you viewed ${title}`);
    for (const [b, s] of lookup('buy', a.productId)) add(b, 1.5 * a.weight * s, `Often bought with ${title}`);
  }
  const aff = categoryAffinity(catalog, signals, anchors, opts);
  const fit = priceFit(catalog, anchors);
  const maxTrend = Math.max(1e-9, ...[...pop.trend.values()]);
  for (const [c, share] of [...aff].slice(0, 3)) {
    for (const id of catalog.byCategory.get(c) ?? []) {
      const trend = (pop.trend.get(id) ?? 0) / maxTrend;
      add(id, 0.3 * share * (0.2 + trend), `Trending in ${c}`);
    }
  }
  const ranked = [...scores].map(([productId, v]) => ({
    productId,
    score: v.score * (0.5 + 0.5 * fit(productId)),
    reason: v.reason,
  }));
  ranked.sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId));
  return ranked.slice(0, opts.limit);
}

/** Co-occurrence alone: neighbours of the shopper's recent products (the item-to-item baseline). */
export function coocRanking(
  lookup: CoocLookup,
  catalog: Catalog,
  signals: ShopperSignals,
  opts: PersonalOptions,
): RecItem[] {
  const anchors = anchorsOf(signals, opts);
  const seen = new Set(anchors.map((a) => a.productId));
  const scores = new Map<string, number>();
  for (const a of anchors)
    for (const signal of ['view', 'buy'] as const)
      for (const [b, s] of lookup(signal, a.productId))
        if (!seen.has(b) && eligible(catalog.items.get(b))) scores.set(b, (scores.get(b) ?? 0) + a.weight * s);
  return [...scores]
    .map(([productId, score]) => ({ productId, score, reason: 'Customers also viewed' }))
    .sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId))
    .slice(0, opts.limit);
}

// ─── diversity ───────────────────────────────────────────────────────────────

/** The largest number of items of one class a section of n items may hold. */
export function classCap(n: number, maxClassShare: number): number {
  return Math.max(1, Math.floor(n * maxClassShare));
}

/**
 * Greedy diversity: walk the ranking and skip an item whose class already holds its share
 * of the section; then trim until the section that came out holds the constraint too.
 */
export function diversify(items: RecItem[], catalog: Catalog, limit: number, maxClassShare: number): RecItem[] {
  const cap = classCap(limit, maxClassShare);
  const counts = new Map<string, number>();
  const out: RecItem[] = [];
  for (const it of items) {
    if (out.length >= limit) break;
    const k = catalog.items.get(it.productId)?.classKey ?? 'other';
    if ((counts.get(k) ?? 0) >= cap) continue;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    out.push(it);
  }
  for (;;) {
    const [k, c] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (out.length < 2 || c <= classCap(out.length, maxClassShare)) return out;
    const idx = out.findLastIndex((it) => (catalog.items.get(it.productId)?.classKey ?? 'other') === k);
    out.splice(idx, 1);
    counts.set(k, c - 1);
  }
}
