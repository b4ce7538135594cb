import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJudgedSet, productText } from './judgments';

const POOL_DIR = path.resolve(import.meta.dirname, '../../../../../shared/data/wands');

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'judged-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

const PRODUCTS = 'product_id\tproduct_name\tproduct_class\tcategory_hierarchy\n1\tvelvet sofa\tSofas\tFurniture / Sofas\n2\toak table\t\t\n';
const QUERIES = 'query_id\tquery\tquery_class\n7\tsofa\tSofas\n8\t"quoted" table\t\n';

describe('loadJudgedSet', () => {
  it('loads the WANDS dev pool with the counts its README states', async () => {
    const set = await loadJudgedSet(POOL_DIR);
    expect(set.products).toHaveLength(6482);
    expect(set.queries).toHaveLength(25);
    expect(set.stats).toEqual({
      labelRows: 4535,
      pairs: 4511,
      duplicateRows: 24,
      conflictingPairs: 1,
      exact: 1788,
      partial: 2285,
      irrelevant: 438,
    });
    // The one conflicting pair collapses to its maximum grade (README).
    expect(set.labels.get('293')?.get('19210')).toBe(2);
    const perQuery = [...set.labels.values()].map((m) => m.size);
    expect(Math.min(...perQuery)).toBe(41);
    expect(Math.max(...perQuery)).toBe(378);
    expect(set.queries.filter((q) => q.queryClass === '')).toHaveLength(2);
  });

  it('collapses duplicate judgments by maximum and keeps quotes literally', async () => {
    const dir = fixture({
      'products.tsv': PRODUCTS,
      'queries.tsv': QUERIES,
      'labels.tsv': 'query_id\tproduct_id\tlabel\n7\t1\tPartial\n7\t1\tExact\n7\t1\tPartial\n7\t2\tIrrelevant\n8\t2\tPartial\n',
    });
    const set = await loadJudgedSet(dir);
    expect(set.labels.get('7')).toEqual(new Map([['1', 2], ['2', 0]]));
    expect(set.stats).toMatchObject({ labelRows: 5, pairs: 3, duplicateRows: 2, conflictingPairs: 1, exact: 1, partial: 1, irrelevant: 1 });
    expect(set.queries[1]).toEqual({ id: '8', text: '"quoted" table', queryClass: '' });
  });

  it('rejects unknown labels, ids and headers with the line number', async () => {
    const base = { 'products.tsv': PRODUCTS, 'queries.tsv': QUERIES };
    await expect(loadJudgedSet(fixture({ ...base, 'labels.tsv': 'query_id\tproduct_id\tlabel\n7\t1\tGood\n' }))).rejects.toThrow("labels.tsv:2: unknown label 'Good'");
    await expect(loadJudgedSet(fixture({ ...base, 'labels.tsv': 'query_id\tproduct_id\tlabel\n9\t1\tExact\n' }))).rejects.toThrow('unknown query_id 9');
    await expect(loadJudgedSet(fixture({ ...base, 'labels.tsv': 'query_id\tproduct_id\tlabel\n7\t3\tExact\n' }))).rejects.toThrow('unknown product_id 3');
    await expect(loadJudgedSet(fixture({ ...base, 'labels.tsv': 'qid\tpid\tlabel\n' }))).rejects.toThrow('expected header');
  });
});

describe('productText', () => {
  it('joins title, classes and category path, skipping empty fields', () => {
    expect(productText({ product_id: '1', product_name: 'velvet sofa', product_class: 'Sofas|Sectionals', category_hierarchy: 'Furniture / Sofas' })).toBe(
      'velvet sofa | Sofas | Sectionals | Furniture / Sofas',
    );
    expect(productText({ product_id: '2', product_name: 'oak table', product_class: '', category_hierarchy: '' })).toBe('oak table');
  });
});
