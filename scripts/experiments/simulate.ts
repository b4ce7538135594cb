// Simulated shoppers for a running experiment, through the real HTTP doors only: each
// shopper gets a fresh session cookie, searches (GET /api/v1/search: decide() picks the
// arm and logs the exposure), may click a result (search.track), and converts with a
// probability that is `lift` higher on the treatment arm(s): add to cart (search.track +
// cart.add) and checkout (checkout.placeOrder, local payment provider). The arm a shopper
// saw is read from the served model version in the search response's telemetry, matched to
// the experiment's arms (experiments.get, signed in as staff). Prints a JSON last line with
// units and observed metrics per arm, and the console's own results (units, SRM, primary).
//
//   npm run experiments:simulate -- --experiment exp_… [--shoppers 200] [--lift 0.3]
//     [--base-conversion 0.2] [--seed 1] [--concurrency 4] [--base-url http://127.0.0.1:3000]
//   Staff credentials: CONSOLE_EMAIL / CONSOLE_PASSWORD (default: the seeded owner).
//
// `--preferences` (personalized ranking online, e.g. search.default vs search.personalized):
// no injected lift. Each shopper has a stable favourite category (one of those the catalog
// returns for their query) and first views three of its products (recs.track, so the
// storefront's own event log holds their history); then they search and scan the results
// top-down with position bias (they notice position p with probability 0.85^p), click the
// first noticed in-stock result of their favourite category, and buy it with
// --buy-rate (default 0.5). Whatever difference the arms show comes from the rankings.
import { pathToFileURL } from 'node:url';
import { seededRng, type Rng } from '@/server/modules/experiments/stats/rng';

export type SimulateOptions = {
  baseUrl: string;
  experimentId: string;
  staff: { email: string; password: string };
  shoppers?: number;
  /** Relative conversion lift of every non-control arm (0.3 = +30%). */
  lift?: number;
  /** Conversion probability of a control shopper. */
  baseConversion?: number;
  clickRate?: number;
  seed?: number;
  concurrency?: number;
  queries?: readonly string[];
  /** Shoppers with stable category preferences and no injected lift (see the header). */
  preferences?: boolean;
  /** Preferences mode: probability that a clicked favourite is bought. */
  buyRate?: number;
};

export type ArmObservation = {
  units: number;
  clicks: number;
  orders: number;
  revenueCents: number;
  conversion: number;
  revenuePerVisitor: number;
  /** Clicks per shopper. */
  ctr: number;
  /** Preferences mode: mean 1-based position of the clicked favourite. */
  meanClickPosition: number | null;
};

export type SimulateReport = {
  experimentId: string;
  shoppers: number;
  lift: number;
  mode: 'lift' | 'preferences';
  arms: Record<string, ArmObservation>;
  /** Shoppers no arm served (holdout, outside the experiment's traffic) or whose order failed. */
  unassigned: number;
  failures: number;
  /** Checkout outcomes (placed, in_review, rejected, payment_declined …) by count. */
  outcomes: Record<string, number>;
  console: {
    units: Record<string, number>;
    srm: { pValue: number; mismatch: boolean };
    primary: { metric: string; arm: string; controlMean: number; armMean: number; relative: number; alwaysValidPValue: number } | null;
  };
};

const QUERIES = ['chair', 'table', 'sofa', 'lamp', 'desk', 'bed', 'rug', 'shelf'];

export class Http {
  constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
    private readonly ip: string,
  ) {}

  private headers(json = false): Record<string, string> {
    // Origin: cookie-authenticated mutations must say where they come from (CSRF check).
    return { cookie: this.cookie, origin: this.baseUrl, 'x-forwarded-for': this.ip, ...(json ? { 'content-type': 'application/json' } : {}) };
  }

  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: this.headers() });
    if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${(await res.text()).slice(0, 300)}`);
    return (await res.json()) as T;
  }

  async query<T>(proc: string, input: unknown): Promise<T> {
    const q = encodeURIComponent(JSON.stringify({ json: input }));
    const body = await this.get<{ result: { data: { json: T } } }>(`/api/trpc/${proc}?input=${q}`);
    return body.result.data.json;
  }

  async mutate<T>(proc: string, input: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/trpc/${proc}`, {
      method: 'POST',
      headers: this.headers(true),
      body: JSON.stringify({ json: input }),
    });
    if (!res.ok) throw new Error(`${proc} → ${res.status} ${(await res.text()).slice(0, 300)}`);
    return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
  }
}

/** A fresh visitor key in the storefront's format (v_ + 26 Crockford base32 characters). */
function sessionKey(rng: Rng): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return `v_${Array.from({ length: 26 }, () => alphabet[Math.floor(rng.uniform() * 32)]).join('')}`;
}

