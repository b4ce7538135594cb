import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWandsProducts } from './wands-tsv';

const root = path.resolve(import.meta.dirname, '../../..');
const SEED_FILE = path.join(root, 'prisma/seed-data/wands-products.tsv');
const POOL_FILE = path.resolve(root, '../shared/data/wands/products.tsv');
const HEADER = 'product_id\tproduct_name\tproduct_class\tcategory_hierarchy';
const QUOTED_14116 =
  '"Furniture / Kitchen & Dining Furniture / Bar Furniture / Bar Stools & Counter Stools / ' +
  'All Bar Stools & Counter Stools / Bar (28""-33"") Bar Stools & Counter Stools"';

describe('parseWandsProducts on the real files', () => {
  it('parses all 3,000 committed seed products without errors', () => {
    const { rows, errors } = parseWandsProducts(readFileSync(SEED_FILE, 'utf8'));
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(3000);
    expect(new Set(rows.map((r) => r.product_id)).size).toBe(3000);
  });

  it('parses all 6,482 pool products with the quirks the data README lists', () => {
    const { rows, errors } = parseWandsProducts(readFileSync(POOL_FILE, 'utf8'));
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(6482);
    expect(rows.filter((r) => r.product_class === '')).toHaveLength(456);
    expect(rows.filter((r) => r.category_hierarchy === '')).toHaveLength(400);
    expect(rows.find((r) => r.product_id === '17838')?.product_name).toBe('cfd03d6796ab44f4a484a77893bef163');
    expect(rows[0]).toEqual({
      product_id: '4',
      product_name: 'baldwin prestige alcott passage knob with round rosette',
      product_class: 'Door Knobs',
      category_hierarchy:
        'Home Improvement / Doors & Door Hardware / Door Hardware & Accessories / Door Knobs / Round Door Knobs',
    });
  });

  it('splits on tabs only, keeping literal CSV quotes in category_hierarchy', () => {
    const { rows } = parseWandsProducts(readFileSync(POOL_FILE, 'utf8'));
    const byId = new Map(rows.map((r) => [r.product_id, r]));
    expect(byId.get('14116')).toEqual({
      product_id: '14116',
      product_name: "modern farmhouse solid wood 28.5 '' bar stool",
      product_class: 'Bar Stools',
      category_hierarchy: QUOTED_14116,
    });
    expect(byId.get('23945')?.category_hierarchy).toBe(QUOTED_14116);
    expect(byId.get('23266')?.category_hierarchy).toBe(
      '"Home Improvement / Bathroom Remodel & Bathroom Fixtures / Bathroom Vanities / Vanity Bases / 36""- 40"" Vanity Bases"',
    );
  });
});

describe('parseWandsProducts on crafted input', () => {
  it('reports bad rows with their file line and field, and still parses the good ones', () => {
    const text = [
      HEADER,
      '1\tgood one\tBeds\tFurniture / Beds',
      'abc\tbad id\tBeds\tFurniture',
      '2\t\tBeds\tFurniture',
      '', // a blank line is skipped but still counted
      '3\tgood two\t\t',
      '4x\talso bad\t\t',
      '',
    ].join('\n');
    const { rows, errors } = parseWandsProducts(text);
    expect(rows.map((r) => r.product_id)).toEqual(['1', '3']);
    expect(errors).toEqual([
      { line: 3, message: 'product_id: product_id must be numeric' },
      { line: 4, message: 'product_name: product_name is empty' },
      { line: 7, message: 'product_id: product_id must be numeric' },
    ]);
  });

  it('fills missing trailing cells with empty strings', () => {
    const { rows, errors } = parseWandsProducts(`${HEADER}\n7\tshort row\n`);
    expect(errors).toEqual([]);
    expect(rows).toEqual([{ product_id: '7', product_name: 'short row', product_class: '', category_hierarchy: '' }]);
  });

  it('rejects a header without product_id', () => {
    const { rows, errors } = parseWandsProducts('id\tproduct_name\n1\tlamp\n');
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ line: 1, message: 'header must name product_id and product_name' }]);
  });

  it('rejects empty input', () => {
    expect(parseWandsProducts('').errors).toEqual([
      { line: 1, message: 'header must name product_id and product_name' },
    ]);
  });

  it('accepts CRLF line endings without leaking \\r into the last column', () => {
    const text = `${HEADER}\r\n5\tarc floor lamp\tFloor Lamps\tLighting / Floor Lamps\r\n\r\n6\trug\t\t\r\n`;
    const { rows, errors } = parseWandsProducts(text);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        product_id: '5',
        product_name: 'arc floor lamp',
        product_class: 'Floor Lamps',
        category_hierarchy: 'Lighting / Floor Lamps',
      },
      { product_id: '6', product_name: 'rug', product_class: '', category_hierarchy: '' },
    ]);
  });

  it('carries the full WANDS product.csv columns through, including its "category hierarchy" header', () => {
    const header = [
      'product_id',
      'product_name',
      'product_class',
      'category hierarchy',
      'product_description',
      'product_features',
      'rating_count',
      'average_rating',
      'review_count',
    ].join('\t');
    const row = [
      '0',
      'solid wood platform bed',
      'Beds',
      'Furniture / Bedroom Furniture / Beds & Headboards / Beds',
      'good , deep sleep can be quite difficult',
      'overallwidth-sidetoside:64.7|producttype : platform bed',
      '15.0',
      '4.5',
      '15.0',
    ].join('\t');
    const { rows, errors } = parseWandsProducts(`${header}\n${row}\n`);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        product_id: '0',
        product_name: 'solid wood platform bed',
        product_class: 'Beds',
        category_hierarchy: 'Furniture / Bedroom Furniture / Beds & Headboards / Beds',
        product_description: 'good , deep sleep can be quite difficult',
        product_features: 'overallwidth-sidetoside:64.7|producttype : platform bed',
        rating_count: '15.0',
        average_rating: '4.5',
        review_count: '15.0',
      },
    ]);
  });
});
