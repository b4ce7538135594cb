import { describe, expect, it } from 'vitest';
import { emailToken } from '@/server/lib/identity-token';
import { DEFAULT_POLICIES, type RiskPolicy } from '@/server/modules/policies/policy-kinds';
import { parsePolicyBody } from '@/server/modules/policies/policy-versions';
import { applyRiskPolicy, type RiskFacts } from './apply-risk-policy';

const policy = (patch: Partial<RiskPolicy> = {}): RiskPolicy =>
  parsePolicyBody('risk', {
    ...DEFAULT_POLICIES.risk,
    reviewThreshold: 30,
    rejectThreshold: 80,
    block: { emailDomains: ['bad.example'], emails: ['crook@shop.example'], countries: ['KP'] },
    allow: { emailDomains: ['trusted.example'], emails: [], countries: [] },
    amountLimits: { reviewAboveCents: 100_000, rejectAboveCents: 1_000_000 },
    countryRules: { review: ['BR'], reject: ['RU'] },
    ...patch,
  });

const facts = (patch: Partial<RiskFacts> = {}): RiskFacts => ({
  score: 10,
  emailToken: emailToken('ann@shop.example'),
  emailDomain: 'shop.example',
  shippingCountry: 'US',
  billingCountry: 'US',
  totalCents: 5_000,
  modelReasons: ['High order value'],
  ...patch,
});

describe('applyRiskPolicy', () => {
  it('maps the score to accept / review / reject at the thresholds', () => {
    expect(applyRiskPolicy(policy(), facts({ score: 29 })).action).toBe('accept');
    const review = applyRiskPolicy(policy(), facts({ score: 30 }));
    expect(review).toMatchObject({ action: 'review', rules: ['score.review'] });
    expect(review.reasons).toEqual(['Risk score 30 is at or above the review threshold 30', 'High order value']);
    expect(applyRiskPolicy(policy(), facts({ score: 79 })).action).toBe('review');
    expect(applyRiskPolicy(policy(), facts({ score: 80 }))).toMatchObject({
      action: 'reject',
      rules: ['score.reject'],
    });
  });

  it('rejects block-listed emails (stored as tokens), domains and countries whatever the score', () => {
    const p = policy();
    expect(p.block.emails[0]).toMatch(/^et_[0-9a-f]{32}$/);
    expect(JSON.stringify(p)).not.toContain('crook@');
    const byEmail = applyRiskPolicy(p, facts({ score: 0, emailToken: emailToken('Crook@Shop.example ') }));
    expect(byEmail).toMatchObject({
      action: 'reject',
      rules: ['block.email'],
      reasons: ['Email address is on the block list'],
    });
    expect(applyRiskPolicy(p, facts({ score: 0, emailDomain: 'BAD.example' }))).toMatchObject({
      action: 'reject',
      reasons: ['Email domain bad.example is on the block list'],
    });
    expect(applyRiskPolicy(p, facts({ score: 0, billingCountry: 'KP' })).reasons).toEqual([
      'Country KP is on the block list',
    ]);
    // Block wins over allow.
    expect(
      applyRiskPolicy(
        policy({ allow: { emailDomains: ['bad.example'], emails: [], countries: [] } }),
        facts({ emailDomain: 'bad.example' }),
      ).action,
    ).toBe('reject');
  });

  it('accepts allow-listed customers whatever the score, but amount limits still apply', () => {
    const p = policy();
    expect(applyRiskPolicy(p, facts({ score: 95, emailDomain: 'trusted.example' }))).toMatchObject({
      action: 'accept',
      rules: ['allow.email_domain'],
    });
    expect(applyRiskPolicy(p, facts({ score: 95, emailDomain: 'trusted.example', totalCents: 200_000 })).action).toBe(
      'review',
    );
    expect(applyRiskPolicy(p, facts({ score: 0, emailDomain: 'trusted.example', totalCents: 2_000_000 })).action).toBe(
      'reject',
    );
  });

  it('applies amount limits and country rules with reasons naming the rule', () => {
    const p = policy();
    expect(applyRiskPolicy(p, facts({ totalCents: 100_001 }))).toMatchObject({
      action: 'review',
      reasons: ['Order total $1,000.01 is above the review limit of $1,000.00'],
    });
    expect(applyRiskPolicy(p, facts({ totalCents: 100_000 })).action).toBe('accept');
    expect(applyRiskPolicy(p, facts({ totalCents: 1_000_001 })).rules).toEqual(['amount.reject']);
    expect(applyRiskPolicy(p, facts({ shippingCountry: 'br' }))).toMatchObject({
      action: 'review',
      reasons: ['Shipping country BR is set to review in the risk policy'],
    });
    expect(applyRiskPolicy(p, facts({ shippingCountry: 'RU' })).action).toBe('reject');
    // Several review rules are all named.
    expect(applyRiskPolicy(p, facts({ shippingCountry: 'BR', score: 50, totalCents: 200_000 })).rules).toEqual([
      'country.review',
      'amount.review',
      'score.review',
    ]);
  });

  it('sends an unscored order to review', () => {
    expect(applyRiskPolicy(policy(), facts({ score: null }))).toMatchObject({
      action: 'review',
      reasons: ['Risk model unavailable: sent to manual review'],
    });
  });

  it('refuses an invalid policy naming the field', () => {
    expect(() =>
      parsePolicyBody('risk', { ...DEFAULT_POLICIES.risk, reviewThreshold: 90, rejectThreshold: 80 }),
    ).toThrow(/rejectThreshold: the reject threshold must be above the review threshold/);
    expect(() =>
      parsePolicyBody('risk', { ...DEFAULT_POLICIES.risk, countryRules: { review: ['USA'], reject: [] } }),
    ).toThrow(/countryRules.review.0/);
  });
});