/** A distinct Luhn-valid card the local provider authorises (4242 prefix, never a decline card). */
function card(rng: Rng): string {
  const digits = [4, 2, 4, 2, ...Array.from({ length: 11 }, () => Math.floor(rng.uniform() * 10))];
  const sum = digits
    .slice()
    .reverse()
    .reduce((acc, d, i) => acc + (i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return [...digits, (10 - (sum % 10)) % 10].join('');
}

const letters = (rng: Rng, n: number) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rng.uniform() * 26)]).join('');

const ip = (rng: Rng) => `10.${1 + Math.floor(rng.uniform() * 250)}.${1 + Math.floor(rng.uniform() * 250)}.${1 + Math.floor(rng.uniform() * 250)}`;

export async function signInStaff(baseUrl: string, staff: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify(staff),
  });
  if (!res.ok) throw new Error(`staff sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('luma_staff='));
  if (!cookie) throw new Error('staff sign-in set no luma_staff cookie');
  return cookie.split(';')[0]!;
}

type Hit = { productId: string; slug: string; inStock: boolean; position: number; category: string | null };

/** How likely a shopper is to notice the result at 0-based position p. */
const NOTICE_DECAY = 0.85;
const VIEWS_BEFORE_SEARCH = 3;
type SearchBody = { query: string; items: Hit[]; telemetry: { modelVersion: string; requestId: string | null } };

export async function simulateTraffic(opts: SimulateOptions): Promise<SimulateReport> {
  const shoppers = opts.shoppers ?? 200;
  const lift = opts.lift ?? 0.3;
  const base = opts.baseConversion ?? 0.2;
  const clickRate = opts.clickRate ?? 0.6;
  const queries = opts.queries ?? QUERIES;
  const rng = seededRng(opts.seed ?? 1);
  const staff = new Http(opts.baseUrl, await signInStaff(opts.baseUrl, opts.staff), '127.0.0.2');
  const experiment = await staff.query<{ status: string; arms: { key: string; versionLabel: string }[] }>('experiments.get', {
    experimentId: opts.experimentId,
  });
  if (experiment.status !== 'running') throw new Error(`experiment ${opts.experimentId} is ${experiment.status}, not running`);
  const armOf = new Map(experiment.arms.map((a) => [a.versionLabel, a.key]));
  const control = experiment.arms[0]!.key;
  const arms: Record<string, ArmObservation> = Object.fromEntries(
    experiment.arms.map((a) => [
      a.key,
      { units: 0, clicks: 0, orders: 0, revenueCents: 0, conversion: 0, revenuePerVisitor: 0, ctr: 0, meanClickPosition: null },
    ]),
  );
  let unassigned = 0;
  let failures = 0;
  const outcomes: Record<string, number> = {};
  const clickPositions: Record<string, number[]> = {};
  const buyRate = opts.buyRate ?? 0.5;
  // Preferences mode: what the catalog holds for each query (the console's product finder,
  // which reads search without a decision, so it adds no units to the experiment).
  const catalogFor = new Map<string, { id: string; category: string | null; inStock: boolean }[]>();
  if (opts.preferences)
    for (const q of queries)
      catalogFor.set(q, await staff.query('recs.findProducts', { q, limit: 20 }));

  // Every random draw happens up front, in order, so a seed reproduces the same shoppers
  // whatever the concurrency.
  const plans = Array.from({ length: shoppers }, () => ({
    sid: sessionKey(rng),
    ip: ip(rng),
    card: card(rng),
    // Letters only: digit-heavy addresses are a fraud signal the risk model rightly acts on.
    email: `${letters(rng, 10)}.${letters(rng, 6)}@shoppers.example`,
    query: queries[Math.floor(rng.uniform() * queries.length)]!,
    click: rng.uniform(),
    convert: rng.uniform(),
    favourite: rng.uniform(),
    notice: Array.from({ length: 24 }, () => rng.uniform()),
  }));

  async function shop(plan: (typeof plans)[number]) {
    const http = new Http(opts.baseUrl, `luma_sid=${plan.sid}`, plan.ip);
    let favourite: string | null = null;
    if (opts.preferences) {
      const products = catalogFor.get(plan.query) ?? [];
      const categories = [...new Set(products.map((p) => p.category).filter((c): c is string => c !== null))].sort();
      if (!categories.length) return;
      favourite = categories[Math.floor(plan.favourite * categories.length)]!;
      const seen = products.filter((p) => p.category === favourite).slice(0, VIEWS_BEFORE_SEARCH);
      await http.mutate('recs.track', {
        events: seen.map((p, i) => ({ id: `sim_view_${plan.sid}_${i}`, type: 'view', productId: p.id })),
      });
    }
    const result = await http.get<SearchBody>(`/api/v1/search?q=${encodeURIComponent(plan.query)}`);
    const arm = armOf.get(result.telemetry.modelVersion);
    if (!arm) {
      unassigned += 1;
      return;
    }
    const obs = arms[arm]!;
    obs.units += 1;
    let hit: Hit | undefined;
    let converts: boolean;
    if (opts.preferences) {
      hit = result.items.find((h, i) => h.inStock && h.category === favourite && plan.notice[i % 24]! < NOTICE_DECAY ** i);
      if (!hit) return;
      (clickPositions[arm] ??= []).push(hit.position);
      converts = plan.convert < buyRate;
    } else {
      hit = result.items.find((h) => h.inStock);
      if (!hit) return;
      const p = arm === control ? base : base * (1 + lift);
      converts = plan.convert < p;
      if (!converts && plan.click >= clickRate) return;
    }
    const chosen = hit;
    const track = (type: 'click' | 'add_to_cart') =>
      http.mutate('search.track', { type, productId: chosen.productId, position: chosen.position, query: result.query, requestId: result.telemetry.requestId ?? undefined });
    await track('click');
    obs.clicks += 1;
    if (!converts) return;
    const product = await http.query<{ variants: { id: string; stockOnHand?: number; available?: number }[] }>('catalog.product', { slug: chosen.slug });
    const variant = product.variants.find((v) => (v.stockOnHand ?? 1) > 0);
    if (!variant) return;
    await track('add_to_cart');
    await http.mutate('cart.add', { variantId: variant.id, quantity: 1 });
    const placed = await http.mutate<{ outcome: string; order: { totalCents: number } }>('checkout.placeOrder', {
      email: plan.email,
      shippingAddress: { name: 'Sim Shopper', line1: '1 Test Street', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' },
      paymentMethod: plan.card,
      idempotencyKey: `sim:${plan.sid}`,
    });
    outcomes[placed.outcome] = (outcomes[placed.outcome] ?? 0) + 1;
    if (placed.outcome === 'placed') {
      obs.orders += 1;
      obs.revenueCents += placed.order.totalCents;
    }
  }

  let next = 0;
  const worker = async () => {
    while (next < plans.length) {
      const plan = plans[next++]!;
      try {
        await shop(plan);
      } catch (err) {
        failures += 1;
        if (failures <= 3) console.error(`shopper ${plan.sid}: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker));

  for (const [key, o] of Object.entries(arms)) {
    o.conversion = o.units ? o.orders / o.units : 0;
    o.ctr = o.units ? o.clicks / o.units : 0;
    o.revenuePerVisitor = o.units ? Math.round(o.revenueCents / o.units) : 0;
    const positions = clickPositions[key] ?? [];
    o.meanClickPosition = positions.length ? positions.reduce((a, b) => a + b, 0) / positions.length : null;
  }
  const results = await staff.query<{
    units: Record<string, number>;
    srm: { pValue: number; mismatch: boolean };
    comparisons: { metric: string; role: string; arm: string; controlMean: number; armMean: number; relative: number; alwaysValidPValue: number }[];
  }>('experiments.results', { experimentId: opts.experimentId });
  const primary = results.comparisons.find((c) => c.role === 'primary') ?? null;
  return {
    experimentId: opts.experimentId,
    shoppers,
    lift: opts.preferences ? 0 : lift,
    mode: opts.preferences ? 'preferences' : 'lift',
    arms,
    unassigned,
    failures,
    outcomes,
    console: {
      units: results.units,
      srm: { pValue: results.srm.pValue, mismatch: results.srm.mismatch },
      primary: primary && {
        metric: primary.metric,
        arm: primary.arm,
        controlMean: primary.controlMean,
        armMean: primary.armMean,
        relative: primary.relative,
        alwaysValidPValue: primary.alwaysValidPValue,
      },
    },
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const experimentId = arg('experiment');
  if (!experimentId) {
    console.error('usage: npm run experiments:simulate -- --experiment <id> [--shoppers 200] [--lift 0.3] [--base-url http://127.0.0.1:3000]');
    process.exit(2);
  }
  const num = (name: string, fallback: number) => {
    const v = arg(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${v}`);
    return n;
  };
  const report = await simulateTraffic({
    baseUrl: arg('base-url') ?? process.env.BASE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`,
    experimentId,
    staff: { email: process.env.CONSOLE_EMAIL ?? 'owner@luma.example', password: process.env.CONSOLE_PASSWORD ?? process.env.CONSOLE_OWNER_PASSWORD ?? '' },
    shoppers: num('shoppers', 200),
    lift: num('lift', 0.3),
    baseConversion: num('base-conversion', 0.2),
    seed: num('seed', 1),
    concurrency: num('concurrency', 4),
    preferences: process.argv.includes('--preferences'),
    buyRate: num('buy-rate', 0.5),
  });
  for (const [arm, o] of Object.entries(report.arms))
    console.log(
      `${arm}: ${o.units} shoppers, CTR ${(o.ctr * 100).toFixed(1)}%, ${o.orders} orders, conversion ${(o.conversion * 100).toFixed(1)}%, revenue/visitor ${(o.revenuePerVisitor / 100).toFixed(2)}` +
        (o.meanClickPosition !== null ? `, mean click position ${o.meanClickPosition.toFixed(2)}` : ''),
    );
  console.log(JSON.stringify(report));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
