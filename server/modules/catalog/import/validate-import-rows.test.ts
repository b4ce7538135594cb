import { describe, expect, it } from 'vitest';
import { parseImportFile } from './parse-import-file';
import { decimalToCents, validateImportRows } from './validate-import-rows';

describe('decimalToCents', () => {
  it.each([
    ['1299', 129_900],
    ['1299.5', 129_950],
    ['0.07', 7],
    ['1,299.99', 129_999],
    ['$ 24.99', 2_499],
    [19.99, 1_999],
    [0.1, 10],
  ])('%s → %d cents, without float rounding', (input, cents) => {
    expect(decimalToCents(input)).toBe(cents);
  });

  it.each(['12.999', '-5', '1.299,00', 'abc', '1e3', '12,34', '', '10000000000'])('refuses %s', (input) => {
    expect(() => decimalToCents(input)).toThrow();
  });
});

describe('validateImportRows', () => {
  const csv = (lines: string[]) => validateImportRows(parseImportFile('csv', lines.join('\n')).records);

  it('accepts header aliases in any case and fills defaults', () => {
    const r = csv(['Product Name,SKU,Price Cents,color', 'Oak Stool,ST-1,4500,Honey']);
    expect(r.problems).toEqual([]);
    expect(r.rows[0]).toEqual({
      row: 1,
      data: {
        sku: 'ST-1',
        title: 'Oak Stool',
        description: '',
        categoryPath: [],
        classes: [],
        priceCents: 4500,
        currency: 'USD',
        stock: 0,
        attributes: { colour: 'Honey' },
        imageUrl: null,
        hidden: false,
        handle: null,
        options: [],
      },
    });
  });

  it('names the column that disagrees when price and price_cents differ', () => {
    const r = csv(['sku,title,price,price_cents', 'A,Lamp,10.00,1000', 'B,Lamp,10.00,999']);
    expect(r.rows.map((x) => x.data.sku)).toEqual(['A']);
    expect(r.problems).toEqual([{ row: 2, column: 'price', problem: '10.00 does not match price_cents 999' }]);
  });

  it('reports a row with the wrong number of fields and malformed attributes', () => {
    const parsed = parseImportFile('csv', ['sku,title,price,attributes', 'A,Lamp,1', 'B,Lamp,2,size:large|oops'].join('\n'));
    expect(parsed.problems).toEqual([{ row: 1, column: '(row)', problem: 'has 3 fields; the header has 4' }]);
    expect(validateImportRows(parsed.records).problems).toEqual([{ row: 2, column: 'attributes', problem: '"oops" is not key:value' }]);
  });

  it('refuses files over the row limit and headers without the required columns', () => {
    expect(parseImportFile('csv', 'title,price\nLamp,1').problems).toEqual([{ row: null, column: 'sku', problem: 'required column is missing' }]);
    const big = ['sku,title,price', ...Array.from({ length: 10_001 }, (_, i) => `S${i},T,1`)].join('\n');
    expect(parseImportFile('csv', big).problems).toEqual([{ row: null, column: '(file)', problem: 'has 10,001 rows; the limit is 10,000' }]);
  });
});
