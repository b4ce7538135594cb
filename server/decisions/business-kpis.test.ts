import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { evaluateGuardrails } from '@/server/modules/models/evaluate-guardrails';
import { rollbackVersion } from '@/server/modules/models/rollback-version';
import { makeModel, versionAt } from '@/server/modules/models/models.fixtures';
import { invalidateServingCache } from '@/server/modules/models/serving-versions';
import { businessKpis } from './business-kpis';
import { decide } from './decide';
import './decisions.fixtures';
import { flushDecisionLog } from './decision-log';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

async function order(
  d: Db,
  o: { riskDecisionId?: string; riskAction?: string; sessionKey?: string; totalCents?: number; status?: 'paid' | 'cancelled' },
) {
  const id = newId('ord');
  await d.order.create({
    data: {
      id,
      customerId: 'cus_test',
      email: 'x@example.com',
      status: o.status ?? 'paid',
      subtotalCents: o.totalCents ?? 1000,
      discountCents: 0,
      taxCents: 0,
      shippingCents: 0,
      totalCents: o.totalCents ?? 1000,
      shippingAddress: {},
      riskAction: o.riskAction ?? null,
      riskDecisionId: o.riskDecisionId ?? null,
      sessionKey: o.sessionKey ?? null,
    },
  });
  return id;
}

/** Production accepts 90% of the orders it scores; the canary only 40% (a broken model). */
async function riskTraffic(n: number, label: (i: number) => string) {
  const served = { production: 0, canary: 0 };
  for (let i = 0; i < n; i++) {
    const subject = `${label(i)}_${i}`;
    const d = await decide(db(), 'risk_score', subject, {});
    const arm = d.telemetry.arm === 'canary' ? 'canary' : 'production';
    const k = served[arm]++;
    const accept = arm === 'production' ? k % 10 !== 0 : k % 10 < 4;
    await order(db(), { riskDecisionId: d.telemetry.decisionId, riskAction: accept ? 'accept' : k % 2 ? 'review' : 'reject' });
  }
  await flushDecisionLog();
  return served;
}

