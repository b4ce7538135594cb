// The allow_backorder import column (issue #7) on a real database: CSV, Shopify's "Variant
// Inventory Policy" (continue/deny) and JSON set the product's back-order setting; a file
// without the column re-imports as unchanged; changing the column updates the row; a bad
// value is a row error naming the column.
import { beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { allocateRestockedBackorders } from '@/inngest/functions/allocate-backorders';
import { catalogImport } from '@/inngest/functions/catalog-import';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { address, ensureStoreDefaults, freshCard, freshIp } from '@/server/modules/checkout/checkout.fixtures';
import { getOrder } from '@/server/modules/checkout/get-order';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { backorderSettings } from '@/server/modules/inventory/backorders';
import { previewImport } from './build-import-report';
import { getImport } from './read-imports';
import { startImport } from './start-import';

const getDb = useTestDatabase();
let runner: Runner;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  setEventStoreDb(getDb().prisma);
  await ensureStoreDefaults(getDb().prisma);
  runner = createRunner({ db: getDb().prisma, client: inngest, functions: [catalogImport, allocateRestockedBackorders], pollMs: 20, log: () => undefined });
});

async function importAndWait(content: string, format: 'csv' | 'json' = 'csv') {
  const started = await startImport(getDb().prisma, { format, content, fileName: `t.${format}` }, { source: 'console', requestedBy: 'staff_x' });
  const t0 = Date.now();
  for (;;) {
    const r = await getImport(getDb().prisma, started);
    if (['completed', 'failed'].includes(r.status)) return r;
    if (Date.now() - t0 > 30_000) throw new Error('import did not finish');
    if ((await runner.tick()) === 0) await new Promise((res) => setTimeout(res, 20));
  }
}

async function settingsOf(...skus: string[]): Promise<(boolean | null)[]> {
  const variants = await getDb().prisma.productVariant.findMany({ where: { sku: { in: skus } }, select: { sku: true, productId: true } });
  const bySku = new Map(variants.map((v) => [v.sku, v.productId]));
  const settings = await backorderSettings(getDb().prisma, [...bySku.values()]);
  return skus.map((s) => settings.get(bySku.get(s)!) ?? null);
}

