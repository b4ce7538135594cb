// Multi-variant import: rows sharing a handle are one product whose variants are the rows
// (one SKU each, with its option values, price and stock). The product is found by its
// handle (stored as external_id "handle:<handle>"), else by a variant SKU it already has,
// else created. Product fields come from the group's first row; each variant's title is its
// option values ("M / Navy"); the product's option names and values are kept as the
// `options` attribute ("Size: S, M, L; Color: Navy, Sand"), which search indexes as text.
// The schema is unchanged: variants were already rows of product_variants.
import type { Prisma } from '@/server/db/generated/client';
import { newId } from '@/server/lib/ids';
import type { ImportRow } from './import.schema';
import { freshSlugs, productFields, type PendingRow, type RowOutcome } from './run-import';
import { variantTitle } from './validate-import-rows';

export const handleExternalId = (handle: string) => `handle:${handle}`;

/** "Size: S, M; Color: Navy" from the variants' options, in the order first seen. */
export function optionsAttribute(rows: ImportRow[]): string {
  const values = new Map<string, string[]>();
  for (const r of rows)
    for (const o of r.options) {
      const list = values.get(o.name) ?? [];
      if (!list.includes(o.value)) list.push(o.value);
      values.set(o.name, list);
    }
  return [...values].map(([name, list]) => `${name}: ${list.join(', ')}`).join('; ');
}

export async function writeVariantGroups(tx: Prisma.TransactionClient, pending: PendingRow[]): Promise<RowOutcome[]> {
  const byHandle = new Map<string, PendingRow[]>();
  for (const r of [...pending].sort((a, b) => a.rowNumber - b.rowNumber)) {
    const handle = (r.data as ImportRow).handle!;
    byHandle.set(handle, [...(byHandle.get(handle) ?? []), r]);
  }
  const skus = pending.map((r) => r.sku);
  const [variants, products, hashes] = await Promise.all([
    tx.productVariant.findMany({
      where: { sku: { in: skus } },
      select: { id: true, sku: true, productId: true, product: { select: { externalId: true } } },
    }),
    tx.product.findMany({
      where: { externalId: { in: [...byHandle.keys()].map(handleExternalId) } },
      select: { id: true, externalId: true },
    }),
    tx.catalogImportedSku.findMany({ where: { sku: { in: skus } } }),
  ]);
  const variantBySku = new Map(variants.map((v) => [v.sku, v]));
  const productByHandle = new Map(products.map((p) => [p.externalId!.slice('handle:'.length), p.id]));
  const hashBySku = new Map(hashes.map((h) => [h.sku, h]));

  const outcomes: RowOutcome[] = [];
  const newGroups: { handle: string; rows: PendingRow[] }[] = [];
  for (const [handle, rows] of byHandle) {
    // By handle; else the product of the first row's SKU if it was imported SKU by SKU (no handle yet).
    const leadVariant = variantBySku.get(rows[0]!.sku);
    const productId =
      productByHandle.get(handle) ?? (leadVariant && !leadVariant.product.externalId?.startsWith('handle:') ? leadVariant.productId : undefined);
    if (!productId) {
      // The plan refused SKUs of other products; one taken since then is updated where it is.
      const taken = rows.filter((r) => variantBySku.has(r.sku));
      for (const r of taken) outcomes.push(await updateInPlace(tx, variantBySku.get(r.sku)!, r));
      const fresh = rows.filter((r) => !variantBySku.has(r.sku));
      if (fresh.length) newGroups.push({ handle, rows: fresh });
      continue;
    }
    const changed = rows.filter((r) => {
      const last = hashBySku.get(r.sku);
      const v = variantBySku.get(r.sku);
      return !(v && last && last.contentHash === r.contentHash && last.productId === v.productId);
    });
    for (const r of rows)
      if (!changed.includes(r))
        outcomes.push({ row: r.rowNumber, sku: r.sku, outcome: 'unchanged', productId, data: r.data as ImportRow, hash: r.contentHash });
    if (changed.length === 0) continue;
    const lead = rows[0]!.data as ImportRow;
    const current = await tx.product.findUniqueOrThrow({ where: { id: productId }, select: { attributes: true, externalId: true } });
    const attributes = { ...((current.attributes ?? {}) as Record<string, unknown>) };
    const options = optionsAttribute(rows.map((r) => r.data as ImportRow));
    await tx.product.update({
      where: { id: productId },
      data: {
        ...productFields(lead, { ...attributes, ...(options ? { options } : {}) }),
        // A product first imported SKU by SKU takes the handle now (a seeded product keeps its source id).
        ...(current.externalId ? {} : { externalId: handleExternalId(handle) }),
      },
    });
    for (const r of changed) {
      const data = r.data as ImportRow;
      const v = variantBySku.get(r.sku);
      const fields = { title: variantTitle(data.options), priceCents: data.priceCents, currency: data.currency, stockOnHand: data.stock };
      if (v) {
        // A SKU of another product (taken after the plan refused such rows) stays where it is.
        await tx.productVariant.update({ where: { id: v.id }, data: fields });
        outcomes.push({ row: r.rowNumber, sku: r.sku, outcome: 'updated', productId: v.productId, data, hash: r.contentHash });
      } else {
        await tx.productVariant.create({ data: { id: newId('var'), productId, sku: r.sku, ...fields } });
        outcomes.push({ row: r.rowNumber, sku: r.sku, outcome: 'created', productId, data, hash: r.contentHash });
      }
    }
  }

  if (newGroups.length) {
    const slugs = await freshSlugs(
      tx,
      newGroups.map((g) => ({ title: (g.rows[0]!.data as ImportRow).title, sku: g.handle })),
    );
    const created = newGroups.map((g, i) => {
      const lead = g.rows[0]!.data as ImportRow;
      const options = optionsAttribute(g.rows.map((r) => r.data as ImportRow));
      return {
        id: newId('prod'),
        slug: slugs[i]!,
        externalId: handleExternalId(g.handle),
        ...productFields(lead, options ? { options } : {}),
      };
    });
    await tx.product.createMany({ data: created });
    await tx.productVariant.createMany({
      data: newGroups.flatMap((g, i) =>
        g.rows.map((r) => {
          const data = r.data as ImportRow;
          return {
            id: newId('var'),
            productId: created[i]!.id,
            sku: r.sku,
            title: variantTitle(data.options),
            priceCents: data.priceCents,
            currency: data.currency,
            stockOnHand: data.stock,
          };
        }),
      ),
    });
    newGroups.forEach((g, i) =>
      g.rows.forEach((r) =>
        outcomes.push({ row: r.rowNumber, sku: r.sku, outcome: 'created', productId: created[i]!.id, data: r.data as ImportRow, hash: r.contentHash }),
      ),
    );
  }
  return outcomes;
}

async function updateInPlace(tx: Prisma.TransactionClient, v: { id: string; productId: string }, r: PendingRow): Promise<RowOutcome> {
  const data = r.data as ImportRow;
  await tx.productVariant.update({
    where: { id: v.id },
    data: { title: variantTitle(data.options), priceCents: data.priceCents, currency: data.currency, stockOnHand: data.stock },
  });
  return { row: r.rowNumber, sku: r.sku, outcome: 'updated', productId: v.productId, data, hash: r.contentHash };
}
