// Merchant rules for a whole placement (ADR 031): pin, exclude or boost a product on every
// home page, every product page's similar or bought-together list, or every cart. They run
// in the door after the decision with the per-product rules, for every version alike, and
// never resurrect an out-of-stock or hidden product (the live check runs after them).
import type { z } from 'zod';
import { withTx, type Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { listProductsForIndex } from '@/server/modules/catalog/list-for-index';
import {
  placementRuleInput,
  placementRulesInput,
  ruleIdInput,
  type Placement,
  type RulePlacement,
} from './recs.schema';

export type PlacementRuleRow = {
  id: string;
  placement: RulePlacement;
  targetId: string;
  action: 'pin' | 'exclude' | 'boost';
  position: number;
  boost: number;
};

const SELECT = { id: true, placement: true, targetId: true, action: true, position: true, boost: true } as const;

function row(r: { id: string; placement: string; targetId: string; action: string; position: number; boost: number }): PlacementRuleRow {
  return { ...r, placement: r.placement as RulePlacement, action: r.action as PlacementRuleRow['action'] };
}

/** The rule scopes a served placement can carry. */
export function scopesOf(placement: Placement): RulePlacement[] {
  return placement === 'product' ? ['product_similar', 'product_together'] : [placement];
}

/** Which scope a section of a served placement belongs to. */
export function scopeOfSection(placement: Placement, sectionId: string): RulePlacement {
  if (placement === 'product') return sectionId === 'similar' ? 'product_similar' : 'product_together';
  return placement;
}

export async function placementRulesFor(db: Db, placement: Placement): Promise<PlacementRuleRow[]> {
  const rows = await db.recPlacementRule.findMany({
    where: { placement: { in: scopesOf(placement) } },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
    select: SELECT,
  });
  return rows.map(row);
}

export type ConsolePlacementRule = PlacementRuleRow & { targetTitle: string | null; targetSlug: string | null };

export async function listPlacementRules(db: Db, raw: z.input<typeof placementRulesInput>): Promise<ConsolePlacementRule[]> {
  const { placement } = placementRulesInput.parse(raw);
  const rows = (
    await db.recPlacementRule.findMany({
      where: placement ? { placement } : {},
      orderBy: [{ placement: 'asc' }, { action: 'desc' }, { position: 'asc' }, { createdAt: 'asc' }],
      select: SELECT,
    })
  ).map(row);
  const ids = [...new Set(rows.map((r) => r.targetId))];
  const products = new Map((ids.length ? await listProductsForIndex(db, { ids, limit: ids.length }) : []).map((p) => [p.id, p]));
  return rows.map((r) => ({
    ...r,
    targetTitle: products.get(r.targetId)?.title ?? null,
    targetSlug: products.get(r.targetId)?.slug ?? null,
  }));
}

/** One rule per product and placement: setting it again replaces the action. */
export async function setPlacementRule(
  db: Db,
  raw: z.input<typeof placementRuleInput>,
  actor: string,
): Promise<PlacementRuleRow> {
  const input = placementRuleInput.parse(raw);
  const found = await listProductsForIndex(db, { ids: [input.targetId], limit: 1 });
  if (!found.some((p) => p.id === input.targetId)) throw new NotFoundError('targetId', input.targetId);
  const data = { action: input.action, position: input.position, boost: input.boost ?? 1 };
  return withTx(db, async (tx) => {
    const saved = await tx.recPlacementRule.upsert({
      where: { placement_targetId: { placement: input.placement, targetId: input.targetId } },
      create: { id: newId('prule'), placement: input.placement, targetId: input.targetId, ...data, createdBy: actor },
      update: data,
      select: SELECT,
    });
    await recordAudit(tx, {
      actor,
      action: `recommendation_placement_rule.${input.action}`,
      entity: 'rec_placement_rule',
      entityId: saved.id,
      after: saved,
    });
    return row(saved);
  });
}

export async function deletePlacementRule(db: Db, raw: z.input<typeof ruleIdInput>, actor: string): Promise<{ id: string }> {
  const { id } = ruleIdInput.parse(raw);
  return withTx(db, async (tx) => {
    const before = await tx.recPlacementRule.findUnique({ where: { id } });
    if (!before) throw new NotFoundError('placement rule', id);
    await tx.recPlacementRule.delete({ where: { id } });
    await recordAudit(tx, {
      actor,
      action: 'recommendation_placement_rule.delete',
      entity: 'rec_placement_rule',
      entityId: id,
      before,
    });
    return { id };
  });
}
