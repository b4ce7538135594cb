// The fraud simulator: a seeded, documented generator of labelled checkout orders. Legit
// shoppers and fraudsters follow the patterns below, so every order's label (fraud or not)
// and the pattern that produced it are known ground truth.
//
// Legit (label 0)
//   returning   — a pool of customers with a home country, postal code, 1–2 IPs, one card and a
//                 personal spend level; they reorder over the month. 10% gifts ship to another
//                 postal code, 2% travel abroad, 8% shop at night, some emails carry digits.
//   newcomer    — a first order of ordinary value (a few are large furniture orders).
// Fraud (label 1)
//   card_testing  — one IP fires 5–15 small orders within ~30 minutes, each with a new
//                   machine-looking email and mostly new cards.
//   stolen_card   — a first order of high value, often easy-to-resell goods, billing country or
//                   address unlike the shipping one, often at night, many units.
//   takeover      — a known customer's email from a new IP and card, 3–10× their usual spend,
//                   often shipping to a country they never used.
//   ring          — one card and one IP shared by 3–6 emails over a day, mid–high values.
//   lookalike     — fraud that looks like a legit first order (the irreducible error).
import { createRng, type Rng } from './prng';
import type { RiskHistory, RiskOrder } from './features';

export type FraudPattern = 'card_testing' | 'stolen_card' | 'takeover' | 'ring' | 'lookalike';
export type LegitPattern = 'returning' | 'newcomer';

export type SimulatedOrder = RiskOrder & {
  id: string;
  ip: string;
  card: string | null;
  label: 0 | 1;
  pattern: FraudPattern | LegitPattern;
};

export type SimulatorOptions = { seed?: number; days?: number; customers?: number; fraudEvents?: number };

const COUNTRIES = ['US', 'US', 'US', 'US', 'US', 'US', 'US', 'CA', 'GB', 'DE', 'AU'] as const;
const FOREIGN = ['NG', 'RU', 'BR', 'ID', 'VN', 'RO', 'PH'] as const;
/** Top-level categories with a typical unit price (cents) and a popularity weight. */
const CATEGORIES: { name: string; price: number; weight: number }[] = [
  { name: 'Furniture', price: 32_000, weight: 25 },
  { name: 'Décor & Pillows', price: 4_500, weight: 15 },
  { name: 'Home Improvement', price: 9_000, weight: 12 },
  { name: 'Outdoor', price: 18_000, weight: 10 },
  { name: 'Kitchen & Tabletop', price: 5_000, weight: 10 },
  { name: 'Storage & Organization', price: 6_000, weight: 8 },
  { name: 'Bed & Bath', price: 7_000, weight: 6 },
  { name: 'Rugs', price: 15_000, weight: 4 },
  { name: 'Lighting', price: 12_000, weight: 5 },
  { name: 'Appliances', price: 45_000, weight: 2 },
  { name: 'Commercial Business Furniture', price: 60_000, weight: 1 },
  { name: 'Contractor', price: 25_000, weight: 1 },
];
const RISKY = ['Lighting', 'Appliances', 'Commercial Business Furniture', 'Contractor'];
const NAMES = [
  'ann',
  'bob',
  'carla',
  'dev',
  'emma',
  'farid',
  'greta',
  'hugo',
  'ines',
  'jon',
  'kira',
  'liam',
  'maya',
  'noor',
];
const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'proton.me', 'fastmail.com'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 9, 1);

type Customer = { email: string; country: string; postal: string; ips: string[]; card: string; spend: number };

