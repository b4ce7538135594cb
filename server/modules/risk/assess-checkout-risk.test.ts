import { beforeAll, describe, expect, it } from 'vitest';
import { flushDecisionLog } from '@/server/decisions/decision-log';
import { useTestDatabase } from '@/server/db/testing';
import { invalidateServingCache } from '@/server/modules/models/serving-versions';
import { DEFAULT_POLICIES } from '@/server/modules/policies/policy-kinds';
import { createDraft, ensureDefaultPolicies, publishPolicyVersion } from '@/server/modules/policies/policy-versions';
import { assessCheckoutRisk, type CheckoutRiskInput } from './assess-checkout-risk';
import { ensureRiskModel } from './ensure-risk-model';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let seq = 0;
const T0 = new Date('2026-11-20T14:00:00Z');

function order(patch: Partial<CheckoutRiskInput> = {}): CheckoutRiskInput {
  seq += 1;
  const address = { country: 'US', postalCode: '10001', city: 'New York', line1: '1 Main St' };
  return {
    orderId: `ord_test_${seq}`,
    email: `shopper${seq}@mail.example`,
    ipAddress: `10.0.${seq % 250}.${(seq * 7) % 250}`,
    cardFingerprint: `fp_${seq}`,
    totalCents: 8_000,
    currency: 'USD',
    lines: [
      {
        productId: 'prod_1',
        variantId: 'var_1',
        categoryPath: ['Décor & Pillows'],
        quantity: 1,
        unitPriceCents: 8_000,
      },
    ],
    shippingAddress: address,
    billingAddress: address,
    placedAt: T0,
    ...patch,
  };
}

describe('assessCheckoutRisk without a trained model', () => {
  it('sends the order to review through the built-in and the default policy', async () => {
    invalidateServingCache();
    const a = await assessCheckoutRisk(db(), order(), { requestId: 'req_1' });
    expect(a).toMatchObject({ action: 'review', score: null, policyVersion: 'risk-policy@default' });
    expect(a.reasons).toContain('Risk model unavailable: sent to manual review');
    expect(a.decision?.modelVersion).toBe('risk_score@builtin');
  });
});

describe('assessCheckoutRisk with the seeded model and policy', () => {
  beforeAll(async () => {
    const seeded = await ensureRiskModel(db());
    expect(seeded.created).toBe(true);
    expect((await ensureRiskModel(db())).created).toBe(false);
    expect((await ensureDefaultPolicies(db())).created).toEqual(['risk', 'discount']);
  }, 60_000);

  it('accepts a returning customer ordering as usual, with the policy and model versions', async () => {
    const email = 'regular@mail.example';
    const base = { email, ipAddress: '10.9.9.9', cardFingerprint: 'fp_regular' };
    for (let d = 10; d >= 2; d -= 4)
      await assessCheckoutRisk(db(), order({ ...base, placedAt: new Date(T0.getTime() - d * 86_400_000) }), {
        requestId: null,
      });
    const a = await assessCheckoutRisk(db(), order(base), { requestId: 'req_2' });
    expect(a.action).toBe('accept');
    expect(a.score).toBeLessThan(DEFAULT_POLICIES.risk.reviewThreshold);
    expect(a.policyVersion).toBe('risk-policy@v1');
    expect(a.decision?.modelVersion).toBe('checkout-risk@v1');
    expect(a.decision?.degraded).toBe(false);
  });

  it('catches card testing from one IP by velocity, naming it', async () => {
    const results = [];
    for (let k = 0; k < 8; k++) {
      results.push(
        await assessCheckoutRisk(
          db(),
          order({
            email: `bot${9_000_000 + k}@mail.example`,
            ipAddress: '203.0.113.7',
            totalCents: 900,
            lines: [{ productId: 'p', variantId: 'v', categoryPath: ['Lighting'], quantity: 1, unitPriceCents: 900 }],
            placedAt: new Date(T0.getTime() + k * 60_000),
          }),
          { requestId: null },
        ),
      );
    }
    const last = results.at(-1)!;
    expect(last.score!).toBeGreaterThan(results[0]!.score!);
    expect(last.action).not.toBe('accept');
    expect(last.reasons).toContain('Many orders from this IP address in the last hour');
  });

  it('applies the published policy: a newly published block list rejects, with the new version', async () => {
    const draft = await createDraft(db(), {
      kind: 'risk',
      body: { ...DEFAULT_POLICIES.risk, block: { emailDomains: ['fraud.example'], emails: [], countries: [] } },
      actor: 'analyst',
    });
    await publishPolicyVersion(db(), { id: draft.id, actor: 'owner' });
    const a = await assessCheckoutRisk(db(), order({ email: 'x@fraud.example' }), { requestId: null });
    expect(a).toMatchObject({ action: 'reject', policyVersion: 'risk-policy@v2', rules: ['block.email_domain'] });
  });

  it('stores only tokens: no raw email or IP in risk_signals or the decision log', async () => {
    await flushDecisionLog();
    const signals = await db().riskSignal.findMany();
    expect(signals.length).toBeGreaterThan(10);
    const dump = JSON.stringify(signals) + JSON.stringify(await db().decisionLog.findMany());
    expect(dump).not.toMatch(/@mail\.example|203\.0\.113\.7|10\.9\.9\.9|fp_regular/);
    expect(signals.every((s) => s.emailToken.startsWith('et_'))).toBe(true);
    const logged = await db().decisionLog.findFirst({
      where: { kind: 'risk_score', servedVersion: 'checkout-risk@v1' },
    });
    expect(logged?.policyVersion).toMatch(/^risk-policy@v/);
  });

  it('keeps one signal per order when an assessment is retried', async () => {
    const o = order();
    await assessCheckoutRisk(db(), o, { requestId: null });
    await assessCheckoutRisk(db(), o, { requestId: null });
    expect(await db().riskSignal.count({ where: { orderId: o.orderId } })).toBe(1);
  });
});
