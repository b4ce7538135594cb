// Catalog import end to end on a real database: the report before anything is written, the
// background job (the real catalog-import function on the embedded runner) writing valid rows
// once, re-imports changing nothing, flags reaching the review queue, and new products indexed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/index';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { importProducts } from '@/server/modules/catalog/import-products';
import { normalizeWandsProduct } from '@/server/modules/catalog/normalize';
import { parseWandsProducts } from '@/server/modules/catalog/wands-tsv';
import { previewImport } from './build-import-report';
import { getImport, listImports } from './read-imports';
import { NothingToImportError, startImport } from './start-import';

const SEED = path.resolve(import.meta.dirname, '../../../../prisma/seed-data/wands-products.tsv');
const getDb = useTestDatabase();
let runner: Runner;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  setEventStoreDb(getDb().prisma);
  runner = createRunner({ db: getDb().prisma, client: inngest, functions, pollMs: 20, log: () => undefined });
  const rows = parseWandsProducts(readFileSync(SEED, 'utf8')).rows.slice(0, 60).map(normalizeWandsProduct);
  await importProducts(getDb().prisma, rows);
}, 60_000);

const count = async (sql: string) => (await getDb().query<{ n: number }>(sql)).rows[0]!.n;

async function runUntil(pred: () => Promise<boolean>, timeoutMs = 60_000) {
  const t0 = Date.now();
  while (!(await pred())) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    if ((await runner.tick()) === 0) await new Promise((r) => setTimeout(r, 20));
  }
}
async function importAndWait(content: string, format: 'csv' | 'json' = 'csv', chunkRows?: number) {
  const started = await startImport(getDb().prisma, { format, content, fileName: `t.${format}` }, { source: 'console', requestedBy: 'staff_x', chunkRows });
  await runUntil(async () => ['completed', 'failed'].includes((await getImport(getDb().prisma, started)).status));
  return getImport(getDb().prisma, started);
}

// Rows 3, 5 and 6 are bad; rows 1, 2, 4 and 7 are good (7 has no category: a flag, not an error).
const CSV = [
  'SKU,Title,Description,Category Path,Class,Price,Currency,Stock,Colour,Material,Image URL,Hidden,Shelf',
  'IMP-001,Moss Green Velvet Chaise Longue,"A deep, low chaise in moss green velvet, for reading",Furniture / Living Room Furniture / Chaise Lounge Chairs,Chaise Lounge Chairs,"1,299.00",USD,4,Moss green,Velvet,https://img.example/1.jpg,no,A1',
  'IMP-002,Oak Reading Lamp,Warm brass-and-oak floor lamp,Lighting / Floor Lamps,Floor Lamps,189.5,usd,12,,,,false,A2',
  'IMP-003,,No title here,Lighting,Lamps,10.00,USD,1,,,,,A3',
  'IMP-004,Linen Throw Pillow,Soft linen,Décor & Pillows / Throw Pillows,Throw Pillows,$24.99,USD,30,Oat,Linen,,,A4',
  'IMP-005,Broken Price Stool,A stool,Furniture / Stools,Stools,12.999,USD,-3,,,ftp://nope,maybe,A5',
  'IMP-001,Duplicate Sku Sofa,Same SKU as row 1,Furniture,Sofas,500.00,USD,1,,,,,A6',
  'IMP-007,Mystery Object,,,,45.00,USD,2,,,,,A7',
].join('\n');

