// Upload → report (writes nothing): parse, validate every row, and flag data-quality
// problems (the rows still import; the products go to the review queue). The preview door
// returns the report; starting an import builds it again on the server, never trusting the client's.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Db } from '@/server/db/client';
import {
  importFileInput,
  MAX_LISTED_PROBLEMS,
  type FlagCode,
  type ImportFileInput,
  type ImportFlag,
  type ImportProblem,
  type ImportReport,
  type ImportRow,
} from './import.schema';
import { parseImportFile } from './parse-import-file';
import { describeOptions, validateImportRows, variantTitle, type ValidRow } from './validate-import-rows';
import { handleExternalId } from './variant-groups';

/** flags: "<code>: <detail>", what the reviewer reads. */
export type PlannedRow = { row: number; data: ImportRow; flags: string[]; contentHash: string };
export type ImportPlan = { report: ImportReport; rows: PlannedRow[] };

/** A price this many times above (or below) its category's median is flagged. */
export const OUTLIER_FACTOR = 10;
/** Medians from fewer products than this say too little to flag anything. */
const MIN_CATEGORY_SIZE = 5;
/** Without a category to compare with, anything above this is flagged ($50,000). */
const ABSOLUTE_OUTLIER_CENTS = 5_000_000;

/** Same row content → same hash, whatever the key order of its attributes. */
export function contentHash(row: ImportRow): string {
  // A row without handle and options hashes as it did before variants existed, so re-importing
  // an older file still finds it unchanged.
  const { handle, options, ...rest } = row;
  const hashed = handle || options.length ? row : rest;
  return createHash('sha256').update(canonicalize(hashed) ?? '').digest('hex');
}

/**
 * Variant conflicts only the database can show: a SKU that belongs to another product than
 * its handle's, or an option combination another SKU of the product already has.
 */
export async function variantConflicts(db: Db, rows: ValidRow[]): Promise<ImportProblem[]> {
  const grouped = rows.filter((r) => r.data.handle);
  if (grouped.length === 0) return [];
  const handles = [...new Set(grouped.map((r) => r.data.handle!))];
  const [variants, products] = await Promise.all([
    db.productVariant.findMany({
      where: { sku: { in: grouped.map((r) => r.data.sku) } },
      select: { sku: true, productId: true, product: { select: { title: true, externalId: true } } },
    }),
    db.product.findMany({ where: { externalId: { in: handles.map(handleExternalId) } }, select: { id: true, externalId: true } }),
  ]);
  const variantBySku = new Map(variants.map((v) => [v.sku, v]));
  const productByHandle = new Map(products.map((p) => [p.externalId!.slice('handle:'.length), p.id]));
  const target = new Map<string, string>();
  for (const h of handles) {
    const lead = variantBySku.get(grouped.find((r) => r.data.handle === h)!.data.sku);
    const id = productByHandle.get(h) ?? (lead && !lead.product.externalId?.startsWith('handle:') ? lead.productId : undefined);
    if (id) target.set(h, id);
  }
  const siblings = await db.productVariant.findMany({
    where: { productId: { in: [...new Set(target.values())] } },
    select: { sku: true, productId: true, title: true },
  });
  const fileSkus = new Set(grouped.map((r) => r.data.sku));
  const problems: ImportProblem[] = [];
  for (const r of grouped) {
    const productId = target.get(r.data.handle!);
    const v = variantBySku.get(r.data.sku);
    const ref = r.ref ? { ref: r.ref } : {};
    if (v && v.productId !== productId) {
      problems.push({ row: r.row, column: 'sku', problem: `${r.data.sku} is used by another product (“${v.product.title}”), not handle ${r.data.handle}`, ...ref });
      continue;
    }
    const title = variantTitle(r.data.options).toLowerCase();
    const clash = siblings.find((s) => s.productId === productId && !fileSkus.has(s.sku) && s.title.toLowerCase() === title);
    if (clash)
      problems.push({ row: r.row, column: 'option1_value', problem: `${describeOptions(r.data.options)} is already variant ${clash.sku} of handle ${r.data.handle}`, ...ref });
  }
  return problems;
}

