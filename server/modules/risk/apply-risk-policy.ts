// The merchant's risk policy turns a model score and the order's facts into an action, with
// plain-language reasons naming the rule that fired. Pure: tested without a database.
import type { RiskPolicy } from '@/server/modules/policies/policy-kinds';
import type { RiskAction } from './assess-checkout-risk';

export type RiskFacts = {
  score: number | null;
  emailToken: string;
  emailDomain: string;
  shippingCountry: string;
  billingCountry: string | null;
  totalCents: number;
  /** The model's own top reasons, appended when the score drives the action. */
  modelReasons: string[];
};

export type PolicyOutcome = { action: RiskAction; reasons: string[]; rules: string[] };

const money = (cents: number) =>
  `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function applyRiskPolicy(policy: RiskPolicy, f: RiskFacts): PolicyOutcome {
  const domain = f.emailDomain.toLowerCase();
  const countries = [f.shippingCountry, f.billingCountry].filter((c): c is string => !!c).map((c) => c.toUpperCase());
  const ship = f.shippingCountry.toUpperCase();
  const listHit = (l: RiskPolicy['allow'], name: string): { rule: string; reason: string } | null => {
    if (l.emails.includes(f.emailToken))
      return { rule: `${name}.email`, reason: `Email address is on the ${name} list` };
    if (l.emailDomains.includes(domain))
      return { rule: `${name}.email_domain`, reason: `Email domain ${domain} is on the ${name} list` };
    const c = countries.find((x) => l.countries.includes(x));
    if (c) return { rule: `${name}.country`, reason: `Country ${c} is on the ${name} list` };
    return null;
  };

  const blocked = listHit(policy.block, 'block');
  if (blocked) return { action: 'reject', reasons: [blocked.reason], rules: [blocked.rule] };
  const { reviewAboveCents, rejectAboveCents } = policy.amountLimits;
  if (rejectAboveCents !== null && f.totalCents > rejectAboveCents)
    return {
      action: 'reject',
      reasons: [`Order total ${money(f.totalCents)} is above the reject limit of ${money(rejectAboveCents)}`],
      rules: ['amount.reject'],
    };
  const amountReview =
    reviewAboveCents !== null && f.totalCents > reviewAboveCents
      ? `Order total ${money(f.totalCents)} is above the review limit of ${money(reviewAboveCents)}`
      : null;

  const allowed = listHit(policy.allow, 'allow');
  if (allowed) {
    if (amountReview)
      return { action: 'review', reasons: [amountReview, allowed.reason], rules: ['amount.review', allowed.rule] };
    return { action: 'accept', reasons: [allowed.reason], rules: [allowed.rule] };
  }
  if (policy.countryRules.reject.includes(ship))
    return {
      action: 'reject',
      reasons: [`Shipping country ${ship} is set to reject in the risk policy`],
      rules: ['country.reject'],
    };
  if (f.score !== null && f.score >= policy.rejectThreshold)
    return {
      action: 'reject',
      reasons: [
        `Risk score ${f.score} is at or above the reject threshold ${policy.rejectThreshold}`,
        ...f.modelReasons,
      ],
      rules: ['score.reject'],
    };

  const reasons: string[] = [];
  const rules: string[] = [];
  if (f.score === null) {
    reasons.push('Risk model unavailable: sent to manual review');
    rules.push('score.unavailable');
  }
  if (policy.countryRules.review.includes(ship)) {
    reasons.push(`Shipping country ${ship} is set to review in the risk policy`);
    rules.push('country.review');
  }
  if (amountReview) {
    reasons.push(amountReview);
    rules.push('amount.review');
  }
  if (f.score !== null && f.score >= policy.reviewThreshold) {
    reasons.push(
      `Risk score ${f.score} is at or above the review threshold ${policy.reviewThreshold}`,
      ...f.modelReasons,
    );
    rules.push('score.review');
  }
  if (rules.length) return { action: 'review', reasons, rules };
  return {
    action: 'accept',
    reasons: [`Risk score ${f.score} is below the review threshold ${policy.reviewThreshold}`],
    rules: ['score.accept'],
  };
}
