// Multi-variant import on a real database: CSV rows sharing a handle (Shopify-style option
// columns) and JSON products with nested variants become one product each, with one variant
// per SKU (title from its options, own price and stock); re-importing changes nothing, a new
// size is added to the same product, and variant conflicts are reported per row before
// anything is written (duplicate option combination, a SKU of another product).
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { previewImport } from './build-import-report';
import { beginImport, finishImport, importChunk } from './run-import';
import { chunkOf, startImport } from './start-import';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

async function importNow(content: string, format: 'csv' | 'json' = 'csv', chunkRows?: number) {
  const { importId, report } = await startImport(db(), { format, content, fileName: `apparel.${format}` }, { source: 'console', publish: async () => undefined, chunkRows });
  const { chunks } = await beginImport(db(), importId);
  for (let i = 0; i < chunks; i++) await importChunk(db(), importId, i);
  return { report, done: await finishImport(db(), importId) };
}

async function productOf(sku: string) {
  const v = await db().productVariant.findUniqueOrThrow({ where: { sku }, select: { productId: true } });
  return db().product.findUniqueOrThrow({
    where: { id: v.productId },
    select: {
      id: true,
      title: true,
      externalId: true,
      attributes: true,
      categoryPath: true,
      variants: { select: { sku: true, title: true, priceCents: true, stockOnHand: true }, orderBy: { sku: 'asc' } },
    },
  });
}

// A small apparel catalog as a Shopify-style export: later rows of a handle leave the product columns blank.
const APPAREL = [
  'Handle,Title,Description,Category Path,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Variant SKU,Variant Price,Variant Inventory Qty',
  'classic-tee,Classic Crew Tee,Heavyweight cotton crew neck,Apparel / Tops / T-Shirts,Size,S,Color,Navy,TEE-S-NVY,28.00,12',
  'classic-tee,,,,,M,,Navy,TEE-M-NVY,28.00,20',
  'classic-tee,,,,,L,,Navy,TEE-L-NVY,30.00,0',
  'classic-tee,,,,,M,,Sand,TEE-M-SND,28.00,7',
  'rain-shell,Packable Rain Shell,Seam-sealed nylon shell,Apparel / Outerwear / Jackets,Size,M,,,SHELL-M,149.00,5',
  'rain-shell,,,,,L,,,SHELL-L,149.00,3',
  ',Wool Beanie,Ribbed merino beanie,Apparel / Accessories / Hats,,,,,BEANIE-1,32.00,40',
].join('\n');

