// A shopper simulator for offline evaluation until real traffic exists. Deterministic for a
// seed. Each simulated shopper has latent preferences:
//   - two favourite leaf categories (picked in proportion to category size) and a small
//     chance of exploring any other category;
//   - a price point (the median price of their favourite category, scaled by a log-normal
//     factor) and a tolerance around it;
// and every product has a latent appeal shared by all shoppers (log-normal: a few hits,
// a long tail), so popularity is a real, non-trivial baseline.
// Shoppers visit a few times over the period. In a session they pick a category (favourite
// or explore), sometimes search for it by name, view products drawn in proportion to appeal ×
// price fit, add some to the cart, and sometimes check out; afterwards they may continue into
// the category's complement (the neighbouring category under the same parent, e.g. sofas →
// coffee tables), which is where "bought together" comes from.
// The output is the same shopper event log the storefront writes (names and data fields).
import type { CatalogItem } from '../algorithms';

export type SimEvent = {
  name: string;
  ts: number;
  data: { sessionKey: string; productId?: string; productIds?: string[]; query?: string };
};
export type SimConfig = { seed: number; shoppers: number; days: number; start: number };
export type Shopper = { key: string; favourites: string[]; priceCents: number; tolerance: number };

export const DEFAULT_SIM: SimConfig = { seed: 42, shoppers: 600, days: 28, start: Date.UTC(2026, 9, 1) };

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(r: () => number): number {
  const u = Math.max(1e-12, r());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

function pickWeighted<T>(r: () => number, items: T[], weight: (t: T) => number): T | undefined {
  const total = items.reduce((s, x) => s + weight(x), 0);
  if (total <= 0) return undefined;
  let x = r() * total;
  for (const it of items) {
    x -= weight(it);
    if (x <= 0) return it;
  }
  return items.at(-1);
}

function poisson(r: () => number, lambda: number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

export function simulate(
  items: CatalogItem[],
  cfg: SimConfig = DEFAULT_SIM,
): { events: SimEvent[]; shoppers: Shopper[] } {
  const r = rng(cfg.seed);
  const sellable = items.filter((i) => i.active && i.inStock && i.category);
  const byCat = new Map<string, CatalogItem[]>();
  for (const i of sellable) byCat.set(i.category!, [...(byCat.get(i.category!) ?? []), i]);
  const categories = [...byCat.keys()].filter((c) => byCat.get(c)!.length >= 5).sort();
  // A catalog too small to browse (no category with five sellable products): no shoppers.
  if (categories.length === 0) return { events: [], shoppers: [] };
  const appeal = new Map(sellable.map((i) => [i.id, Math.exp(0.9 * normal(r))]));
  const medianPrice = (c: string) => {
    const p = byCat
      .get(c)!
      .map((i) => i.priceCents)
      .sort((a, b) => a - b);
    return p[Math.floor(p.length / 2)]!;
  };
  // Complement: another category under the same parent (deterministic), else any other.
  const complement = new Map<string, string>();
  for (const c of categories) {
    const parent = byCat.get(c)![0]!.categoryPath.at(-2);
    const siblings = categories.filter((o) => o !== c && byCat.get(o)![0]!.categoryPath.at(-2) === parent);
    const pool = siblings.length ? siblings : categories.filter((o) => o !== c);
    // A one-category catalog: the complement is the category itself.
    complement.set(c, pool[Math.floor(r() * pool.length)] ?? c);
  }

  const shoppers: Shopper[] = [];
  const events: SimEvent[] = [];
  for (let s = 0; s < cfg.shoppers; s++) {
    const first = pickWeighted(r, categories, (c) => byCat.get(c)!.length)!;
    const second =
      pickWeighted(
        r,
        categories.filter((c) => c !== first),
        (c) => byCat.get(c)!.length,
      ) ?? first;
    const shopper: Shopper = {
      key: `v_SIM${String(s).padStart(6, '0')}`,
      favourites: [first, second],
      priceCents: Math.round(medianPrice(first) * Math.exp(0.35 * normal(r))),
      tolerance: 0.35 + 0.3 * r(),
    };
    shoppers.push(shopper);
    const fit = (i: CatalogItem) =>
      Math.exp(-0.5 * (Math.log(i.priceCents / shopper.priceCents) / shopper.tolerance) ** 2);
    const visits = 1 + poisson(r, 3);
    const times = Array.from({ length: visits }, () => cfg.start + Math.floor(r() * cfg.days * 86_400_000)).sort(
      (a, b) => a - b,
    );
    for (const start of times) {
      let ts = start;
      const at = () => (ts += 20_000 + Math.floor(r() * 100_000));
      const x = r();
      const cat = x < 0.6 ? first : x < 0.9 ? second : categories[Math.floor(r() * categories.length)]!;
      const cart: string[] = [];
      const browse = (c: string, n: number) => {
        const pool = byCat.get(c)!;
        const seen = new Set<string>();
        for (let k = 0; k < n; k++) {
          const p = pickWeighted(
            r,
            pool.filter((i) => !seen.has(i.id)),
            (i) => appeal.get(i.id)! * (0.05 + fit(i)),
          );
          if (!p) break;
          seen.add(p.id);
          events.push({ name: 'shopper/page.viewed', ts: at(), data: { sessionKey: shopper.key, productId: p.id } });
          if (r() < 0.25 * fit(p)) {
            cart.push(p.id);
            events.push({
              name: 'shopper/cart.item_added',
              ts: at(),
              data: { sessionKey: shopper.key, productId: p.id },
            });
          }
        }
      };
      if (r() < 0.5)
        events.push({
          name: 'shopper/search.performed',
          ts: at(),
          data: { sessionKey: shopper.key, query: cat.toLowerCase() },
        });
      browse(cat, 2 + Math.floor(r() * 5));
      if (r() < 0.35) browse(complement.get(cat)!, 1 + Math.floor(r() * 3));
      if (cart.length && r() < 0.5)
        events.push({
          name: 'shopper/checkout.completed',
          ts: at(),
          data: { sessionKey: shopper.key, productIds: [...new Set(cart)] },
        });
    }
  }
  events.sort((a, b) => a.ts - b.ts);
  return { events, shoppers };
}
