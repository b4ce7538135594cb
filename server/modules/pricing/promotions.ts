// Promotions: create, edit, deactivate, list. Limits are enforced at redemption
// (price-cart.ts, redeemDiscounts); every change is audited.
import { withTx, type Db } from '@/server/db/client';
import { ConflictError, NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { Prisma } from '@/server/db/generated/client';
import {
  createPromotionInput,
  listPromotionsInput,
  promotionIdInput,
  updatePromotionInput,
  type CreatePromotionInput,
  type UpdatePromotionInput,
} from './promotions.schema';
import type { z } from 'zod';
import { approvalReason, requestPromotionApproval } from './promotion-approvals';

export async function listPromotions(db: Db, raw: z.input<typeof listPromotionsInput> = {}) {
  const input = listPromotionsInput.parse(raw);
  return db.promotion.findMany({
    where: input.includeInactive ? {} : { active: true },
    orderBy: [{ active: 'desc' }, { createdAt: 'desc' }],
  });
}

export async function createPromotion(db: Db, raw: CreatePromotionInput) {
  const { actor, ...p } = createPromotionInput.parse(raw);
  return withTx(db, async (tx) => {
    try {
      // Above the discount policy's auto-approve limit: saved switched off until a reviewer approves it.
      const needs = await approvalReason(tx, { kind: p.kind, percentOff: p.percentOff, amountOffCents: p.amountOffCents });
      const row = await tx.promotion.create({
        data: { id: newId('promo'), ...p, createdBy: actor, ...(needs ? { active: false } : {}) },
      });
      await recordAudit(tx, { actor, action: 'promotion.create', entity: 'promotion', entityId: row.id, after: row });
      if (needs) await requestPromotionApproval(tx, row, needs, actor);
      return { ...row, pendingApproval: needs?.reason ?? null };
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
        throw new ConflictError(`the code ${p.code} is already used by another promotion`, { code: p.code });
      throw err;
    }
  });
}

export async function updatePromotion(db: Db, raw: UpdatePromotionInput) {
  const { actor, id, ...patch } = updatePromotionInput.parse(raw);
  return withTx(db, async (tx) => {
    const before = await tx.promotion.findUnique({ where: { id } });
    if (!before) throw new NotFoundError('promotion', id);
    const merged = { ...before, ...patch };
    if (merged.kind === 'percent_off' && !merged.percentOff)
      throw new ConflictError('a percent-off promotion needs a percent');
    if (merged.kind === 'amount_off' && !merged.amountOffCents)
      throw new ConflictError('an amount-off promotion needs an amount');
    if (merged.usageLimit !== null && merged.usageLimit < before.uses)
      throw new ConflictError(`the usage limit cannot go below the ${before.uses} uses already made`);
    // Raised above the auto-approve limit: off again until a reviewer approves the new size.
    const grew =
      (merged.percentOff ?? 0) > (before.percentOff ?? 0) ||
      (merged.amountOffCents ?? 0) > (before.amountOffCents ?? 0) ||
      merged.kind !== before.kind;
    const needs = grew ? await approvalReason(tx, merged) : null;
    const row = await tx.promotion.update({
      where: { id },
      data: { ...patch, updatedAt: new Date(), ...(needs ? { active: false } : {}) },
    });
    await recordAudit(tx, { actor, action: 'promotion.update', entity: 'promotion', entityId: id, before, after: row });
    if (needs) await requestPromotionApproval(tx, row, needs, actor);
    return { ...row, pendingApproval: needs?.reason ?? null };
  });
}

export async function deactivatePromotion(db: Db, raw: z.input<typeof promotionIdInput>) {
  const { actor, id } = promotionIdInput.parse(raw);
  return withTx(db, async (tx) => {
    const before = await tx.promotion.findUnique({ where: { id } });
    if (!before) throw new NotFoundError('promotion', id);
    const row = await tx.promotion.update({ where: { id }, data: { active: false, updatedAt: new Date() } });
    await recordAudit(tx, {
      actor,
      action: 'promotion.deactivate',
      entity: 'promotion',
      entityId: id,
      before: { active: before.active },
      after: { active: false },
    });
    return row;
  });
}
