// Business KPIs per model version, joined from what happened after each decision:
//   search_ranking  click-through and add-to-cart of the searches it ranked (request id → search events)
//   risk_score      approval / review / decline rates of the orders it scored (decision id → order)
//   discount_offer  offer rate, acceptance and discount cost (decision id → discount offer)
//   recommendation  click-through, add-to-cart (decision id → shopper events) and revenue per
//                   visitor (subject = session key → orders placed after the first recommendation)
// Decisions are attributed to the version they were assigned to (intent to treat), over a
// window and per time bucket for the charts. The owning modules' read functions do the joins.
import type { Db } from '@/server/db/client';
import { eventCountsByDecision } from '@/server/modules/events/events-by-decision';
import { ordersOfSessions, riskActionsByDecision } from '@/server/modules/checkout/order-outcomes';
import { offerOutcomesByDecision } from '@/server/modules/pricing/offer-outcomes';
import type { ModelKindName } from '@/server/modules/models/model-kinds';
import { interactionsByRequest } from '@/server/modules/search/search-events';

/** The KPI a guardrail watches for each kind; all are rates where higher is better. */
export const PRIMARY_KPI: Record<ModelKindName, { key: string; label: string; denominator: string }> = {
  search_ranking: { key: 'ctr', label: 'click-through', denominator: 'searches' },
  risk_score: { key: 'approvalRate', label: 'approval rate', denominator: 'orders' },
  discount_offer: { key: 'acceptanceRate', label: 'offer acceptance', denominator: 'offers' },
  recommendation: { key: 'ctr', label: 'click-through', denominator: 'served' },
};

/** Counts per decision, summed per version; rates are derived from the sums. */
type Counts = Record<string, number>;

export type VersionKpi = {
  modelVersionId: string | null;
  modelVersion: string;
  decisions: number;
  counts: Counts;
  rates: Record<string, number>;
  /** The primary KPI's value and the sample it rests on. */
  primary: { key: string; value: number; sample: number };
};

export type KpiPoint = { bucket: string; modelVersion: string; sample: number; rates: Record<string, number> };

type DecisionRef = {
  id: string;
  requestId: string | null;
  subjectKey: string;
  modelVersionId: string | null;
  modelVersion: string;
  createdAt: Date;
};

const MAX_DECISIONS = 20_000;
const ORDER_ATTRIBUTION_MS = 24 * 60 * 60_000;

export async function businessKpis(
  db: Db,
  kind: ModelKindName,
  window: { since: Date; until?: Date; modelVersionId?: string; bucketMinutes?: number },
): Promise<{ versions: VersionKpi[]; series: KpiPoint[] }> {
  const until = window.until ?? new Date(Date.now() + 1000);
  const decisions: DecisionRef[] = await db.decisionLog.findMany({
    where: {
      kind,
      createdAt: { gte: window.since, lt: until },
      modelVersionId: window.modelVersionId,
      // Rejected input never reached a shopper as an answer.
      OR: [{ errorClass: null }, { errorClass: { not: 'validation' } }],
    },
    select: { id: true, requestId: true, subjectKey: true, modelVersionId: true, modelVersion: true, createdAt: true },
    orderBy: { createdAt: 'desc' },
    take: MAX_DECISIONS,
  });
  const outcome = await OUTCOMES[kind](db, decisions, { since: window.since, until });
  const byVersion = new Map<string, { id: string | null; label: string; n: number; counts: Counts }>();
  const byBucket = new Map<string, { bucket: string; label: string; counts: Counts }>();
  const bucketMs = (window.bucketMinutes ?? 60) * 60_000;
  for (const d of decisions) {
    const counts = outcome.get(d.id);
    const v = byVersion.get(d.modelVersion) ?? { id: d.modelVersionId, label: d.modelVersion, n: 0, counts: {} };
    v.n += 1;
    if (counts) add(v.counts, counts);
    byVersion.set(d.modelVersion, v);
    const bucket = new Date(Math.floor(d.createdAt.getTime() / bucketMs) * bucketMs).toISOString();
    const key = `${bucket}|${d.modelVersion}`;
    const b = byBucket.get(key) ?? { bucket, label: d.modelVersion, counts: {} };
    if (counts) add(b.counts, counts);
    byBucket.set(key, b);
  }
  const primary = PRIMARY_KPI[kind];
  const versions = [...byVersion.values()]
    .map((v) => {
      const rates = RATES[kind](v.counts);
      return {
        modelVersionId: v.id,
        modelVersion: v.label,
        decisions: v.n,
        counts: v.counts,
        rates,
        primary: { key: primary.key, value: rates[primary.key] ?? 0, sample: v.counts[primary.denominator] ?? 0 },
      };
    })
    .sort((a, b) => a.modelVersion.localeCompare(b.modelVersion));
  const series = [...byBucket.values()]
    .map((b) => ({
      bucket: b.bucket,
      modelVersion: b.label,
      sample: b.counts[primary.denominator] ?? 0,
      rates: RATES[kind](b.counts),
    }))
    .sort((a, b) => a.bucket.localeCompare(b.bucket) || a.modelVersion.localeCompare(b.modelVersion));
  return { versions, series };
}