export function simulateOrders(opts: SimulatorOptions = {}): SimulatedOrder[] {
  const rng = createRng(opts.seed ?? 7);
  const days = opts.days ?? 30;
  const span = days * DAY;
  const out: Omit<SimulatedOrder, 'id'>[] = [];
  let seq = 0;
  const uid = (p: string) => `${p}${(seq++).toString(36)}`;
  const postal = () => String(rng.int(10_000, 99_999));
  const ip = () => `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  const humanEmail = () =>
    `${rng.pick(NAMES)}.${rng.pick(NAMES)}${rng.chance(0.2) ? rng.int(1, 99) : rng.chance(0.1) ? rng.int(1950, 2009) : ''}${uid('')}@${rng.pick(DOMAINS)}`;
  const botEmail = () => `${rng.pick(NAMES)}${rng.int(10_000, 99_999_999)}@${rng.pick(DOMAINS)}`;
  const dayTime = (t: number) => {
    // Legit shoppers mostly buy between 8:00 and 23:00 UTC; 8% at night.
    const day = Math.floor(t / DAY) * DAY;
    const hour = rng.chance(0.08) ? rng.int(0, 6) : rng.int(8, 23);
    return day + hour * HOUR + rng.int(0, HOUR - 1);
  };
  const lines = (target: number, riskyBias: number, maxQty = 2) => {
    const n = rng.int(1, 3);
    const result: RiskOrder['lines'] = [];
    for (let i = 0; i < n; i++) {
      const riskyName = rng.chance(riskyBias) ? rng.pick(RISKY) : null;
      const cat = riskyName ? CATEGORIES.find((c) => c.name === riskyName)! : weighted(rng);
      const qty = rng.int(1, maxQty);
      const unit = Math.max(199, Math.round(target / n / qty));
      result.push({ categoryPath: [cat.name, 'Sub'], quantity: qty, unitPriceCents: unit });
    }
    return result;
  };
  const push = (o: Omit<SimulatedOrder, 'id' | 'totalCents'>) =>
    out.push({ ...o, totalCents: o.lines.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0) });

  // Legit returning customers.
  const customers: Customer[] = [];
  for (let i = 0; i < (opts.customers ?? 2_500); i++) {
    customers.push({
      email: humanEmail(),
      country: rng.pick(COUNTRIES),
      postal: postal(),
      ips: rng.chance(0.4) ? [ip(), ip()] : [ip()],
      card: uid('card'),
      spend: rng.logNormal(9_000, 0.7),
    });
  }
  // Households and offices: 12% of customers share an IP with 1–3 others (legit IP reuse).
  for (let i = 0; i + 3 < customers.length; i += 4) {
    if (!rng.chance(0.12)) continue;
    const shared = ip();
    for (let k = 0; k < rng.int(2, 4); k++) customers[i + k]!.ips.push(shared);
  }
  for (const c of customers) {
    const orders = rng.int(1, 9);
    for (let k = 0; k < orders; k++) {
      const t = dayTime(START + rng.next() * span);
      const travel = rng.chance(0.02);
      const gift = rng.chance(0.1);
      const ship = travel ? rng.pick(COUNTRIES) : c.country;
      push({
        email: c.email,
        ip: rng.pick(c.ips),
        card: rng.chance(0.97) ? c.card : null,
        lines: lines(rng.logNormal(c.spend, 0.5), 0.05),
        shippingCountry: ship,
        shippingPostalCode: gift || travel ? postal() : c.postal,
        billingCountry: c.country,
        billingPostalCode: c.postal,
        hasCard: true,
        hasIp: true,
        placedAt: new Date(t),
        label: 0,
        pattern: 'returning',
      });
    }
  }
  // Legit newcomers: a single first order.
  for (let i = 0; i < 4_000; i++) {
    const country = rng.pick(COUNTRIES);
    const pc = postal();
    const big = rng.chance(0.08);
    push({
      email: humanEmail(),
      ip: ip(),
      card: uid('card'),
      lines: lines(big ? rng.logNormal(70_000, 0.5) : rng.logNormal(8_000, 0.8), big ? 0.3 : 0.06),
      shippingCountry: country,
      shippingPostalCode: rng.chance(0.1) ? postal() : pc,
      billingCountry: rng.chance(0.02) ? rng.pick(COUNTRIES) : country,
      billingPostalCode: pc,
      hasCard: true,
      hasIp: true,
      placedAt: new Date(dayTime(START + rng.next() * span)),
      label: 0,
      pattern: 'newcomer',
    });
  }

  // Fraud.
  const events = opts.fraudEvents ?? 420;
  for (let e = 0; e < events; e++) {
    const t0 = START + rng.next() * span;
    const roll = rng.next();
    if (roll < 0.13) {
      const burstIp = ip();
      const shared = uid('card');
      const n = rng.int(5, 15);
      for (let k = 0; k < n; k++) {
        const country = rng.pick(COUNTRIES);
        const pc = postal();
        push({
          email: botEmail(),
          ip: burstIp,
          card: rng.chance(0.3) ? shared : uid('card'),
          lines: lines(rng.int(300, 3_000), 0.2, 1),
          shippingCountry: country,
          shippingPostalCode: pc,
          billingCountry: country,
          billingPostalCode: rng.chance(0.5) ? postal() : pc,
          hasCard: true,
          hasIp: true,
          placedAt: new Date(t0 + k * rng.int(30_000, 240_000)),
          label: 1,
          pattern: 'card_testing',
        });
      }
    } else if (roll < 0.43) {
      const ship = rng.chance(0.25) ? rng.pick(FOREIGN) : rng.pick(COUNTRIES);
      const hour = rng.chance(0.35) ? rng.int(1, 5) : rng.int(8, 23);
      const shipPostal = postal();
      push({
        email: rng.chance(0.45) ? botEmail() : humanEmail(),
        ip: ip(),
        card: uid('card'),
        lines: lines(rng.logNormal(60_000, 0.8), 0.5, 3),
        shippingCountry: ship,
        shippingPostalCode: shipPostal,
        billingCountry: rng.chance(0.35) ? rng.pick(COUNTRIES) : ship,
        billingPostalCode: rng.chance(0.6) ? postal() : shipPostal,
        hasCard: rng.chance(0.9),
        hasIp: true,
        placedAt: new Date(Math.floor(t0 / DAY) * DAY + hour * HOUR + rng.int(0, HOUR - 1)),
        label: 1,
        pattern: 'stolen_card',
      });
    } else if (roll < 0.58) {
      const victim = rng.pick(customers);
      const ship = rng.chance(0.5) ? rng.pick(FOREIGN) : victim.country;
      push({
        email: victim.email,
        ip: ip(),
        card: rng.chance(0.5) ? uid('card') : victim.card,
        lines: lines(victim.spend * rng.int(3, 10), 0.4, 3),
        shippingCountry: ship,
        shippingPostalCode: postal(),
        billingCountry: victim.country,
        billingPostalCode: victim.postal,
        hasCard: true,
        hasIp: true,
        placedAt: new Date(t0),
        label: 1,
        pattern: 'takeover',
      });
    } else if (roll < 0.72) {
      const ringIp = ip();
      const ringCard = uid('card');
      const n = rng.int(3, 6);
      for (let k = 0; k < n; k++) {
        const country = rng.pick(COUNTRIES);
        push({
          email: rng.chance(0.5) ? botEmail() : humanEmail(),
          ip: rng.chance(0.8) ? ringIp : ip(),
          card: ringCard,
          lines: lines(rng.logNormal(40_000, 0.6), 0.5, 2),
          shippingCountry: country,
          shippingPostalCode: postal(),
          billingCountry: country,
          billingPostalCode: postal(),
          hasCard: true,
          hasIp: true,
          placedAt: new Date(t0 + k * rng.int(HOUR / 2, 4 * HOUR)),
          label: 1,
          pattern: 'ring',
        });
      }
    } else {
      const country = rng.pick(COUNTRIES);
      const pc = postal();
      push({
        email: humanEmail(),
        ip: ip(),
        card: uid('card'),
        lines: lines(rng.logNormal(15_000, 0.7), 0.15),
        shippingCountry: country,
        shippingPostalCode: rng.chance(0.3) ? postal() : pc,
        billingCountry: country,
        billingPostalCode: pc,
        hasCard: true,
        hasIp: true,
        placedAt: new Date(dayTime(t0)),
        label: 1,
        pattern: 'lookalike',
      });
    }
  }
  out.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
  return out.map((o, i) => ({ ...o, id: `sim_${i}` }));
}

function weighted(rng: Rng) {
  const total = CATEGORIES.reduce((s, c) => s + c.weight, 0);
  let r = rng.next() * total;
  for (const c of CATEGORIES) {
    r -= c.weight;
    if (r <= 0) return c;
  }
  return CATEGORIES[0]!;
}

/**
 * Identity history over a time-ordered stream, with the same windows and semantics as the
 * SQL over risk_signals (server/modules/risk/risk-history.ts): strictly earlier orders only.
 */
export function streamHistories(orders: SimulatedOrder[]): RiskHistory[] {
  const byEmail = new Map<string, { t: number; amount: number; country: string }[]>();
  const byIp = new Map<string, { t: number; email: string }[]>();
  const byCard = new Map<string, { t: number; email: string }[]>();
  return orders.map((o) => {
    const t = o.placedAt.getTime();
    const em = byEmail.get(o.email) ?? [];
    const ipList = o.hasIp ? (byIp.get(o.ip) ?? []) : [];
    const cardList = o.card && o.hasCard ? (byCard.get(o.card) ?? []) : [];
    const h: RiskHistory = {
      emailOrders: em.length,
      emailMeanCents: em.length ? em.reduce((s, x) => s + x.amount, 0) / em.length : null,
      emailOrders24h: em.filter((x) => t - x.t <= DAY).length,
      ipOrders1h: ipList.filter((x) => t - x.t <= HOUR).length,
      ipEmails24h: new Set(ipList.filter((x) => t - x.t <= DAY && x.email !== o.email).map((x) => x.email)).size,
      cardOrders1h: cardList.filter((x) => t - x.t <= HOUR).length,
      cardEmails24h: new Set(cardList.filter((x) => t - x.t <= DAY && x.email !== o.email).map((x) => x.email)).size,
      emailNewCountry: em.length > 0 && !em.some((x) => x.country === o.shippingCountry),
    };
    em.push({ t, amount: o.totalCents, country: o.shippingCountry });
    byEmail.set(o.email, em);
    if (o.hasIp) {
      ipList.push({ t, email: o.email });
      byIp.set(o.ip, ipList);
    }
    if (o.card && o.hasCard) {
      cardList.push({ t, email: o.email });
      byCard.set(o.card, cardList);
    }
    return h;
  });
}
