// One review queue (issue 6, ADR 028): policy publish and rollback approvals, search settings,
// model sign-offs and large promotions appear in Console → Reviews and deciding them there
// calls the owning module, once, under the four-eyes rule.
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { createContext } from '@/server/api/init';
import { createCaller } from '@/server/api/root';
import { useTestDatabase } from '@/server/db/testing';
import '@/server/decisions/decisions.fixtures';
import type { StaffPrincipal } from '@/server/modules/auth/permissions';
import { staffMember } from '@/server/modules/auth/team-fixtures';
import { makeModel, versionAt } from '@/server/modules/models/models.fixtures';
import { DEFAULT_RANKING } from '@/server/modules/search/ranking-config';
import { flushSearchEvents, recordQueryEvent } from '@/server/modules/search/search-events';
import { DEFAULT_SYNONYMS } from '@/server/modules/search/synonyms';
import { getActiveRanking, saveRankingVersion } from '@/server/modules/search/settings-versions';
import { setSetting } from '@/server/modules/settings/settings';
import { DEFAULT_POLICIES } from './policy-kinds';
import { createDraft, ensureDefaultPolicies, getPublishedPolicy } from './policy-versions';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const as = (staff: StaffPrincipal) => createCaller(createContext({ headers: new Headers(), db: db(), staff }));
let owner: StaffPrincipal, admin: StaffPrincipal, analyst: StaffPrincipal, merch: StaffPrincipal;

const pendingItem = async (kind: string) => {
  const items = await as(owner).reviews.list({ kind });
  expect(items).toHaveLength(1);
  return items[0]!;
};

beforeAll(async () => {
  setEventStoreDb(db());
  await ensureDefaultPolicies(db());
  owner = await staffMember(db(), 'owner', 'owner@luma.example');
  admin = await staffMember(db(), 'admin', 'admin@luma.example');
  analyst = await staffMember(db(), 'risk_analyst', 'analyst@luma.example');
  merch = await staffMember(db(), 'merchandiser', 'merch@luma.example');
  await setSetting(db(), owner, 'policy.four_eyes', true);
});

