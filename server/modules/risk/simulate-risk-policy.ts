// "What would this risk policy have done?" Replays the recorded assessments (risk_signals:
// score, amount, shipping country, email token) under a draft and under the published policy
// and counts the orders whose action would change. Email-domain and billing-country rules
// cannot be replayed (neither is stored), so the result says so.
import type { Db } from '@/server/db/client';
import { DEFAULT_POLICIES, type RiskPolicy } from '@/server/modules/policies/policy-kinds';
import { getPublishedPolicy, parsePolicyBody } from '@/server/modules/policies/policy-versions';
import { applyRiskPolicy } from './apply-risk-policy';
import type { RiskAction } from './assess-checkout-risk';

export type RiskSimulation = {
  orders: number;
  days: number;
  published: Record<RiskAction, number>;
  draft: Record<RiskAction, number>;
  /** e.g. { 'accept→review': 12 }: orders whose action the draft changes. */
  changes: Record<string, number>;
  notReplayed: string[];
};

export async function simulateRiskPolicy(
  db: Db,
  draftBody: unknown,
  opts: { days?: number; now?: Date } = {},
): Promise<RiskSimulation> {
  const draft = parsePolicyBody('risk', draftBody);
  const current: RiskPolicy = (await getPublishedPolicy(db, 'risk'))?.body ?? DEFAULT_POLICIES.risk;
  const days = opts.days ?? 30;
  const since = new Date((opts.now ?? new Date()).getTime() - days * 86_400_000);
  const signals = await db.riskSignal.findMany({
    where: { placedAt: { gte: since } },
    select: { score: true, emailToken: true, country: true, amountCents: true },
    take: 50_000,
    orderBy: { placedAt: 'desc' },
  });
  const zero = (): Record<RiskAction, number> => ({ accept: 0, review: 0, reject: 0 });
  const out: RiskSimulation = {
    orders: signals.length,
    days,
    published: zero(),
    draft: zero(),
    changes: {},
    notReplayed: ['email domain lists', 'billing country'],
  };
  for (const s of signals) {
    const facts = {
      score: s.score,
      emailToken: s.emailToken,
      emailDomain: '',
      shippingCountry: s.country,
      billingCountry: null,
      totalCents: s.amountCents,
      modelReasons: [],
    };
    const before = applyRiskPolicy(current, facts).action;
    const after = applyRiskPolicy(draft, facts).action;
    out.published[before] += 1;
    out.draft[after] += 1;
    if (before !== after) out.changes[`${before}→${after}`] = (out.changes[`${before}→${after}`] ?? 0) + 1;
  }
  return out;
}
