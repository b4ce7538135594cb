import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import '@/server/decisions/decisions.fixtures';
import { approveVersion } from './approve-version';
import { makeModel, versionAt } from './models.fixtures';
import { promoteVersion } from './promote-version';
import { rollbackVersion } from './rollback-version';
import { invalidateServingCache } from './serving-versions';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

describe('approval consumption', () => {
  it('an approval applies to one promotion: after a canary rollback, serving again needs a new approval', async () => {
    invalidateServingCache();
    const model = await makeModel(db(), 'risk_score');
    const v = await versionAt(db(), {
      modelId: model.id,
      kind: 'risk_score',
      implementationKey: 'test.const',
      stage: 'canary',
      share: 5,
    });
    const spent = await db().modelApproval.findFirstOrThrow({ where: { versionId: v.id, targetStage: 'canary' } });
    const promotion = await db().modelStageChange.findFirstOrThrow({ where: { versionId: v.id, toStage: 'canary' } });
    expect(spent.consumedBy).toBe(promotion.id);
    expect(spent.consumedAt).not.toBeNull();

    await rollbackVersion(db(), { versionId: v.id, actor: 'ops', reason: 'bad canary' });
    await expect(
      promoteVersion(db(), { versionId: v.id, to: 'canary', canaryShare: 5, actor: 'author' }),
    ).rejects.toThrow(/needs 1 approval for canary; it has 0/);
    expect((await db().modelVersion.findUniqueOrThrow({ where: { id: v.id } })).stage).toBe('shadow');

    // The same approver can sign off again; that new approval is what the re-promotion spends.
    const again = await approveVersion(db(), { versionId: v.id, targetStage: 'canary', actor: 'reviewer' });
    expect(again.id).not.toBe(spent.id);
    await promoteVersion(db(), { versionId: v.id, to: 'canary', canaryShare: 5, actor: 'author' });
    const rows = await db().modelApproval.findMany({ where: { versionId: v.id }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => [r.approver, r.targetStage, r.consumedAt !== null])).toEqual([
      ['reviewer', 'canary', true],
      ['reviewer', 'canary', true],
    ]);
  });

  it('a production rollback voids unspent approvals, and re-promotion to production needs new ones', async () => {
    invalidateServingCache();
    const model = await makeModel(db(), 'discount_offer');
    const first = await versionAt(db(), {
      modelId: model.id,
      kind: 'discount_offer',
      implementationKey: 'test.const',
      stage: 'production',
    });
    const second = await versionAt(db(), {
      modelId: model.id,
      kind: 'discount_offer',
      implementationKey: 'test.const',
      stage: 'canary',
    });
    // Approved for production while a canary, but rolled back before it was promoted.
    await approveVersion(db(), { versionId: second.id, targetStage: 'production', actor: 'reviewer' });
    const rollback = await rollbackVersion(db(), { versionId: second.id, actor: 'ops', reason: 'conversion fell' });
    const voided = await db().modelApproval.findFirstOrThrow({
      where: { versionId: second.id, targetStage: 'production' },
    });
    const rollbackChange = await db().modelStageChange.findFirstOrThrow({
      where: { versionId: second.id, fromStage: 'canary', toStage: 'shadow' },
    });
    expect(rollback.to).toBe('shadow');
    expect(voided.consumedBy).toBe(rollbackChange.id);

    await approveVersion(db(), { versionId: second.id, targetStage: 'canary', actor: 'reviewer' });
    await promoteVersion(db(), { versionId: second.id, to: 'canary', actor: 'author' });
    await expect(promoteVersion(db(), { versionId: second.id, to: 'production', actor: 'author' })).rejects.toThrow(
      /needs 1 approval for production; it has 0/,
    );
    await approveVersion(db(), { versionId: second.id, targetStage: 'production', actor: 'reviewer' });
    await promoteVersion(db(), { versionId: second.id, to: 'production', actor: 'author' });
    expect((await db().modelVersion.findUniqueOrThrow({ where: { id: first.id } })).stage).toBe('retired');

    // Production rolled back: the first version serves again; the second needs the whole chain of approvals.
    await rollbackVersion(db(), { versionId: second.id, actor: 'ops', reason: 'approval rate fell' });
    const live = await db().modelApproval.count({ where: { versionId: second.id, consumedAt: null } });
    expect(live).toBe(0);
    expect((await db().modelVersion.findUniqueOrThrow({ where: { id: first.id } })).stage).toBe('production');
  });
});
