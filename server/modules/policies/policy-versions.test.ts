import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { ConflictError, InvalidError } from '@/server/errors';
import { simulateRiskPolicy } from '@/server/modules/risk/simulate-risk-policy';
import { DEFAULT_POLICIES } from './policy-kinds';
import {
  createDraft,
  diffPolicyVersions,
  ensureDefaultPolicies,
  getPublishedPolicy,
  listPolicyVersions,
  publishPolicyVersion,
  rollbackPolicy,
  updateDraft,
} from './policy-versions';
import { simulatePolicy } from './simulate-policy';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

describe('versioned policies', () => {
  it('publishes drafts one at a time, archives the previous version, diffs and rolls back, all audited', async () => {
    expect(await ensureDefaultPolicies(db())).toEqual({ created: ['risk', 'discount'] });
    expect(await ensureDefaultPolicies(db())).toEqual({ created: [] });
    expect((await getPublishedPolicy(db(), 'discount'))?.label).toBe('discount-policy@v1');

    const v2 = await createDraft(db(), { kind: 'discount', note: 'summer', actor: 'analyst' });
    expect(v2).toMatchObject({ version: 2, status: 'draft', basedOn: 1, author: 'analyst' });
    await updateDraft(db(), {
      id: v2.id,
      body: { ...DEFAULT_POLICIES.discount, maxPercent: 25, dailyBudgetCents: 90_000 },
      actor: 'analyst',
    });
    // The published version still serves until the draft is published.
    expect((await getPublishedPolicy(db(), 'discount'))?.body.maxPercent).toBe(15);
    await publishPolicyVersion(db(), { id: v2.id, actor: 'owner' });
    expect((await getPublishedPolicy(db(), 'discount'))?.body.maxPercent).toBe(25);

    const versions = await listPolicyVersions(db(), 'discount');
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'archived'],
    ]);
    expect(versions[0]).toMatchObject({ publishedBy: 'owner' });

    const diff = await diffPolicyVersions(db(), { kind: 'discount', from: 1, to: 2 });
    expect(diff.changes).toEqual([
      { path: 'dailyBudgetCents', before: 50_000, after: 90_000 },
      { path: 'maxPercent', before: 15, after: 25 },
    ]);

    // Published versions are immutable.
    await expect(
      updateDraft(db(), { id: v2.id, body: DEFAULT_POLICIES.discount, actor: 'analyst' }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(publishPolicyVersion(db(), { id: v2.id, actor: 'owner' })).rejects.toThrow(
      /only a draft can be published/,
    );

    const rolled = await rollbackPolicy(db(), { kind: 'discount', toVersion: 1, note: 'too generous', actor: 'owner' });
    expect(rolled).toMatchObject({ version: 3, status: 'published', basedOn: 1, note: 'too generous' });
    const published = await getPublishedPolicy(db(), 'discount');
    expect(published).toMatchObject({ version: 3, label: 'discount-policy@v3' });
    expect(published?.body).toEqual(DEFAULT_POLICIES.discount);
    expect((await diffPolicyVersions(db(), { kind: 'discount', from: 1, to: 3 })).changes).toEqual([]);
    expect(await db().policyVersion.count({ where: { kind: 'discount', status: 'published' } })).toBe(1);

    const audit = await db().auditEvent.findMany({
      where: { entity: 'policy_version' },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['policy.publish', 'system'],
      ['policy.publish', 'system'],
      ['policy.publish', 'owner'],
      ['policy.rollback', 'owner'],
    ]);
    expect(audit[3]).toMatchObject({ reason: 'too generous', entityId: rolled.id });
    expect(audit[3]!.before).toMatchObject({ version: 2 });
  });

  it('cannot save an invalid policy, naming the field (a cap over 90% is refused)', async () => {
    const err = await createDraft(db(), {
      kind: 'discount',
      body: { ...DEFAULT_POLICIES.discount, maxPercent: 95 },
      actor: 'a',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidError);
    expect((err as InvalidError).message).toBe(
      'invalid discount policy: maxPercent: a discount cap over 90% is refused',
    );
    await expect(createDraft(db(), { kind: 'risk', body: { reviewThreshold: 50 }, actor: 'a' })).rejects.toThrow(
      /rejectThreshold/,
    );
    const draft = await createDraft(db(), { kind: 'risk', actor: 'a' });
    await expect(
      updateDraft(db(), { id: draft.id, body: { ...DEFAULT_POLICIES.risk, extra: 1 }, actor: 'a' }),
    ).rejects.toThrow(/extra/);
    expect((await db().policyVersion.findUniqueOrThrow({ where: { id: draft.id } })).body).toEqual(
      DEFAULT_POLICIES.risk,
    );
  });

  it('rolls back only to versions that were published', async () => {
    const draft = await createDraft(db(), { kind: 'risk', actor: 'a' });
    await expect(rollbackPolicy(db(), { kind: 'risk', toVersion: draft.version, actor: 'owner' })).rejects.toThrow(
      /never published/,
    );
    await expect(rollbackPolicy(db(), { kind: 'risk', toVersion: 99, actor: 'owner' })).rejects.toThrow(
      /v99 was not found/,
    );
  });

  it('serialises concurrent publishes: exactly one published version remains', async () => {
    const drafts = await Promise.all([1, 2, 3].map(() => createDraft(db(), { kind: 'risk', actor: 'a' })));
    await Promise.all(drafts.map((d) => publishPolicyVersion(db(), { id: d.id, actor: 'owner' })));
    expect(await db().policyVersion.count({ where: { kind: 'risk', status: 'published' } })).toBe(1);
  });

  it('simulates a risk draft over recorded assessments: which orders would change action', async () => {
    const now = new Date('2026-11-27T12:00:00Z');
    const rows = [5, 12, 20, 35, 60, 90].map((score, i) => ({
      id: `rsig_${i}`,
      orderId: `ord_${i}`,
      emailToken: `et_${String(i).padStart(32, '0')}`,
      amountCents: 10_000 * (i + 1),
      country: i === 0 ? 'BR' : 'US',
      score,
      action: 'accept',
      placedAt: new Date(now.getTime() - i * 3_600_000),
    }));
    await db().riskSignal.createMany({ data: rows });
    const published = (await getPublishedPolicy(db(), 'risk'))!.body;
    const sim = await simulateRiskPolicy(
      db(),
      { ...published, reviewThreshold: 30, countryRules: { review: ['BR'], reject: [] } },
      { now },
    );
    expect(sim.orders).toBe(6);
    // Published (review ≥ 15, reject ≥ 80): 5,12 accept; 20,35,60 review; 90 reject.
    expect(sim.published).toEqual({ accept: 2, review: 3, reject: 1 });
    // Draft: BR goes to review, 20 now accepted.
    expect(sim.draft).toEqual({ accept: 2, review: 3, reject: 1 });
    expect(sim.changes).toEqual({ 'accept→review': 1, 'review→accept': 1 });
    expect(sim.notReplayed).toContain('email domain lists');
  });

  it('simulates a discount draft next to the published policy', async () => {
    const r = await simulatePolicy(db(), {
      kind: 'discount',
      body: { ...DEFAULT_POLICIES.discount, maxPercent: 5 },
      days: 3,
    });
    expect(r.kind).toBe('discount');
    if (r.kind !== 'discount') return;
    expect(r.discount.source).toBe('generated');
    expect(r.discount.draft.orders).toBe(90);
    expect(r.discount.publishedVersion).toMatch(/^discount-policy@v/);
    // The built-in discount model offers nothing (no model seeded in this database).
    expect(r.discount.draft.offers).toBe(0);
    expect(r.discount.draft.clampedBy.no_proposal).toBe(90);
  });
});