describe('policy approvals in the review queue', () => {
  it('a refused publish becomes a review item; deciding it there publishes the version once', async () => {
    const draft = await createDraft(db(), {
      kind: 'discount',
      actor: admin.id,
      body: { ...DEFAULT_POLICIES.discount, maxPercent: 25 },
    });
    await expect(as(admin).policies.publish({ id: draft.id, note: 'holiday' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const item = await pendingItem('policy_approval');
    expect(item.summary).toMatchObject({
      policyKind: 'discount',
      version: draft.version,
      action: 'publish',
      requestedBy: admin.id,
      authors: [admin.id],
    });
    expect(item.reasons[0]).toBe(`Publish discount-policy@v${draft.version}`);
    expect(item.dueAt.getTime() - item.createdAt.getTime()).toBe(24 * 3_600_000);

    // The author cannot decide it; a risk analyst may decide reviews but lacks policy.publish.
    await expect(as(admin).reviews.decide({ reviewId: item.id, decision: 'approve' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^Four-eyes rule/),
    });
    await expect(as(analyst).reviews.decide({ reviewId: item.id, decision: 'approve' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await as(owner).reviews.get({ reviewId: item.id })).status).toBe('open');

    // The owner can take it and approve it.
    await as(owner).reviews.assign({ reviewId: item.id, assignee: owner.id });
    const decided = await as(owner).reviews.decide({
      reviewId: item.id,
      decision: 'approve',
      note: 'ok for the holidays',
    });
    expect(decided).toMatchObject({ status: 'approved', decidedBy: owner.id });
    expect(await getPublishedPolicy(db(), 'discount')).toMatchObject({ id: draft.id, version: draft.version });
    await expect(as(owner).reviews.decide({ reviewId: item.id, decision: 'approve' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(as(owner).policies.approve({ approvalId: item.subjectId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await db().auditEvent.count({ where: { action: 'policy.publish', entityId: draft.id } })).toBe(1);
    expect(await db().policyApproval.findUniqueOrThrow({ where: { id: item.subjectId } })).toMatchObject({
      status: 'approved',
      decidedBy: owner.id,
    });
    // Approval items are not training labels.
    expect(await db().reviewLabel.count({ where: { reviewId: item.id } })).toBe(0);
  });

  it('deciding on the Policies page closes the review item; rejecting in the queue leaves the draft', async () => {
    const a = await createDraft(db(), {
      kind: 'risk',
      actor: merch.id,
      body: { ...DEFAULT_POLICIES.risk, reviewThreshold: 20 },
    });
    await as(merch).policies.requestApproval({ id: a.id });
    const itemA = await pendingItem('policy_approval');
    await as(admin).policies.approve({ approvalId: itemA.subjectId });
    expect(await as(owner).reviews.get({ reviewId: itemA.id })).toMatchObject({
      status: 'approved',
      decidedBy: admin.id,
    });

    const b = await createDraft(db(), {
      kind: 'risk',
      actor: merch.id,
      body: { ...DEFAULT_POLICIES.risk, reviewThreshold: 25 },
    });
    await as(merch).policies.requestApproval({ id: b.id });
    const itemB = await pendingItem('policy_approval');
    await as(owner).reviews.decide({ reviewId: itemB.id, decision: 'reject', note: 'too strict' });
    expect((await getPublishedPolicy(db(), 'risk'))?.id).toBe(a.id);
    expect(await db().policyApproval.findUniqueOrThrow({ where: { id: itemB.subjectId } })).toMatchObject({
      status: 'rejected',
    });
  });
});

describe('rollback under four-eyes', () => {
  it('a rollback request becomes an approval item; approving it republishes the old body', async () => {
    const v1 = (await getPublishedPolicy(db(), 'discount'))!;
    const d = await createDraft(db(), {
      kind: 'discount',
      actor: merch.id,
      body: { ...DEFAULT_POLICIES.discount, maxPercent: 40 },
    });
    await as(merch).policies.requestApproval({ id: d.id });
    await as(owner).reviews.decide({ reviewId: (await pendingItem('policy_approval')).id, decision: 'approve' });
    expect((await getPublishedPolicy(db(), 'discount'))?.body.maxPercent).toBe(40);

    await expect(
      as(admin).policies.rollback({ kind: 'discount', toVersion: v1.version, note: 'too generous' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^Four-eyes rule: rolling discount back to v\d+/),
    });
    expect((await getPublishedPolicy(db(), 'discount'))?.body.maxPercent).toBe(40);
    const item = await pendingItem('policy_approval');
    expect(item.summary).toMatchObject({ action: 'rollback', version: v1.version, authors: [admin.id] });
    await expect(as(admin).reviews.decide({ reviewId: item.id, decision: 'approve' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await as(owner).reviews.decide({ reviewId: item.id, decision: 'approve', note: 'agreed' });
    const live = (await getPublishedPolicy(db(), 'discount'))!;
    expect(live.body).toEqual(v1.body);
    expect(live.version).toBeGreaterThan(d.version);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: 'policy.rollback', entityId: live.id } });
    expect(audit.actor).toBe(owner.id);
  });

  it('an emergency rollback with a reason bypasses the approval and is audited as such; without one it is refused', async () => {
    const before = (await getPublishedPolicy(db(), 'discount'))!;
    const d = await createDraft(db(), {
      kind: 'discount',
      actor: merch.id,
      body: { ...DEFAULT_POLICIES.discount, maxPercent: 50 },
    });
    await as(merch).policies.requestApproval({ id: d.id });
    await as(owner).reviews.decide({ reviewId: (await pendingItem('policy_approval')).id, decision: 'approve' });

    await expect(
      as(admin).policies.rollback({ kind: 'discount', toVersion: before.version, emergencyReason: 'oops' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const back = await as(admin).policies.rollback({
      kind: 'discount',
      toVersion: before.version,
      emergencyReason: 'budget burning at 10x the usual rate',
    });
    expect(await getPublishedPolicy(db(), 'discount')).toMatchObject({ id: back.id, body: before.body });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: 'policy.rollback_emergency', entityId: back.id },
    });
    expect(audit).toMatchObject({ actor: admin.id, reason: 'EMERGENCY: budget burning at 10x the usual rate' });
    expect(await as(owner).reviews.list({ kind: 'policy_approval' })).toEqual([]);
    // The emergency path still needs policy.publish.
    await expect(
      as(merch).policies.rollback({
        kind: 'discount',
        toVersion: before.version,
        emergencyReason: 'budget burning at 10x',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('search settings under the same gate', () => {
  it('activating a ranking version files an approval; approving it in the queue makes it live, audited as a policy publish', async () => {
    const { version } = await saveRankingVersion(db(), {
      name: 'pin sofa',
      body: {
        ...DEFAULT_RANKING,
        rules: [{ id: 'r1', query: 'sofa', action: { type: 'pin', productId: 'prod_x', position: 1 } }],
      },
      createdBy: merch.id,
    });
    await expect(as(merch).searchAdmin.activateRanking({ version })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await getActiveRanking(db())).version).toBe(0);
    const item = await pendingItem('policy_approval');
    expect(item.summary).toMatchObject({ policyKind: 'search_rules', version, action: 'publish', authors: [merch.id] });
    await as(admin).reviews.decide({ reviewId: item.id, decision: 'approve' });
    expect((await getActiveRanking(db())).version).toBe(version);
    expect(await db().auditEvent.count({ where: { action: 'policy.publish', entity: 'search_ranking_version' } })).toBe(
      1,
    );
    const overview = await as(analyst).policies.overview();
    expect(overview.map((r) => r.kind)).toEqual(['risk', 'discount', 'recovery', 'search_rules', 'synonyms']);
    expect(overview.find((r) => r.kind === 'search_rules')).toMatchObject({
      live: `search_rules@v${version}`,
      pendingApprovals: 0,
    });
    const diff = await as(analyst).policies.searchDiff({ kind: 'search_rules', from: version, to: version });
    expect(diff.changes).toEqual([]);
  });
});

describe('search settings as policies', () => {
  it('rolls a ranking version back through the same gate, and simulates a synonyms draft against recent queries', async () => {
    const live = (await getActiveRanking(db())).version;
    const { version: next } = await saveRankingVersion(db(), {
      name: 'no rules',
      body: DEFAULT_RANKING,
      createdBy: merch.id,
    });
    await expect(as(owner).policies.searchPublish({ kind: 'search_rules', version: next })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await as(admin).reviews.decide({ reviewId: (await pendingItem('policy_approval')).id, decision: 'approve' });
    expect((await getActiveRanking(db())).version).toBe(next);

    await expect(as(admin).policies.rollback({ kind: 'search_rules', toVersion: live })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const item = await pendingItem('policy_approval');
    expect(item.summary).toMatchObject({
      policyKind: 'search_rules',
      version: live,
      action: 'rollback',
      authors: [admin.id],
    });
    await as(owner).reviews.decide({ reviewId: item.id, decision: 'approve' });
    expect((await getActiveRanking(db())).version).toBe(live);
    expect(
      await db().auditEvent.count({ where: { action: 'policy.rollback', entity: 'search_ranking_version' } }),
    ).toBe(1);

    for (const q of ['couch', 'Couch', 'grey lamp', 'desk'])
      recordQueryEvent(db(), {
        requestId: null,
        sessionKey: null,
        query: q,
        resultCount: 1,
        zeroResult: false,
        rankingVersion: live,
        strategy: 'hybrid',
        impressions: [],
      });
    await flushSearchEvents();
    const withoutCouch = DEFAULT_SYNONYMS.filter((e) => !('terms' in e && e.terms.includes('couch')));
    const sim = await as(analyst).policies.searchSimulate({ kind: 'synonyms', body: withoutCouch, days: 7 });
    expect(sim.synonyms).toMatchObject({ queries: 3, changedTerms: ['couch', 'sofa'], changed: 1, changedSearches: 2 });
    expect(sim.synonyms?.examples).toEqual([{ query: 'couch', searches: 2 }]);
    await expect(
      as(analyst).policies.searchSimulate({ kind: 'synonyms', body: [{ terms: ['lonely'] }] }),
    ).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
    });
  });
});

describe('model and discount approvals in the queue', () => {
  it('a model sign-off request is decided in the queue by someone with model.approve, not by its requester', async () => {
    const model = await makeModel(db(), 'risk_score');
    const v = await versionAt(db(), {
      modelId: model.id,
      kind: 'risk_score',
      implementationKey: 'test.const',
      stage: 'shadow',
    });
    const ds = await staffMember(db(), 'data_scientist', 'ds@luma.example');
    const item = await as(ds).models.requestApproval({ versionId: v.id, targetStage: 'canary', note: 'AUC up' });
    expect(item).toMatchObject({ kind: 'model_approval', subjectId: `${v.id}:canary:1` });
    expect(await as(ds).models.requestApproval({ versionId: v.id, targetStage: 'canary' })).toMatchObject({
      id: item.id,
    });
    await expect(as(analyst).reviews.decide({ reviewId: item.id, decision: 'approve' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await as(owner).reviews.decide({ reviewId: item.id, decision: 'approve', note: 'go' });
    const approvals = await db().modelApproval.findMany({
      where: { versionId: v.id, targetStage: 'canary', consumedAt: null },
    });
    expect(approvals.map((a) => a.approver)).toEqual([owner.id]);
    await as(ds).models.promote({ versionId: v.id, to: 'canary', canaryShare: 5 });
  });

  it('a promotion above the auto-approve limit is saved off and switched on by approving it in the queue', async () => {
    const small = await as(merch).promotions.create({
      name: 'Ten off',
      code: 'TEN',
      kind: 'percent_off',
      percentOff: 10,
    });
    expect(small).toMatchObject({ active: true, pendingApproval: null });
    const big = await as(merch).promotions.create({
      name: 'Clearance',
      code: 'CLEAR60',
      kind: 'percent_off',
      percentOff: 60,
    });
    expect(big).toMatchObject({ active: false, pendingApproval: '60% off is above the 50% auto-approve limit' });
    const item = await pendingItem('discount_approval');
    // The limit is a discount policy bound like any other.
    await expect(
      createDraft(db(), {
        kind: 'discount',
        actor: merch.id,
        body: { ...DEFAULT_POLICIES.discount, approvalAbovePercent: 95 },
      }),
    ).rejects.toMatchObject({
      code: 'INVALID',
      details: { issues: [expect.objectContaining({ path: 'approvalAbovePercent' })] },
    });
    expect(item.summary).toMatchObject({ promotionId: big.id, percentOff: 60, authors: [merch.id] });
    await expect(as(merch).reviews.decide({ reviewId: item.id, decision: 'approve' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await as(admin).reviews.decide({ reviewId: item.id, decision: 'approve' });
    expect((await db().promotion.findUniqueOrThrow({ where: { id: big.id } })).active).toBe(true);
    expect(await db().auditEvent.count({ where: { action: 'promotion.approve', entityId: big.id } })).toBe(1);
  });
});