describe('allow_backorder import column', () => {
  it('CSV: a file without the column re-imports unchanged; with it, rows update and the setting follows', async () => {
    const old = ['sku,title,price,stock', 'BO-1,Oak Stool,40.00,3', 'BO-2,Ash Bench,120.00,1'].join('\n');
    expect(await importAndWait(old)).toMatchObject({ status: 'completed', created: 2 });
    expect(await importAndWait(old)).toMatchObject({ status: 'completed', unchanged: 2, updated: 0 });
    expect(await settingsOf('BO-1', 'BO-2')).toEqual([null, null]);

    const withColumn = ['sku,title,price,stock,Allow Backorder', 'BO-1,Oak Stool,40.00,3,yes', 'BO-2,Ash Bench,120.00,1,'].join('\n');
    // BO-2 leaves the cell blank: same content as before, so still unchanged, and no setting written.
    expect(await importAndWait(withColumn)).toMatchObject({ status: 'completed', updated: 1, unchanged: 1 });
    expect(await settingsOf('BO-1', 'BO-2')).toEqual([true, null]);
    expect(await importAndWait(withColumn)).toMatchObject({ unchanged: 2, updated: 0 });

    const flipped = ['sku,title,price,stock,allow_backorder', 'BO-1,Oak Stool,40.00,3,0', 'BO-2,Ash Bench,120.00,1,true'].join('\n');
    expect(await importAndWait(flipped)).toMatchObject({ updated: 2, unchanged: 0 });
    expect(await settingsOf('BO-1', 'BO-2')).toEqual([false, true]);
    // The old file (no column) differs from what the last import wrote, so its rows update;
    // without the column they leave the back-order settings as they are.
    expect(await importAndWait(old)).toMatchObject({ updated: 2 });
    expect(await settingsOf('BO-1', 'BO-2')).toEqual([false, true]);
  }, 60_000);

  it("Shopify's Variant Inventory Policy: continue allows, deny does not, per product", async () => {
    const shopify = [
      'Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Qty,Variant Inventory Policy',
      'linen-shirt,Linen Shirt,Size,S,SH-S,49.00,0,continue',
      'linen-shirt,,Size,M,SH-M,49.00,2,continue',
      'wool-cap,Wool Cap,,,CAP-1,19.00,5,deny',
    ].join('\n');
    const report = await previewImport(getDb().prisma, { format: 'csv', content: shopify });
    expect(report).toMatchObject({ validRows: 3, invalidRows: 0, ignoredColumns: [] });
    expect(await importAndWait(shopify)).toMatchObject({ status: 'completed', created: 3 });
    expect(await settingsOf('SH-S', 'SH-M', 'CAP-1')).toEqual([true, true, false]);
  }, 60_000);

  it('JSON: allow_backorder or allowBackorder keys, booleans or strings', async () => {
    const json = JSON.stringify([
      { sku: 'JB-1', title: 'Clay Vase', price: 30, allow_backorder: true },
      { sku: 'JB-2', title: 'Glass Vase', price: 35, allowBackorder: 'no' },
      { sku: 'JB-3', title: 'Stone Vase', price: 40 },
    ]);
    expect(await importAndWait(json, 'json')).toMatchObject({ status: 'completed', created: 3 });
    expect(await settingsOf('JB-1', 'JB-2', 'JB-3')).toEqual([true, false, null]);
  }, 60_000);

  it('a bad value is a row error naming the column; the other rows are fine', async () => {
    const csv = ['sku,title,price,variant inventory policy', 'BAD-1,Lamp,10.00,maybe', 'BAD-2,Rug,90.00,deny'].join('\n');
    const report = await previewImport(getDb().prisma, { format: 'csv', content: csv });
    expect(report).toMatchObject({ validRows: 1, invalidRows: 1 });
    expect(report.problems).toEqual([{ row: 1, column: 'allow_backorder', problem: 'must be true or false (yes/no, 1/0), or continue/deny' }]);
    const json = JSON.stringify([{ sku: 'BAD-3', title: 'Rug', price: 9, allowBackorder: 7 }]);
    expect((await previewImport(getDb().prisma, { format: 'json', content: json })).problems).toEqual([
      { row: 1, column: 'allow_backorder', problem: 'must be true or false (yes/no, 1/0), or continue/deny' },
    ]);
  });

  it('rows of one handle that disagree are a conflict (the setting is per product)', async () => {
    const csv = [
      'handle,title,option1_name,option1_value,sku,price,allow_backorder',
      'tee,Tee,Size,S,TEE-S,10.00,yes',
      'tee,,Size,M,TEE-M,10.00,no',
    ].join('\n');
    const report = await previewImport(getDb().prisma, { format: 'csv', content: csv });
    expect(report.problems).toEqual([expect.objectContaining({ row: 2, column: 'allow_backorder' })]);
  });

  it('a file that raises the stock of a back-ordered variant announces the restock, and the waiting order gets the units', async () => {
    const db = getDb().prisma;
    const file = (stock: number) => ['sku,title,price,stock,allow_backorder', `RS-1,Cedar Box,15.00,${stock},yes`, `RS-2,Pine Box,12.00,${stock},no`].join('\n');
    await importAndWait(file(0));
    const variant = await db.productVariant.findUniqueOrThrow({ where: { sku: 'RS-1' } });
    const placed = await placeOrder(
      db,
      {
        sessionKey: null,
        lines: [{ variantId: variant.id, quantity: 3 }],
        email: 'import-restock@example.com',
        shippingAddress: address,
        paymentMethod: freshCard(),
        idempotencyKey: 'import-restock-1',
        ipAddress: freshIp(),
        requestId: 'req-import-restock',
      },
      { publish: async () => undefined },
    );
    expect(placed.order.lines[0]!.backorderedQuantity).toBe(3);
    await importAndWait(file(2));
    const events = (
      await getDb().query<{ data: { variantId: string; addedUnits: number; backorderedUnits: number } }>(
        `SELECT data FROM events WHERE name = 'inventory/variant.restocked'`,
      )
    ).rows.map((r) => r.data);
    // Only the variant with back-orders waiting is announced (RS-2 rose too, nobody waits for it).
    expect(events).toEqual([expect.objectContaining({ variantId: variant.id, addedUnits: 2, backorderedUnits: 3 })]);
    const t0 = Date.now();
    while ((await getOrder(db, placed.order.id)).lines[0]!.backorderAllocatedQuantity < 2) {
      if (Date.now() - t0 > 30_000) throw new Error('restock was not allocated');
      if ((await runner.tick()) === 0) await new Promise((res) => setTimeout(res, 20));
    }
    expect((await getOrder(db, placed.order.id)).lines[0]).toMatchObject({ backorderedQuantity: 3, backorderAllocatedQuantity: 2 });
  }, 60_000);
});
