import { describe, expect, it } from 'vitest';
import { createCaller } from '@/server/api/root';
import { createContext } from '@/server/api/init';
import { useTestDatabase } from '@/server/db/testing';
import { staffMember } from '@/server/modules/auth/team-fixtures';
import { setSetting } from '@/server/modules/settings/settings';
import { DEFAULT_POLICIES } from './policy-kinds';
import { approvePolicyApproval, listPolicyApprovals, publishOrRequestApproval, rejectPolicyApproval, requestPolicyApproval } from './policy-approvals';
import { createDraft, ensureDefaultPolicies, getPublishedPolicy, getPolicyVersion, updateDraft } from './policy-versions';

const getDb = useTestDatabase();

describe('four-eyes policy publishing', () => {
  it('off: the author publishes directly', async () => {
    const db = getDb().prisma;
    await ensureDefaultPolicies(db);
    const admin = await staffMember(db, 'admin');
    const draft = await createDraft(db, { kind: 'discount', actor: admin.id, body: { ...DEFAULT_POLICIES.discount, maxPercent: 20 } });
    await publishOrRequestApproval(db, admin, { id: draft.id });
    expect((await getPublishedPolicy(db, 'discount'))?.version).toBe(draft.version);
  });

  it('on: publishing is refused with 409 naming the rule, a second person approves and the version is published', async () => {
    const db = getDb().prisma;
    await ensureDefaultPolicies(db);
    const owner = await staffMember(db, 'owner', 'owner@luma.example');
    const admin = await staffMember(db, 'admin', 'admin@luma.example');
    const merch = await staffMember(db, 'merchandiser');
    await setSetting(db, owner, 'policy.four_eyes', true);
    const draft = await createDraft(db, { kind: 'discount', actor: admin.id, body: { ...DEFAULT_POLICIES.discount, maxPercent: 30 } });

    // Through the tRPC door: CONFLICT (409) with the rule in the message.
    const asAdmin = createCaller(createContext({ headers: new Headers(), db, staff: admin }));
    await expect(asAdmin.policies.publish({ id: draft.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(new RegExp(`^Four-eyes rule: discount-policy@v${draft.version} cannot be published by its author`)),
    });
    expect((await getPolicyVersion(db, draft.id)).status).toBe('draft');
    const [pending] = await listPolicyApprovals(db, { status: 'pending' });
    expect(pending).toMatchObject({ policyVersionId: draft.id, requestedBy: admin.id, requestedByEmail: 'admin@luma.example', version: draft.version });
    // Asking again while the draft is unchanged returns the same request.
    expect((await requestPolicyApproval(db, admin, { id: draft.id })).id).toBe(pending!.id);

    // The author cannot approve; a merchandiser lacks policy.publish at the door.
    await expect(approvePolicyApproval(db, admin, { approvalId: pending!.id })).rejects.toMatchObject({ code: 'CONFLICT', details: { rule: 'four_eyes' } });
    const asMerch = createCaller(createContext({ headers: new Headers(), db, staff: merch }));
    await expect(asMerch.policies.approve({ approvalId: pending!.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const asOwner = createCaller(createContext({ headers: new Headers(), db, staff: owner }));
    const result = await asOwner.policies.approve({ approvalId: pending!.id, note: 'looks right' });
    expect(result.published).toMatchObject({ id: draft.id, status: 'published', publishedBy: owner.id });
    expect((await getPublishedPolicy(db, 'discount'))?.body.maxPercent).toBe(30);
    await expect(approvePolicyApproval(db, owner, { approvalId: pending!.id })).rejects.toThrow(/already approved/);

    const actions = (await db.auditEvent.findMany({ where: { entityId: draft.id }, orderBy: { seq: 'asc' } })).map((a) => [a.action, a.actor]);
    expect(actions).toEqual([
      ['policy.approval_requested', 'admin@luma.example'],
      ['policy.publish', owner.id],
      ['policy.approve', 'owner@luma.example'],
    ]);
  });

  it('on: a rejected request leaves the draft unpublished; a draft edited after the request needs a new one', async () => {
    const db = getDb().prisma;
    await ensureDefaultPolicies(db);
    const owner = await staffMember(db, 'owner');
    const merch = await staffMember(db, 'merchandiser');
    await setSetting(db, owner, 'policy.four_eyes', true);
    const before = (await getPublishedPolicy(db, 'discount'))!.version;
    const draft = await createDraft(db, { kind: 'discount', actor: merch.id, body: { ...DEFAULT_POLICIES.discount, maxPercent: 40 } });
    const first = await requestPolicyApproval(db, merch, { id: draft.id, note: 'please' });
    await rejectPolicyApproval(db, owner, { approvalId: first.id, note: 'too generous' });
    expect((await getPolicyVersion(db, draft.id)).status).toBe('draft');
    expect((await getPublishedPolicy(db, 'discount'))?.version).toBe(before);

    const second = await requestPolicyApproval(db, merch, { id: draft.id });
    await updateDraft(db, { id: draft.id, actor: merch.id, body: { ...DEFAULT_POLICIES.discount, maxPercent: 60 } });
    await expect(approvePolicyApproval(db, owner, { approvalId: second.id })).rejects.toThrow(/draft changed after approval was requested/);
    const third = await requestPolicyApproval(db, merch, { id: draft.id });
    expect(third.id).not.toBe(second.id);
    expect((await db.policyApproval.findUniqueOrThrow({ where: { id: second.id } })).status).toBe('superseded');
    await approvePolicyApproval(db, owner, { approvalId: third.id });
    expect((await getPublishedPolicy(db, 'discount'))?.body.maxPercent).toBe(60);
    expect(await db.auditEvent.count({ where: { action: 'policy.reject', entityId: draft.id } })).toBe(1);
  });
});