function add(into: Counts, from: Counts) {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

const ratio = (a: number | undefined, b: number | undefined) => (b ? (a ?? 0) / b : 0);

const RATES: Record<ModelKindName, (c: Counts) => Record<string, number>> = {
  search_ranking: (c) => ({ ctr: ratio(c.clicked, c.searches), addToCartRate: ratio(c.added, c.searches) }),
  risk_score: (c) => ({
    approvalRate: ratio(c.accepted, c.orders),
    reviewRate: ratio(c.reviewed, c.orders),
    declineRate: ratio(c.rejected, c.orders),
  }),
  discount_offer: (c) => ({
    offerRate: ratio(c.offers, c.decisions),
    acceptanceRate: ratio(c.redeemed, c.offers),
    // Cents of discount given away per decision (redeemed offers only).
    discountCostPerDecisionCents: ratio(c.discountCents, c.decisions),
  }),
  recommendation: (c) => ({
    ctr: ratio(c.clicked, c.served),
    addToCartRate: ratio(c.added, c.served),
    revenuePerVisitorCents: ratio(c.revenueCents, c.visitors),
  }),
};

type Outcomes = (db: Db, d: DecisionRef[], w: { since: Date; until: Date }) => Promise<Map<string, Counts>>;

const OUTCOMES: Record<ModelKindName, Outcomes> = {
  async search_ranking(db, decisions) {
    const withRequest = decisions.filter((d) => d.requestId);
    const interactions = await interactionsByRequest(db, [...new Set(withRequest.map((d) => d.requestId!))]);
    // A search counts once for CTR however many results were clicked.
    return new Map(
      withRequest.map((d) => {
        const i = interactions.get(d.requestId!);
        return [d.id, { searches: 1, clicked: i?.clicks ? 1 : 0, added: i?.addToCarts ? 1 : 0 }];
      }),
    );
  },
  async risk_score(db, decisions) {
    const actions = await riskActionsByDecision(
      db,
      decisions.map((d) => d.id),
    );
    const out = new Map<string, Counts>();
    for (const [id, action] of actions)
      out.set(id, {
        orders: 1,
        accepted: action === 'accept' ? 1 : 0,
        reviewed: action === 'review' ? 1 : 0,
        rejected: action === 'reject' ? 1 : 0,
      });
    return out;
  },
  async discount_offer(db, decisions) {
    const offers = await offerOutcomesByDecision(
      db,
      decisions.map((d) => d.id),
    );
    return new Map(
      decisions.map((d) => {
        const o = offers.get(d.id);
        const redeemed = o?.status === 'redeemed' ? 1 : 0;
        return [d.id, { decisions: 1, offers: o ? 1 : 0, redeemed, discountCents: redeemed ? o!.amountCents : 0 }];
      }),
    );
  },
  async recommendation(db, decisions, w) {
    const events = await eventCountsByDecision(db, {
      names: ['shopper/product.clicked', 'shopper/cart.item_added'],
      decisionIds: decisions.map((d) => d.id),
      since: w.since,
    });
    const out = new Map<string, Counts>();
    for (const d of decisions) {
      const e = events.get(d.id);
      out.set(d.id, {
        served: 1,
        clicked: e?.get('shopper/product.clicked') ? 1 : 0,
        added: e?.get('shopper/cart.item_added') ? 1 : 0,
      });
    }
    // Revenue per visitor: a visitor (subject) counts once, on their first recommendation in
    // the window, with the orders they placed from then until a day after the window.
    const first = new Map<string, DecisionRef>();
    for (const d of decisions) {
      const f = first.get(d.subjectKey);
      if (!f || d.createdAt < f.createdAt) first.set(d.subjectKey, d);
    }
    const orders = await ordersOfSessions(db, [...first.keys()], {
      since: w.since,
      until: new Date(w.until.getTime() + ORDER_ATTRIBUTION_MS),
    });
    const revenue = new Map<string, number>();
    for (const o of orders) {
      const f = first.get(o.sessionKey);
      if (f && o.createdAt >= f.createdAt) revenue.set(o.sessionKey, (revenue.get(o.sessionKey) ?? 0) + o.totalCents);
    }
    for (const [subject, d] of first) {
      const c = out.get(d.id)!;
      c.visitors = 1;
      c.revenueCents = revenue.get(subject) ?? 0;
    }
    return out;
  },
};
