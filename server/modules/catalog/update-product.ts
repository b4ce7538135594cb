// Console edit of one product: descriptive fields, the default variant's price and stock, and
// visibility (hidden = draft). Audited; search reindexes it (catalog/product.updated, debounced).
import { catalogProductUpdated } from '@/inngest/events';
import { send } from '@/inngest/send';
import { announceRestock } from '@/server/modules/inventory/backorders';
import { withTx, type Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { productIdInput, updateProductInput, type UpdateProductInput } from './update-product.schema';

export type EditableProduct = {
  id: string;
  slug: string;
  sku: string | null;
  title: string;
  description: string;
  categoryPath: string[];
  priceCents: number;
  currency: string;
  stock: number;
  hidden: boolean;
  status: 'draft' | 'active' | 'archived';
  variantCount: number;
};

/** What a product summary reads: the product and its variants, the default (first created) first. */
export const editableProductSelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  categoryPath: true,
  status: true,
  variants: { select: { sku: true, priceCents: true, currency: true, stockOnHand: true }, orderBy: [{ createdAt: 'asc' as const }, { id: 'asc' as const }] },
};

type EditableRow = {
  id: string;
  slug: string;
  title: string;
  description: string;
  categoryPath: string[];
  status: EditableProduct['status'];
  variants: { sku: string; priceCents: number; currency: string; stockOnHand: number }[];
};

/** The default variant is the first one created (imports and the seeder create exactly one). */
export function toEditableProduct(p: EditableRow): EditableProduct {
  const v = p.variants[0];
  return {
    id: p.id,
    slug: p.slug,
    sku: v?.sku ?? null,
    title: p.title,
    description: p.description,
    categoryPath: p.categoryPath,
    priceCents: v?.priceCents ?? 0,
    currency: v?.currency ?? 'USD',
    stock: v?.stockOnHand ?? 0,
    hidden: p.status !== 'active',
    status: p.status,
    variantCount: p.variants.length,
  };
}

export async function getEditableProduct(db: Db, raw: { productId: string }): Promise<EditableProduct> {
  const { productId } = productIdInput.parse(raw);
  const p = await db.product.findUnique({ where: { id: productId }, select: editableProductSelect });
  if (!p) throw new NotFoundError('product', productId);
  return toEditableProduct(p);
}

export async function updateProduct(db: Db, actor: { id: string; email: string }, raw: UpdateProductInput): Promise<EditableProduct> {
  const input = updateProductInput.parse(raw);
  const before = await getEditableProduct(db, { productId: input.productId });
  const variantId = await withTx(db, async (tx) => {
    await tx.product.update({
      where: { id: input.productId },
      data: { title: input.title, description: input.description, status: input.hidden ? 'draft' : 'active' },
    });
    const variant = await tx.productVariant.findFirst({ where: { productId: input.productId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } });
    if (variant) await tx.productVariant.update({ where: { id: variant.id }, data: { priceCents: input.priceCents, stockOnHand: input.stock } });
    // The product no longer matches the file it came from: the next import of that file re-applies it.
    await tx.catalogImportedSku.deleteMany({ where: { productId: input.productId } });
    await recordAudit(tx, {
      actor: actor.email,
      action: 'catalog.product.update',
      entity: 'product',
      entityId: input.productId,
      before: { title: before.title, priceCents: before.priceCents, stock: before.stock, hidden: before.hidden },
      after: { title: input.title, priceCents: input.priceCents, stock: input.stock, hidden: input.hidden },
    });
    return variant?.id ?? null;
  });
  // A restock (stock went up) is announced: back-ordered units may now ship.
  if (variantId) await announceRestock(db, { variantId, productId: input.productId, before: before.stock, after: input.stock });
  await send(catalogProductUpdated.create({ productId: input.productId }, { id: `product-updated-${input.productId}-${Date.now()}` }));
  return getEditableProduct(db, { productId: input.productId });
}