describe('multi-variant import', () => {
  it('turns rows sharing a handle into one product with a variant per SKU, idempotently', async () => {
    const { report, done } = await importNow(APPAREL, 'csv', 3);
    expect(report).toMatchObject({ totalRows: 7, validRows: 7, invalidRows: 0, products: 3 });
    expect(done).toMatchObject({ created: 7, updated: 0, processed: 7 });

    const tee = await productOf('TEE-M-NVY');
    expect(tee).toMatchObject({ title: 'Classic Crew Tee', externalId: 'handle:classic-tee', categoryPath: ['Apparel', 'Tops', 'T-Shirts'] });
    expect(tee.attributes).toMatchObject({ options: 'Size: S, M, L; Color: Navy, Sand' });
    expect(tee.variants).toEqual([
      { sku: 'TEE-L-NVY', title: 'L / Navy', priceCents: 3_000, stockOnHand: 0 },
      { sku: 'TEE-M-NVY', title: 'M / Navy', priceCents: 2_800, stockOnHand: 20 },
      { sku: 'TEE-M-SND', title: 'M / Sand', priceCents: 2_800, stockOnHand: 7 },
      { sku: 'TEE-S-NVY', title: 'S / Navy', priceCents: 2_800, stockOnHand: 12 },
    ]);
    expect((await productOf('SHELL-L')).variants.map((v) => v.title)).toEqual(['L', 'M']);
    expect((await productOf('BEANIE-1')).variants).toEqual([{ sku: 'BEANIE-1', title: 'Default', priceCents: 3_200, stockOnHand: 40 }]);
    expect(await db().product.count()).toBe(3);

    // The same file again: nothing changes.
    expect((await importNow(APPAREL, 'csv', 3)).done).toMatchObject({ created: 0, updated: 0, unchanged: 7 });

    // A new size for the tee and a price change: added to the same product, one variant updated.
    const more = [
      'handle,title,option1_name,option1_value,option2_name,option2_value,sku,price,stock',
      'classic-tee,Classic Crew Tee,Size,XL,Color,Navy,TEE-XL-NVY,32.00,4',
      'classic-tee,,,L,,Navy,TEE-L-NVY,29.00,6',
    ].join('\n');
    expect((await importNow(more)).done).toMatchObject({ created: 1, updated: 1 });
    const after = await productOf('TEE-XL-NVY');
    expect(after.id).toBe(tee.id);
    expect(after.variants.map((v) => [v.sku, v.title, v.priceCents, v.stockOnHand])).toEqual([
      ['TEE-L-NVY', 'L / Navy', 2_900, 6],
      ['TEE-M-NVY', 'M / Navy', 2_800, 20],
      ['TEE-M-SND', 'M / Sand', 2_800, 7],
      ['TEE-S-NVY', 'S / Navy', 2_800, 12],
      ['TEE-XL-NVY', 'XL / Navy', 3_200, 4],
    ]);
    expect(await db().product.count()).toBe(3);
  });

  it('imports JSON products with nested variants', async () => {
    const json = JSON.stringify({
      products: [
        {
          handle: 'linen-shirt',
          title: 'Linen Camp Shirt',
          description: 'Breezy washed linen',
          category_path: 'Apparel / Tops / Shirts',
          options: ['Size', 'Color'],
          variants: [
            { sku: 'LIN-S-WHT', price: '64.00', stock: 3, options: { Size: 'S', Color: 'White' } },
            { sku: 'LIN-M-WHT', price: '64.00', stock: 5, options: { Size: 'M', Color: 'White' } },
            { sku: 'LIN-M-OLV', price: 66, stock: 0, options: { Color: 'Olive', Size: 'M' } },
          ],
        },
        { sku: 'SOCK-1', title: 'Merino Socks', price: '18.00', stock: 50, category_path: 'Apparel / Accessories' },
      ],
    });
    const { report, done } = await importNow(json, 'json');
    expect(report).toMatchObject({ totalRows: 4, validRows: 4, products: 2 });
    expect(done).toMatchObject({ created: 4 });
    const shirt = await productOf('LIN-M-OLV');
    expect(shirt).toMatchObject({ title: 'Linen Camp Shirt', externalId: 'handle:linen-shirt' });
    expect(shirt.variants.map((v) => [v.sku, v.title, v.priceCents])).toEqual([
      ['LIN-M-OLV', 'M / Olive', 6_600],
      ['LIN-M-WHT', 'M / White', 6_400],
      ['LIN-S-WHT', 'S / White', 6_400],
    ]);

    // Problems in nested variants name the product and variant; row numbers count variants.
    const bad = JSON.stringify([
      { sku: 'CAP-1', title: 'Canvas Cap', price: '22.00' },
      {
        handle: 'chino',
        title: 'Slim Chino',
        variants: [
          { sku: 'CH-30', price: '79.00', options: { Waist: '30' } },
          { sku: 'CH-32', options: { Waist: '32' } },
          { sku: 'CH-30B', price: '79.00', options: { Waist: '30' } },
          { sku: 'CH-34', price: '79.00', options: { Inseam: '34' } },
        ],
      },
    ]);
    const nested = await previewImport(db(), { format: 'json', content: bad });
    expect(nested).toMatchObject({ totalRows: 5, validRows: 2, invalidRows: 3, products: 2 });
    expect(nested.problems).toEqual([
      { row: 3, column: 'price', problem: 'is required (price or price_cents)', ref: 'product 2, variant 2' },
      { row: 4, column: 'option1_value', problem: 'Waist 30 is already row 2 of handle chino', ref: 'product 2, variant 3' },
      { row: 5, column: 'option1_name', problem: 'is Inseam, but row 2, the first row of handle chino, names this option Waist', ref: 'product 2, variant 4' },
    ]);
  });

  it('reports variant conflicts per row and writes none of those rows', async () => {
    const bad = [
      'handle,title,option1_name,option1_value,option2_name,option2_value,sku,price,stock',
      // 1–2 fine; 3 repeats row 1's combination; 4 has no option values in a multi-variant handle.
      'field-jacket,Waxed Field Jacket,Size,M,Color,Olive,FJ-M-OLV,220.00,2',
      'field-jacket,,,L,,Olive,FJ-L-OLV,220.00,2',
      'field-jacket,,,m,,olive,FJ-M-OLV-2,220.00,1',
      'field-jacket,,,,,,FJ-X,220.00,1',
      // 5: a SKU that already belongs to another product (the tee from the first test).
      'field-jacket,,,S,,Olive,TEE-S-NVY,220.00,1',
      // 6: the same combination as an existing variant of the tee, under another SKU.
      'classic-tee,Classic Crew Tee,Size,M,Color,Navy,TEE-M-NVY-B,28.00,1',
      // 7: a product column that contradicts the handle's first row.
      'field-jacket,Different Title,,XL,,Olive,FJ-XL-OLV,230.00,1',
    ].join('\n');
    const before = await db().productVariant.count();
    const report = await previewImport(db(), { format: 'csv', content: bad });
    expect(await db().productVariant.count()).toBe(before);
    expect(report).toMatchObject({ totalRows: 7, validRows: 2, invalidRows: 5 });
    expect(report.problems.map((p) => [p.row, p.column, p.problem])).toEqual([
      [3, 'option1_value', 'Size m / Color olive is already row 1 of handle field-jacket'],
      [4, 'option1_value', 'is required: handle field-jacket has several variants, so each needs its option values'],
      [5, 'sku', 'TEE-S-NVY is used by another product (“Classic Crew Tee”), not handle field-jacket'],
      [6, 'option1_value', 'Size M / Color Navy is already variant TEE-M-NVY of handle classic-tee'],
      [7, 'title', "differs from row 1, the first row of handle field-jacket (product columns come from a handle's first row; leave it blank or repeat it)"],
    ]);
    const { done } = await importNow(bad);
    expect(done).toMatchObject({ created: 2, failed: 5 });
    expect((await productOf('FJ-L-OLV')).variants.map((v) => v.sku)).toEqual(['FJ-L-OLV', 'FJ-M-OLV']);
    expect((await productOf('TEE-S-NVY')).title).toBe('Classic Crew Tee');
  });

  it('keeps a handle’s rows in one chunk', () => {
    const rows = ['a', 'a', 'b', null, 'c', 'a', 'c', null].map((handle) => ({ data: { handle } }));
    expect(chunkOf(rows, 2)).toEqual([0, 0, 1, 1, 2, 0, 2, 3]);
  });
});
