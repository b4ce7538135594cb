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
  type ImportReport,
  type ImportRow,
} from './import.schema';
import { parseImportFile } from './parse-import-file';
import { validateImportRows } from './validate-import-rows';

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
  return createHash('sha256').update(canonicalize(row) ?? '').digest('hex');
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
  const validated = validateImportRows(parsed.records);
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
  };
  return { report, rows };
}

/** The preview door: the report only. */
export async function previewImport(db: Db, raw: ImportFileInput): Promise<ImportReport> {
  return (await buildImportPlan(db, raw)).report;
}
