// Merchant rules for a product's recommendations: pin products first, or exclude them.
// A rule never makes an ineligible product appear: pins are re-checked against live stock.
import { withTx, type Db } from '@/server/db/client';
import { ConflictError, NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { listProductsForIndex } from '@/server/modules/catalog/list-for-index';
import { ruleIdInput, ruleInput, rulesForProductInput } from './recs.schema';
import type { z } from 'zod';

export type RecRuleRow = {
  id: string;
  productId: string;
  targetId: string;
  action: 'pin' | 'exclude';
  position: number;
};

export async function listRules(db: Db, raw: z.input<typeof rulesForProductInput>): Promise<RecRuleRow[]> {
  const { productId } = rulesForProductInput.parse(raw);
  return rulesFor(db, productId);
}

export async function rulesFor(db: Db, productId: string): Promise<RecRuleRow[]> {
  const rows = await db.recRule.findMany({
    where: { productId },
    orderBy: [{ action: 'desc' }, { position: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, productId: true, targetId: true, action: true, position: true },
  });
  return rows.map((r) => ({ ...r, action: r.action === 'pin' ? 'pin' : 'exclude' }));
}

export async function setRule(db: Db, raw: z.input<typeof ruleInput>, actor: string): Promise<RecRuleRow> {
  const input = ruleInput.parse(raw);
  if (input.productId === input.targetId)
    throw new ConflictError('a product cannot be pinned to or excluded from itself', { field: 'targetId' });
  const found = await listProductsForIndex(db, { ids: [input.productId, input.targetId], limit: 2 });
  for (const [field, id] of [
    ['productId', input.productId],
    ['targetId', input.targetId],
  ] as const)
    if (!found.some((p) => p.id === id)) throw new NotFoundError(field, id);
  return withTx(db, async (tx) => {
    const row = await tx.recRule.upsert({
      where: { productId_targetId: { productId: input.productId, targetId: input.targetId } },
      create: { id: newId('rrule'), ...input, createdBy: actor },
      update: { action: input.action, position: input.position },
      select: { id: true, productId: true, targetId: true, action: true, position: true },
    });
    await recordAudit(tx, {
      actor,
      action: `recommendation_rule.${input.action}`,
      entity: 'rec_rule',
      entityId: row.id,
      after: row,
    });
    return { ...row, action: input.action };
  });
}

export async function deleteRule(db: Db, raw: z.input<typeof ruleIdInput>, actor: string): Promise<{ id: string }> {
  const { id } = ruleIdInput.parse(raw);
  return withTx(db, async (tx) => {
    const row = await tx.recRule.findUnique({ where: { id } });
    if (!row) throw new NotFoundError('recommendation rule', id);
    await tx.recRule.delete({ where: { id } });
    await recordAudit(tx, {
      actor,
      action: 'recommendation_rule.delete',
      entity: 'rec_rule',
      entityId: id,
      before: row,
    });
    return { id };
  });
}