describe('business KPIs per model version', () => {
  it('risk: approval, review and decline rates of the orders each version scored, per version and per bucket', async () => {
    invalidateServingCache();
    const model = await makeModel(db(), 'risk_score', { minKpiSample: 30, maxKpiDrop: 0.2, minDecisions: 1_000_000 });
    const prod = await versionAt(db(), { modelId: model.id, kind: 'risk_score', implementationKey: 'test.const', params: { value: 'p' }, stage: 'production' });
    const canary = await versionAt(db(), { modelId: model.id, kind: 'risk_score', implementationKey: 'test.const', params: { value: 'c' }, stage: 'canary', share: 50 });
    const served = await riskTraffic(200, () => 'ord_k');

    const since = new Date(Date.now() - 60 * 60_000);
    const { versions, series } = await businessKpis(db(), 'risk_score', { since, bucketMinutes: 60 });
    const p = versions.find((v) => v.modelVersionId === prod.id)!;
    const c = versions.find((v) => v.modelVersionId === canary.id)!;
    expect(p.decisions).toBe(served.production);
    expect(c.decisions).toBe(served.canary);
    const acceptedP = Array.from({ length: served.production }, (_, k) => k % 10 !== 0).filter(Boolean).length;
    const acceptedC = Array.from({ length: served.canary }, (_, k) => k % 10 < 4).filter(Boolean).length;
    expect(p.counts).toMatchObject({ orders: served.production, accepted: acceptedP });
    expect(p.rates.approvalRate).toBeCloseTo(acceptedP / served.production, 10);
    expect(c.rates.approvalRate).toBeCloseTo(acceptedC / served.canary, 10);
    expect(c.rates.approvalRate! + c.rates.reviewRate! + c.rates.declineRate!).toBeCloseTo(1, 10);
    expect(c.primary).toEqual({ key: 'approvalRate', value: c.rates.approvalRate, sample: served.canary });
    // One bucket per version (all traffic within the hour), matching the window totals.
    expect(series.filter((s) => s.modelVersion === c.modelVersion).reduce((n, s) => n + s.sample, 0)).toBe(served.canary);
    await rollbackVersion(db(), { versionId: canary.id, actor: 'test', reason: 'done' });
  });

  it('rolls the canary back when its approval rate falls beyond the threshold vs production, and records why', async () => {
    invalidateServingCache();
    // The operational guardrails are out of the way (minDecisions unreachable): only the KPI can break.
    const model = await makeModel(db(), 'risk_score', { minKpiSample: 30, maxKpiDrop: 0.2, minDecisions: 1_000_000 });
    await versionAt(db(), { modelId: model.id, kind: 'risk_score', implementationKey: 'test.const', params: { value: 'p' }, stage: 'production' });
    const canary = await versionAt(db(), { modelId: model.id, kind: 'risk_score', implementationKey: 'test.const', params: { value: 'c' }, stage: 'canary', share: 50 });

    // Too little evidence first: 20 orders is below the minimum sample, nothing happens.
    await riskTraffic(20, () => 'ord_few');
    const early = await evaluateGuardrails(db(), 'risk_score');
    expect(early.canary).toMatchObject({ rolledBack: false, kpi: null, breaches: [] });

    await riskTraffic(200, () => 'ord_many');
    const report = await evaluateGuardrails(db(), 'risk_score');
    expect(report.canary!.rolledBack).toBe(true);
    expect(report.canary!.kpi).toMatchObject({ key: 'approvalRate', breached: true });
    expect(report.canary!.kpi!.relativeDrop).toBeGreaterThan(0.4);
    expect(report.canary!.breaches[0]).toMatch(
      /^approval rate \d+\.\d% vs \d+\.\d% on risk-score-\d+@v1 \(-\d+\.\d%, limit −20\.0%\) over \d+ \/ \d+ orders$/,
    );
    const v = await db().modelVersion.findUniqueOrThrow({ where: { id: canary.id } });
    expect(v.stage).toBe('shadow');
    const change = await db().modelStageChange.findFirstOrThrow({ where: { versionId: canary.id, fromStage: 'canary', toStage: 'shadow' } });
    expect(change.reason).toContain('approval rate');
    const alert = await db().modelAlert.findFirstOrThrow({ where: { versionId: canary.id, type: 'guardrail_rollback' } });
    expect(alert.message).toBe(change.reason);
  });

  it('a canary whose KPI holds within the threshold is left alone', async () => {
    invalidateServingCache();
    const model = await makeModel(db(), 'discount_offer', { minKpiSample: 20, maxKpiDrop: 0.2, minDecisions: 1_000_000 });
    const prod = await versionAt(db(), { modelId: model.id, kind: 'discount_offer', implementationKey: 'test.const', params: { value: 'p' }, stage: 'production' });
    const canary = await versionAt(db(), { modelId: model.id, kind: 'discount_offer', implementationKey: 'test.const', params: { value: 'c' }, stage: 'canary', share: 50 });
    const seen = { [prod.id]: 0, [canary.id]: 0 } as Record<string, number>;
    let redeemedCents = 0;
    for (let i = 0; i < 160; i++) {
      const d = await decide(db(), 'discount_offer', `cart_${i}`, {});
      const vid = d.telemetry.arm === 'canary' ? canary.id : prod.id;
      const k = seen[vid]!++;
      if (k % 4 === 3) continue; // no offer
      // Both accept half of what they offer.
      const redeemed = k % 2 === 0;
      if (redeemed && vid === canary.id) redeemedCents += 250;
      await db().discountOffer.create({
        data: {
          id: newId('offer'),
          customerToken: `tok_${i}`,
          reason: 'abandoned_cart',
          subtotalCents: 5000,
          proposedPercent: 5,
          percent: 5,
          amountCents: 250,
          policyVersionId: 'pol_1',
          policyVersion: 1,
          modelVersion: d.telemetry.modelVersion,
          decisionId: d.telemetry.decisionId,
          status: redeemed ? 'redeemed' : 'offered',
        },
      });
    }
    await flushDecisionLog();
    const { versions } = await businessKpis(db(), 'discount_offer', { since: new Date(Date.now() - 3_600_000) });
    const c = versions.find((v) => v.modelVersionId === canary.id)!;
    expect(c.counts.decisions).toBe(seen[canary.id]);
    expect(c.counts.discountCents).toBe(redeemedCents);
    expect(c.rates.discountCostPerDecisionCents).toBeCloseTo(redeemedCents / seen[canary.id]!, 10);
    const report = await evaluateGuardrails(db(), 'discount_offer');
    expect(report.canary).toMatchObject({ rolledBack: false, breaches: [] });
    expect(report.canary!.kpi!.breached).toBe(false);
    expect(Math.abs(report.canary!.kpi!.relativeDrop)).toBeLessThan(0.2);
  });

  it('recommendations: click-through and add-to-cart from events naming the decision, revenue per visitor from their orders', async () => {
    invalidateServingCache();
    const decisions: { id: string; subject: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const subject = `sess_${i}`;
      // Two recommendations per visitor: revenue counts the visitor once.
      for (let j = 0; j < 2; j++) {
        const d = await decide(db(), 'recommendation', subject, { placement: 'home' });
        decisions.push({ id: d.telemetry.decisionId, subject });
      }
    }
    await flushDecisionLog();
    const ev = (name: string, decisionId: string) =>
      db().event.create({ data: { id: newId('evt'), name, data: { decisionId, productId: 'p1' }, ts: new Date() } });
    // 5 of 20 recommendations clicked (one twice), 2 led to an add-to-cart.
    for (const d of decisions.slice(0, 5)) await ev('shopper/product.clicked', d.id);
    await ev('shopper/product.clicked', decisions[0]!.id);
    for (const d of decisions.slice(0, 2)) await ev('shopper/cart.item_added', d.id);
    // Visitors 0 and 1 bought (4,000 + 1,500 cents); a cancelled order does not count.
    await order(db(), { sessionKey: 'sess_0', totalCents: 4000 });
    await order(db(), { sessionKey: 'sess_1', totalCents: 1500 });
    await order(db(), { sessionKey: 'sess_2', totalCents: 9900, status: 'cancelled' });

    const { versions } = await businessKpis(db(), 'recommendation', { since: new Date(Date.now() - 3_600_000) });
    expect(versions).toHaveLength(1);
    const [v] = versions;
    expect(v!.counts).toMatchObject({ served: 20, clicked: 5, added: 2, visitors: 10, revenueCents: 5500 });
    expect(v!.rates).toEqual({ ctr: 0.25, addToCartRate: 0.1, revenuePerVisitorCents: 550 });
  });
});
