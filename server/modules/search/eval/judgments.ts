// Loads a WANDS judged set (products, queries, graded labels) for offline relevance
// evaluation. Files are split on tabs only: see ../shared/data/wands/README.md.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCategoryPath, parseClasses } from '@/server/modules/catalog/normalize';
import { parseWandsProducts, type WandsProductRow } from '@/server/modules/catalog/wands-tsv';

/** WANDS gain mapping (README "Grades"). */
export const GRADES = { Exact: 2, Partial: 1, Irrelevant: 0 } as const;

export type JudgedQuery = { id: string; text: string; queryClass: string };

export type JudgedSetStats = {
  labelRows: number;
  pairs: number;
  /** Rows beyond the first for a (query, product) pair. */
  duplicateRows: number;
  /** Pairs whose duplicate rows disagree on the grade. */
  conflictingPairs: number;
  /** Pair counts after collapsing, by grade. */
  exact: number;
  partial: number;
  irrelevant: number;
};

export type JudgedSet = {
  products: WandsProductRow[];
  queries: JudgedQuery[];
  /** queryId → productId → grade (0, 1, 2), duplicates collapsed by maximum. */
  labels: Map<string, Map<string, number>>;
  stats: JudgedSetStats;
};

function tsvRows(text: string, file: string, columns: string[]): string[][] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const header = lines[0]?.split('\t') ?? [];
  if (columns.some((c, i) => header[i] !== c)) {
    throw new Error(`${file}: expected header ${columns.join(', ')}, got ${header.join(', ')}`);
  }
  return lines
    .slice(1)
    .filter((l) => l.length > 0)
    .map((l, i) => {
      const cells = l.split('\t');
      if (cells.length !== columns.length) throw new Error(`${file}:${i + 2}: expected ${columns.length} fields, got ${cells.length}`);
      return cells;
    });
}

export async function loadJudgedSet(dir: string): Promise<JudgedSet> {
  const read = (f: string) => readFile(path.join(dir, f), 'utf8');
  const [productsTsv, queriesTsv, labelsTsv] = await Promise.all([read('products.tsv'), read('queries.tsv'), read('labels.tsv')]);

  const parsed = parseWandsProducts(productsTsv);
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0]!;
    throw new Error(`products.tsv: ${parsed.errors.length} bad rows, first at line ${e.line}: ${e.message}`);
  }
  const productIds = new Set(parsed.rows.map((p) => p.product_id));
  const queries = tsvRows(queriesTsv, 'queries.tsv', ['query_id', 'query', 'query_class']).map(([id, text, queryClass]) => ({
    id: id!,
    text: text!,
    queryClass: queryClass!,
  }));
  const queryIds = new Set(queries.map((q) => q.id));

  const labels = new Map<string, Map<string, number>>();
  const seen = new Map<string, Set<number>>();
  const rows = tsvRows(labelsTsv, 'labels.tsv', ['query_id', 'product_id', 'label']);
  rows.forEach(([queryId, productId, label], i) => {
    const grade = GRADES[label as keyof typeof GRADES];
    if (grade === undefined) throw new Error(`labels.tsv:${i + 2}: unknown label '${label}'`);
    if (!queryIds.has(queryId!)) throw new Error(`labels.tsv:${i + 2}: unknown query_id ${queryId}`);
    if (!productIds.has(productId!)) throw new Error(`labels.tsv:${i + 2}: unknown product_id ${productId}`);
    let byProduct = labels.get(queryId!);
    if (!byProduct) labels.set(queryId!, (byProduct = new Map()));
    // WANDS judges some pairs twice, sometimes differently: keep the maximum (README).
    byProduct.set(productId!, Math.max(grade, byProduct.get(productId!) ?? 0));
    const key = `${queryId}\t${productId}`;
    seen.set(key, (seen.get(key) ?? new Set()).add(grade));
  });

  const stats: JudgedSetStats = {
    labelRows: rows.length,
    pairs: seen.size,
    duplicateRows: rows.length - seen.size,
    conflictingPairs: [...seen.values()].filter((g) => g.size > 1).length,
    exact: 0,
    partial: 0,
    irrelevant: 0,
  };
  for (const byProduct of labels.values()) {
    for (const g of byProduct.values()) {
      if (g === 2) stats.exact++;
      else if (g === 1) stats.partial++;
      else stats.irrelevant++;
    }
  }
  return { products: parsed.rows, queries, labels, stats };
}

/**
 * The text every embedder sees for a product in offline evaluation: title, classes,
 * category path. Fields are joined with " | " and the path with " / ", so a sentence
 * encoder sees the boundaries; word tokenizers simply drop the separators.
 */
export function productText(row: WandsProductRow): string {
  const parts = [row.product_name.trim(), parseClasses(row.product_class).join(' | '), parseCategoryPath(row.category_hierarchy).join(' / ')];
  return parts.filter(Boolean).join(' | ');
}