const money = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export async function categoryMedians(db: Db): Promise<Map<string, { median: number; count: number }>> {
  const rows = await db.$queryRaw<{ category: string; median: number; count: number }[]>`
    SELECT p.category_path[1] AS category,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY v.price_cents)::float8 AS median,
           count(*)::int AS count
    FROM products p JOIN product_variants v ON v.product_id = p.id
    WHERE p.status = 'active' AND cardinality(p.category_path) > 0
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.category, { median: r.median, count: r.count }]));
}

export function flagsFor(data: ImportRow, medians: Map<string, { median: number; count: number }>): { flag: FlagCode; detail: string }[] {
  const out: { flag: FlagCode; detail: string }[] = [];
  if (data.categoryPath.length === 0) out.push({ flag: 'missing_category', detail: 'no category: shoppers cannot browse to it' });
  if (data.description.trim() === '') out.push({ flag: 'empty_description', detail: 'no description: search and recommendations see only the title' });
  const top = data.categoryPath[0];
  const stats = top ? medians.get(top) : undefined;
  if (stats && stats.count >= MIN_CATEGORY_SIZE) {
    if (data.priceCents > stats.median * OUTLIER_FACTOR || data.priceCents * OUTLIER_FACTOR < stats.median) {
      out.push({ flag: 'price_outlier', detail: `${money(data.priceCents)} vs a ${top} median of ${money(Math.round(stats.median))}` });
    }
  } else if (data.priceCents > ABSOLUTE_OUTLIER_CENTS) {
    out.push({ flag: 'price_outlier', detail: `${money(data.priceCents)} is above ${money(ABSOLUTE_OUTLIER_CENTS)}` });
  }
  return out;
}

export async function buildImportPlan(db: Db, raw: ImportFileInput): Promise<ImportPlan> {
  const input = importFileInput.parse(raw);
  const parsed = parseImportFile(input.format, input.content);
  const checked = validateImportRows(parsed.records);
  const conflicts = await variantConflicts(db, checked.rows);
  const conflicted = new Set(conflicts.map((p) => p.row));
  const validated = {
    rows: checked.rows.filter((r) => !conflicted.has(r.row)),
    problems: [...checked.problems, ...conflicts],
    invalidRows: checked.invalidRows + conflicted.size,
  };
  const medians = validated.rows.length ? await categoryMedians(db) : new Map();
  const flags: ImportFlag[] = [];
  const rows: PlannedRow[] = validated.rows.map(({ row, data }) => {
    const found = flagsFor(data, medians);
    for (const f of found) flags.push({ row, sku: data.sku, ...f });
    return { row, data, flags: found.map((f) => `${f.flag}: ${f.detail}`), contentHash: contentHash(data) };
  });
  // Whole-file problems first, then by row (a stable sort keeps each row's column order).
  const problems = [...parsed.problems, ...validated.problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const invalidRows = validated.invalidRows + parsed.problems.filter((p) => p.row !== null).length;
  const report: ImportReport = {
    format: input.format,
    fileName: input.fileName,
    totalRows: rows.length + invalidRows,
    validRows: rows.length,
    invalidRows,
    problems: problems.slice(0, MAX_LISTED_PROBLEMS),
    problemCount: problems.length,
    flags: flags.slice(0, MAX_LISTED_PROBLEMS),
    flaggedRows: rows.filter((r) => r.flags.length > 0).length,
    ignoredColumns: parsed.ignoredColumns,
    products: new Set(rows.map((r) => (r.data.handle ? `handle:${r.data.handle}` : `sku:${r.data.sku}`))).size,
  };
  return { report, rows };
}

/** The preview door: the report only. */
export async function previewImport(db: Db, raw: ImportFileInput): Promise<ImportReport> {
  return (await buildImportPlan(db, raw)).report;
}
