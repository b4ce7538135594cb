// Policy arms: a risk-policy experiment serves each arm's policy version to the units the
// arm owns, through policyForUnit (the seam checkout risk and discount offers ask), logs
// exposure once per unit, is never served by decide(), and shipping its winner publishes
// that policy version (audited).
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { DEFAULT_POLICIES } from '@/server/modules/policies/policy-kinds';
import { createDraft, ensureDefaultPolicies, getPublishedPolicy } from '@/server/modules/policies/policy-versions';
import { newId } from '@/server/lib/ids';
import { assessCheckoutRisk } from '@/server/modules/risk/assess-checkout-risk';
import { startExperiment } from './change-status';
import { createExperiment } from './create-experiment';
import { forgetExposures } from './log-exposure';
import { policyForUnit } from './policy-arms';
import { getExperiment } from './read-experiments';
import { recordDecision } from './record-decision';
import { experimentServe, invalidateExperimentCache } from './running-experiments';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let v1: string;
let v2: string;
let discountDraft: string;

beforeAll(async () => {
  await ensureDefaultPolicies(db());
  v1 = (await db().policyVersion.findFirstOrThrow({ where: { kind: 'risk', status: 'published' } })).id;
  v2 = (await createDraft(db(), { kind: 'risk', body: { ...DEFAULT_POLICIES.risk, reviewThreshold: 30 }, note: 'looser', actor: 'analyst' })).id;
  discountDraft = (await createDraft(db(), { kind: 'discount', actor: 'analyst' })).id;
});

const create = (key: string, arms: { key: string; modelVersionId: string; allocation: number }[]) =>
  createExperiment(db(), {
    key,
    name: 'risk thresholds',
    hypothesis: 'A looser review threshold converts more without more refunds',
    policyKind: 'risk',
    layer: 'risk-policy',
    arms,
    primaryMetric: 'conversion_rate',
    guardrailMetrics: ['refund_rate'],
    baselineRate: 0.3,
    mde: 0.1,
    actor: 'merchant',
  });

describe('policy arms', () => {
  it('refuses an arm that is not a version of the experiment policy kind', async () => {
    await expect(
      create('risk-bad', [
        { key: 'control', modelVersionId: v1, allocation: 50 },
        { key: 'treatment', modelVersionId: discountDraft, allocation: 50 },
      ]),
    ).rejects.toMatchObject({ code: 'INVALID', message: 'arm treatment: version is a discount policy, not risk' });
  });

  it('serves each unit its arm policy, logs exposure once, and ships the winner by publishing it', async () => {
    const { id } = await create('risk-thresholds', [
      { key: 'control', modelVersionId: v1, allocation: 50 },
      { key: 'treatment', modelVersionId: v2, allocation: 50 },
    ]);
    const e = await db().experiment.findUniqueOrThrow({ where: { id } });
    expect(e.kind).toBe('risk_score');
    await startExperiment(db(), { experimentId: id, actor: 'merchant' });
    invalidateExperimentCache();

    const units = Array.from({ length: 400 }, (_, i) => `sess_${i}`);
    const served = new Map<string, string>();
    for (const u of units) {
      const r = await policyForUnit(db(), 'risk', u);
      expect(r.experiment?.experimentId).toBe(id);
      expect(r.policy!.id).toBe(r.experiment!.arm === 'control' ? v1 : v2);
      served.set(u, r.experiment!.arm);
    }
    // The treatment arm really gets the other policy's body.
    const t = units.find((u) => served.get(u) === 'treatment')!;
    expect((await policyForUnit(db(), 'risk', t)).policy!.body.reviewThreshold).toBe(30);
    // Sticky, and exposure written once per unit even after the in-process memory is dropped.
    forgetExposures();
    for (const u of units.slice(0, 50)) expect((await policyForUnit(db(), 'risk', u)).experiment!.arm).toBe(served.get(u));
    const exposures = await db().experimentExposure.findMany({ where: { experimentId: id } });
    expect(exposures).toHaveLength(400);
    for (const x of exposures) expect(x.arm).toBe(served.get(x.unitKey));
    const treated = exposures.filter((x) => x.arm === 'treatment').length;
    expect(treated).toBeGreaterThan(160);
    expect(treated).toBeLessThan(240);

    // No session: the published policy. Other kinds and decide() are untouched.
    expect(await policyForUnit(db(), 'risk', null)).toMatchObject({ policy: { id: v1 }, experiment: null });
    expect((await policyForUnit(db(), 'discount', units[0])).experiment).toBeNull();
    expect(await experimentServe(db(), 'risk_score', units[0]!)).toBeNull();

    // Checkout risk asks the seam with the shopper's session: a new session in the treatment
    // arm is assessed under v2 and exposed by that assessment.
    let fresh = '';
    for (let i = 0; !fresh; i++) {
      const r = await policyForUnit(db(), 'risk', `checkout_${i}`);
      if (r.experiment?.arm === 'treatment') fresh = `checkout_${i}`;
    }
    await db().experimentExposure.deleteMany({ where: { experimentId: id, unitKey: fresh } });
    forgetExposures();
    const address = { country: 'US', postalCode: '94105', city: 'San Francisco', line1: '1 Market St' };
    const assessment = await assessCheckoutRisk(
      db(),
      {
        orderId: newId('ord'),
        email: 'buyer@example.com',
        ipAddress: null,
        cardFingerprint: null,
        totalCents: 5_000,
        currency: 'USD',
        lines: [],
        shippingAddress: address,
        billingAddress: null,
        placedAt: new Date(),
        sessionKey: fresh,
      },
      { requestId: null },
    );
    expect(assessment.policyVersion).toBe('risk-policy@v2');
    expect(await db().experimentExposure.findUnique({ where: { experimentId_unitKey: { experimentId: id, unitKey: fresh } } })).toMatchObject({ arm: 'treatment' });

    const view = await getExperiment(db(), id);
    expect(view.policyKind).toBe('risk');
    expect(view.arms.map((a) => a.versionLabel)).toEqual(['risk-policy@v1', 'risk-policy@v2']);

    // Ship the treatment: the experiment stops, is decided, and v2 is published (audited).
    const decided = await recordDecision(db(), { experimentId: id, arm: 'treatment', reason: 'fewer false reviews', actor: 'merchant' });
    expect(decided.ship).toMatchObject({ state: 'shipped', arm: 'treatment', versionLabel: 'risk-policy@v2', reached: 'published' });
    expect((await db().experiment.findUniqueOrThrow({ where: { id } })).status).toBe('decided');
    expect((await getPublishedPolicy(db(), 'risk'))?.id).toBe(v2);
    const actions = (await db().auditEvent.findMany({ where: { entityId: id }, orderBy: { seq: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['experiment.create', 'experiment.start', 'experiment.stop', 'experiment.decide', 'experiment.ship']);
    expect(await db().auditEvent.count({ where: { action: 'policy.publish', entityId: v2 } })).toBe(1);
    // After the decision the unit gets the (new) published policy, not an arm.
    invalidateExperimentCache();
    expect((await policyForUnit(db(), 'risk', units[0])).experiment).toBeNull();
  });
});