describe('catalog import', () => {
  it('reports every bad row (row, column, problem) and writes nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM products`);
    const report = await previewImport(getDb().prisma, { format: 'csv', content: CSV, fileName: 'spring.csv' });
    expect(report).toMatchObject({ totalRows: 7, validRows: 4, invalidRows: 3, ignoredColumns: ['Shelf'] });
    expect(report.problems).toEqual([
      { row: 3, column: 'title', problem: 'is required' },
      { row: 5, column: 'price', problem: 'must be a decimal with at most 2 places, such as 1299.00' },
      { row: 5, column: 'stock', problem: 'must be 0 or more' },
      { row: 5, column: 'image_url', problem: 'must be an http(s) URL' },
      { row: 5, column: 'hidden', problem: 'must be true or false' },
      { row: 6, column: 'sku', problem: 'IMP-001 already appears in row 1' },
    ]);
    expect(report.flags.map((f) => [f.row, f.flag])).toEqual([
      [7, 'missing_category'],
      [7, 'empty_description'],
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM products`)).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM catalog_imports`)).toBe(0);
  });

  it('imports the good rows once, even when the same file is uploaded twice', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM products`);
    const first = await importAndWait(CSV);
    expect(first).toMatchObject({ status: 'completed', total: 4, processed: 4, created: 4, updated: 0, unchanged: 0, failed: 3, flagged: 1, percent: 100 });
    expect(await count(`SELECT count(*)::int AS n FROM products`)).toBe(before + 4);

    const chaise = await getDb().prisma.productVariant.findUniqueOrThrow({ where: { sku: 'IMP-001' }, include: { product: true } });
    expect(chaise).toMatchObject({ priceCents: 129_900, currency: 'USD', stockOnHand: 4 });
    expect(chaise.product).toMatchObject({
      title: 'Moss Green Velvet Chaise Longue',
      status: 'active',
      categoryPath: ['Furniture', 'Living Room Furniture', 'Chaise Lounge Chairs'],
      attributes: { colour: 'Moss green', material: 'Velvet', image_url: 'https://img.example/1.jpg' },
    });
    expect((await getDb().prisma.productVariant.findUniqueOrThrow({ where: { sku: 'IMP-002' } })).priceCents).toBe(18_950);
    expect(await count(`SELECT count(*)::int AS n FROM product_variants WHERE sku IN ('IMP-003', 'IMP-005')`)).toBe(0);

    const second = await importAndWait(CSV);
    expect(second).toMatchObject({ status: 'completed', total: 4, created: 0, updated: 0, unchanged: 4, failed: 3, flagged: 0 });
    expect(await count(`SELECT count(*)::int AS n FROM products`)).toBe(before + 4);
    expect(await count(`SELECT count(*)::int AS n FROM product_variants WHERE sku LIKE 'IMP-%'`)).toBe(4);
    expect((await listImports(getDb().prisma)).map((i) => i.id)).toEqual([second.id, first.id]);
  }, 120_000);

  it('sends flagged products to the review queue once', async () => {
    const items = await getDb().prisma.reviewItem.findMany({ where: { kind: 'catalog_flag' } });
    expect(items).toHaveLength(1);
    const mystery = await getDb().prisma.productVariant.findUniqueOrThrow({ where: { sku: 'IMP-007' } });
    expect(items[0]).toMatchObject({ subjectId: mystery.productId, status: 'open', summary: expect.objectContaining({ sku: 'IMP-007', row: 7 }) });
    expect(items[0]!.reasons).toEqual([
      'missing_category: no category: shoppers cannot browse to it',
      'empty_description: no description: search and recommendations see only the title',
    ]);
  });

  it('indexes new products for search, vectors included', async () => {
    await runUntil(async () => (await count(`SELECT count(*)::int AS n FROM job_runs WHERE function_id = 'commerce-index-imported-products' AND status::text NOT IN ('completed', 'failed', 'cancelled')`)) === 0
      && (await count(`SELECT count(*)::int AS n FROM job_runs WHERE function_id = 'commerce-index-imported-products'`)) > 0);
    const rows = await getDb().query<{ sku: string; doc: boolean; vec: boolean }>(`
      SELECT v.sku, EXISTS (SELECT 1 FROM search_documents d WHERE d.product_id = v.product_id) AS doc,
             EXISTS (SELECT 1 FROM product_embeddings e WHERE e.product_id = v.product_id) AS vec
      FROM product_variants v WHERE v.sku LIKE 'IMP-%' ORDER BY v.sku`);
    expect(rows.rows).toEqual(['IMP-001', 'IMP-002', 'IMP-004', 'IMP-007'].map((sku) => ({ sku, doc: true, vec: true })));
  }, 120_000);

  it('updates only the rows that changed, including seeded products matched by SKU', async () => {
    const seeded = await getDb().prisma.productVariant.findFirstOrThrow({ where: { sku: { startsWith: 'WF-' } }, include: { product: true } });
    const csv = [
      'sku,title,description,category_path,price_cents,stock,hidden',
      `IMP-001,Moss Green Velvet Chaise Longue,"A deep, low chaise in moss green velvet, for reading",Furniture / Living Room Furniture / Chaise Lounge Chairs,119900,4,no`,
      `${seeded.sku},${seeded.product.title.replace(/,/g, ' ')} (Renamed),Now with a description,Furniture / Beds,45000,7,no`,
      `IMP-008,Hidden Prototype,Not for sale yet,Furniture / Chairs,99900,0,yes`,
    ].join('\n');
    const result = await importAndWait(csv, 'csv', 1);
    // IMP-001 was imported with other columns (colour, image): different content, so updated.
    expect(result).toMatchObject({ status: 'completed', total: 3, created: 1, updated: 2, unchanged: 0, failed: 0 });
    const after = await getDb().prisma.productVariant.findUniqueOrThrow({ where: { sku: seeded.sku }, include: { product: true } });
    expect(after).toMatchObject({ priceCents: 45_000, stockOnHand: 7, productId: seeded.productId });
    expect(after.product.title).toMatch(/\(Renamed\)$/);
    // Attributes the file did not name are kept.
    expect(after.product.attributes).toMatchObject({ source_name: (seeded.product.attributes as Record<string, string>).source_name });
    const hidden = await getDb().prisma.productVariant.findUniqueOrThrow({ where: { sku: 'IMP-008' }, include: { product: true } });
    expect(hidden.product.status).toBe('draft');

    const again = await importAndWait(csv, 'csv', 2);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  }, 120_000);

  it('imports JSON with the same columns and the same report', async () => {
    const json = JSON.stringify({
      products: [
        { sku: 'JS-1', title: 'Walnut Side Table', description: 'Solid walnut', category_path: ['Furniture', 'Living Room Furniture', 'Side Tables'], price: 249, stock: 5, attributes: { finish: 'oiled' } },
        { sku: 'JS-2', title: 'Cane Chair', description: 'Rattan cane', category: 'Furniture > Chairs', price_cents: 15900, colour: 'natural', hidden: false },
        { sku: 'JS-3', title: 'Bad Price', price: 'cheap' },
        'not an object',
        { title: 'No SKU', price: 10 },
      ],
    });
    const report = await previewImport(getDb().prisma, { format: 'json', content: json });
    expect(report).toMatchObject({ totalRows: 5, validRows: 2, invalidRows: 3 });
    expect(report.problems).toEqual([
      { row: 3, column: 'price', problem: 'must be a decimal with at most 2 places, such as 1299.00' },
      { row: 4, column: '(row)', problem: 'must be an object' },
      { row: 5, column: 'sku', problem: 'is required' },
    ]);
    const done = await importAndWait(json, 'json');
    expect(done).toMatchObject({ status: 'completed', created: 2, failed: 3 });
    const table = await getDb().prisma.productVariant.findUniqueOrThrow({ where: { sku: 'JS-1' }, include: { product: true } });
    expect(table).toMatchObject({ priceCents: 24_900, stockOnHand: 5 });
    expect(table.product.attributes).toEqual({ finish: 'oiled' });
    const chair = await getDb().prisma.productVariant.findUniqueOrThrow({ where: { sku: 'JS-2' }, include: { product: true } });
    expect(chair.product).toMatchObject({ categoryPath: ['Furniture', 'Chairs'], attributes: { colour: 'natural' } });
  }, 120_000);

  it('refuses a file with no valid row, and file-level problems, writing nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM catalog_imports`);
    await expect(startImport(getDb().prisma, { format: 'csv', content: 'sku,title\nA-1,Lamp' }, { source: 'rest' })).rejects.toBeInstanceOf(NothingToImportError);
    const report = await previewImport(getDb().prisma, { format: 'csv', content: 'sku,title\nA-1,Lamp' });
    expect(report.problems).toEqual([{ row: null, column: 'price', problem: 'a price or price_cents column is required' }]);
    const broken = await previewImport(getDb().prisma, { format: 'csv', content: 'sku,title,price\n"A-1,Lamp,10' });
    expect(broken.problems[0]).toMatchObject({ row: null, column: '(file)', problem: expect.stringMatching(/not valid CSV/) });
    expect((await previewImport(getDb().prisma, { format: 'json', content: '{"a":' })).problems[0]!.problem).toMatch(/not valid JSON/);
    expect(await count(`SELECT count(*)::int AS n FROM catalog_imports`)).toBe(before);
  });
});
