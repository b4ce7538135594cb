// The background job's steps (inngest/functions/catalog-import.ts). Each chunk is one
// transaction that writes its products, records each row's outcome and bumps the import's
// counters together: a chunk killed half-way leaves nothing, and a chunk re-run after it
// committed finds its rows done and changes nothing. Idempotent by SKU: a row whose content
// hash equals what the last import wrote for that SKU is "unchanged" and not written.
import { withTx, type Db } from '@/server/db/client';
import { Prisma } from '@/server/db/generated/client';
import { NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { applyBackorderSettings } from '@/server/modules/inventory/backorders';
import { enqueueReview } from '@/server/modules/reviews/enqueue-review';
import { slugify } from '../normalize';
import { writeVariantGroups } from './variant-groups';
import type { ImportRow } from './import.schema';

export const CATALOG_FLAG_KIND = 'catalog_flag';

export type Outcome = 'created' | 'updated' | 'unchanged';
export type PendingRow = { rowNumber: number; sku: string; data: unknown; contentHash: string; flags: string[] };
export type RowOutcome = { row: number; sku: string; outcome: Outcome; productId: string; data: ImportRow; hash: string };
/** A variant whose stock the chunk raised while back-ordered units of it were waiting (announced after the chunk). */
export type ImportRestock = { variantId: string; productId: string; before: number; after: number };
export type ChunkResult = { chunk: number; written: number; productIds: string[]; restocked?: ImportRestock[] };

export async function beginImport(db: Db, importId: string): Promise<{ chunks: number; total: number }> {
  const rows = await db.catalogImport.updateManyAndReturn({
    where: { id: importId, status: { in: ['queued', 'running'] } },
    data: { status: 'running', startedAt: new Date() },
    select: { total: true },
  });
  const last = await db.catalogImportRow.aggregate({ where: { importId }, _max: { chunk: true } });
  if (rows.length === 0 && !(await db.catalogImport.findUnique({ where: { id: importId }, select: { id: true } }))) {
    throw new NotFoundError('catalog import', importId);
  }
  return { chunks: (last._max.chunk ?? -1) + 1, total: rows[0]?.total ?? 0 };
}

/** Slug for a new product: title plus SKU, made unique against the catalog and the batch. */
export async function freshSlugs(tx: Prisma.TransactionClient, rows: Pick<ImportRow, 'title' | 'sku'>[]): Promise<string[]> {
  const wanted = rows.map((r) => slugify(r.title, r.sku.toLowerCase().replace(/[^a-z0-9]+/g, '-')));
  const taken = new Set(
    (await tx.product.findMany({ where: { slug: { in: wanted } }, select: { slug: true } })).map((p) => p.slug),
  );
  return wanted.map((slug) => {
    // SKUs differing only in case or punctuation ("AB-1", "ab_1") share a slug: number the later ones.
    let s = slug;
    for (let n = 2; taken.has(s); n++) s = `${slug}-${n}`;
    taken.add(s);
    return s;
  });
}

export function productFields(data: ImportRow, existingAttributes: Record<string, unknown> = {}) {
  return {
    title: data.title,
    description: data.description,
    classes: data.classes,
    categoryPath: data.categoryPath,
    // Attributes the file does not name (e.g. the seeder's source fields) are kept.
    attributes: { ...existingAttributes, ...data.attributes, ...(data.imageUrl ? { image_url: data.imageUrl } : {}) } as Prisma.InputJsonValue,
    status: data.hidden ? ('draft' as const) : ('active' as const),
  };
}

export async function importChunk(db: Db, importId: string, chunk: number): Promise<ChunkResult> {
  return withTx(
    db,
    async (tx) => {
      // One chunk of an import at a time, even if a lease expired and two workers hold the same step.
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM catalog_imports WHERE id = ${importId} FOR UPDATE`;
      if (locked.length === 0) throw new NotFoundError('catalog import', importId);
      const pending = await tx.catalogImportRow.findMany({
        where: { importId, chunk, outcome: null },
        orderBy: { rowNumber: 'asc' },
        select: { rowNumber: true, sku: true, data: true, contentHash: true, flags: true },
      });
      let written = 0;
      let restocked: ImportRestock[] = [];
      if (pending.length > 0) {
        const before = await stockBefore(tx, pending.map((r) => r.sku));
        written = await writeRows(tx, importId, pending);
        restocked = await restockedWithBackorders(tx, pending, before);
      }
      const done = await tx.catalogImportRow.findMany({
        where: { importId, chunk, outcome: { in: ['created', 'updated'] } },
        orderBy: { rowNumber: 'asc' },
        select: { productId: true },
      });
      return { chunk, written, productIds: done.map((d) => d.productId!).filter(Boolean), restocked };
    },
    { timeoutMs: 120_000 },
  );
}

async function stockBefore(tx: Prisma.TransactionClient, skus: string[]) {
  const rows = await tx.productVariant.findMany({ where: { sku: { in: skus } }, select: { id: true, sku: true, productId: true, stockOnHand: true } });
  return new Map(rows.map((r) => [r.sku, r]));
}

/**
 * Rows whose new stock is above the variant's stock before the chunk, for variants with
 * back-ordered units on open orders: the import restocked them (back-orders may now ship).
 */
async function restockedWithBackorders(
  tx: Prisma.TransactionClient,
  rows: PendingRow[],
  before: Map<string, { id: string; productId: string; stockOnHand: number }>,
): Promise<ImportRestock[]> {
  const rises = rows.flatMap((r) => {
    const was = before.get(r.sku);
    const now = (r.data as ImportRow).stock;
    return was && now > was.stockOnHand ? [{ variantId: was.id, productId: was.productId, before: was.stockOnHand, after: now }] : [];
  });
  if (rises.length === 0) return [];
  const waiting = await tx.$queryRaw<{ variant_id: string }[]>`
    SELECT DISTINCT b.variant_id FROM order_line_backorders b JOIN orders o ON o.id = b.order_id
    WHERE b.variant_id = ANY(${rises.map((x) => x.variantId)}::text[]) AND o.status NOT IN ('cancelled', 'refunded', 'fulfilled')`;
  const ids = new Set(waiting.map((w) => w.variant_id));
  return rises.filter((x) => ids.has(x.variantId));
}

async function writeRows(
  tx: Prisma.TransactionClient,
  importId: string,
  all: PendingRow[],
): Promise<number> {
  let pending = all;
  // Rows sharing a handle are one product with several variants (variant-groups.ts).
  const grouped = pending.filter((r) => (r.data as ImportRow).handle);
  pending = pending.filter((r) => !(r.data as ImportRow).handle);
  const skus = pending.map((r) => r.sku);
  const variants = await tx.productVariant.findMany({
    where: { sku: { in: skus } },
    select: { id: true, sku: true, productId: true, product: { select: { attributes: true } } },
  });
  const variantBySku = new Map(variants.map((v) => [v.sku, v]));
  const hashBySku = new Map(
    (await tx.catalogImportedSku.findMany({ where: { sku: { in: skus } } })).map((h) => [h.sku, h]),
  );

  const outcomes: RowOutcome[] = grouped.length ? await writeVariantGroups(tx, grouped) : [];
  const creates: { row: number; sku: string; data: ImportRow; hash: string }[] = [];
  for (const r of pending) {
    const data = r.data as ImportRow;
    const v = variantBySku.get(r.sku);
    if (!v) {
      creates.push({ row: r.rowNumber, sku: r.sku, data, hash: r.contentHash });
      continue;
    }
    const last = hashBySku.get(r.sku);
    if (last && last.contentHash === r.contentHash && last.productId === v.productId) {
      outcomes.push({ row: r.rowNumber, sku: r.sku, outcome: 'unchanged', productId: v.productId, data, hash: r.contentHash });
      continue;
    }
    await tx.product.update({
      where: { id: v.productId },
      data: productFields(data, (v.product.attributes ?? {}) as Record<string, unknown>),
    });
    await tx.productVariant.update({
      where: { id: v.id },
      data: { priceCents: data.priceCents, currency: data.currency, stockOnHand: data.stock },
    });
    outcomes.push({ row: r.rowNumber, sku: r.sku, outcome: 'updated', productId: v.productId, data, hash: r.contentHash });
  }

  if (creates.length > 0) {
    const slugs = await freshSlugs(tx, creates.map((c) => c.data));
    const products = creates.map((c, i) => ({ id: newId('prod'), slug: slugs[i]!, ...productFields(c.data) }));
    await tx.product.createMany({ data: products });
    await tx.productVariant.createMany({
      data: creates.map((c, i) => ({
        id: newId('var'),
        productId: products[i]!.id,
        sku: c.sku,
        priceCents: c.data.priceCents,
        currency: c.data.currency,
        stockOnHand: c.data.stock,
      })),
    });
    creates.forEach((c, i) => outcomes.push({ row: c.row, sku: c.sku, outcome: 'created', productId: products[i]!.id, data: c.data, hash: c.hash }));
  }

  const changed = outcomes.filter((o) => o.outcome !== 'unchanged');
  // The allow_backorder column, where the file has it, sets the product's back-order setting
  // (the inventory module owns it); one value per product (a handle's rows agree, validated).
  await applyBackorderSettings(
    tx,
    changed.flatMap((o) => (o.data.allowBackorder === undefined ? [] : [{ productId: o.productId, allowBackorder: o.data.allowBackorder }])),
  );
  if (changed.length > 0) {
    const hashes = JSON.stringify(changed.map((o) => ({ sku: o.sku, product_id: o.productId, content_hash: o.hash })));
    await tx.$executeRaw`
      INSERT INTO catalog_imported_skus (sku, product_id, content_hash, import_id, updated_at)
      SELECT x.sku, x.product_id, x.content_hash, ${importId}, now()
      FROM jsonb_to_recordset(${hashes}::jsonb) AS x(sku text, product_id text, content_hash text)
      ON CONFLICT (sku) DO UPDATE SET product_id = EXCLUDED.product_id, content_hash = EXCLUDED.content_hash,
        import_id = EXCLUDED.import_id, updated_at = now()`;
  }
  const marks = JSON.stringify(outcomes.map((o) => ({ row_number: o.row, outcome: o.outcome, product_id: o.productId })));
  await tx.$executeRaw`
    UPDATE catalog_import_rows r SET outcome = x.outcome, product_id = x.product_id
    FROM jsonb_to_recordset(${marks}::jsonb) AS x(row_number int, outcome text, product_id text)
    WHERE r.import_id = ${importId} AND r.row_number = x.row_number`;

  // Data-quality flags ("price_outlier: …") of rows that changed a product go to the one review queue.
  const flagsByRow = new Map(all.map((r) => [r.rowNumber, r.flags]));
  let flagged = 0;
  for (const o of changed) {
    const reasons = flagsByRow.get(o.row) ?? [];
    if (reasons.length === 0) continue;
    await enqueueReview(tx, {
      kind: CATALOG_FLAG_KIND,
      subjectId: o.productId,
      reasons,
      summary: {
        sku: o.sku,
        title: o.data.title,
        category: o.data.categoryPath.join(' / ') || null,
        priceCents: o.data.priceCents,
        importId,
        row: o.row,
      },
      slaMinutes: 3 * 24 * 60,
    });
    flagged++;
  }

  const count = (k: Outcome) => outcomes.filter((o) => o.outcome === k).length;
  await tx.catalogImport.update({
    where: { id: importId },
    data: {
      processed: { increment: outcomes.length },
      created: { increment: count('created') },
      updated: { increment: count('updated') },
      unchanged: { increment: count('unchanged') },
      flagged: { increment: flagged },
    },
  });
  return changed.length;
}

export async function finishImport(db: Db, importId: string) {
  const row = await db.catalogImport.update({
    where: { id: importId },
    data: { status: 'completed', finishedAt: new Date() },
    select: { id: true, total: true, processed: true, created: true, updated: true, unchanged: true, failed: true, flagged: true },
  });
  return row;
}

/** The job gave up (retries exhausted): say so on the import; rows already written stay. */
export async function failImport(db: Db, importId: string, message: string): Promise<void> {
  await db.catalogImport.updateMany({
    where: { id: importId, status: { in: ['queued', 'running'] } },
    data: { status: 'failed', error: message.slice(0, 500), finishedAt: new Date() },
  });
}
