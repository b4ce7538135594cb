// Products for systems (REST, app/api/v1/products): read, create and update, with the
// product's back-order setting (allowBackorder) alongside. Updates go through the console's
// updateProduct (audit, restock announcement, reindex) and the inventory module's setting.
import { catalogProductUpdated } from '@/inngest/events';
import { send } from '@/inngest/send';
import { withTx, type Db } from '@/server/db/client';
import { ConflictError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { backorderSettings, setAllowBackorder } from '@/server/modules/inventory/backorders';
import { freshSlugs } from './import/run-import';
import {
  createRestProductInput,
  listRestProductsInput,
  restProductIdInput,
  updateRestProductInput,
  type CreateRestProductInput,
  type ListRestProductsInput,
  type UpdateRestProductInput,
} from './rest-products.schema';
import { editableProductSelect, getEditableProduct, toEditableProduct, updateProduct, type EditableProduct } from './update-product';

export type RestProduct = EditableProduct & { allowBackorder: boolean };

type Actor = { id: string; email: string };

export async function getRestProduct(db: Db, raw: { productId: string }): Promise<RestProduct> {
  const { productId } = restProductIdInput.parse(raw);
  const [product, settings] = await Promise.all([getEditableProduct(db, { productId }), backorderSettings(db, [productId])]);
  return { ...product, allowBackorder: settings.get(productId) ?? false };
}

/** Oldest first, keyset-paginated by id. */
export async function listRestProducts(db: Db, raw: ListRestProductsInput = {}): Promise<{ items: RestProduct[]; nextCursor: string | null }> {
  const { limit, cursor } = listRestProductsInput.parse(raw);
  const rows = await db.product.findMany({
    where: cursor ? { id: { gt: cursor } } : {},
    orderBy: { id: 'asc' },
    take: limit + 1,
    select: editableProductSelect,
  });
  const page = rows.slice(0, limit);
  const settings = await backorderSettings(db, page.map((p) => p.id));
  const items = page.map((p): RestProduct => ({ ...toEditableProduct(p), allowBackorder: settings.get(p.id) ?? false }));
  return { items, nextCursor: rows.length > limit ? page.at(-1)!.id : null };
}

/** A product with its default variant; a SKU already in the catalog is a conflict naming it. */
export async function createRestProduct(db: Db, actor: Actor, raw: CreateRestProductInput): Promise<RestProduct> {
  const input = createRestProductInput.parse(raw);
  const taken = await db.productVariant.findUnique({ where: { sku: input.sku }, select: { productId: true } });
  if (taken) throw new ConflictError(`SKU ${input.sku} already belongs to product ${taken.productId}`, { field: 'sku', productId: taken.productId });
  const productId = newId('prod');
  await withTx(db, async (tx) => {
    const [slug] = await freshSlugs(tx, [{ title: input.title, sku: input.sku }]);
    await tx.product.create({
      data: {
        id: productId,
        slug: slug!,
        title: input.title,
        description: input.description,
        categoryPath: input.categoryPath,
        status: input.hidden ? 'draft' : 'active',
        variants: { create: { id: newId('var'), sku: input.sku, priceCents: input.priceCents, currency: input.currency, stockOnHand: input.stock } },
      },
    });
    await recordAudit(tx, {
      actor: actor.email,
      action: 'catalog.product.create',
      entity: 'product',
      entityId: productId,
      after: { sku: input.sku, title: input.title, priceCents: input.priceCents, stock: input.stock, hidden: input.hidden },
    });
  });
  if (input.allowBackorder) await setAllowBackorder(db, { productId, allowBackorder: true }, { actor: actor.email });
  await send(catalogProductUpdated.create({ productId }, { id: `product-updated-${productId}-${Date.now()}` }));
  return getRestProduct(db, { productId });
}

/** Only the fields given change; allowBackorder goes to the inventory module's (audited) setting. */
export async function updateRestProduct(db: Db, actor: Actor, raw: { productId: string } & UpdateRestProductInput): Promise<RestProduct> {
  const { productId: rawId, ...fields } = raw;
  const { productId } = restProductIdInput.parse({ productId: rawId });
  const input = updateRestProductInput.parse(fields);
  const current = await getEditableProduct(db, { productId });
  const { allowBackorder, ...product } = input;
  if (Object.values(product).some((v) => v !== undefined)) {
    await updateProduct(db, actor, {
      productId,
      title: product.title ?? current.title,
      description: product.description ?? current.description,
      priceCents: product.priceCents ?? current.priceCents,
      stock: product.stock ?? current.stock,
      hidden: product.hidden ?? current.hidden,
    });
  }
  if (allowBackorder !== undefined) await setAllowBackorder(db, { productId, allowBackorder }, { actor: actor.email });
  return getRestProduct(db, { productId });
}
