// File → records keyed by the documented column names. CSV through csv-parse (quoting,
// embedded newlines, BOM); JSON as an array of objects (or { products: [...] }). Problems
// that concern the whole file (unreadable, header missing a required column, too many rows)
// come back with row null and no records.
import { CsvError } from 'csv-parse/sync';
import { parse } from 'csv-parse/sync';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, MAX_VARIANTS, type ImportColumn, type ImportFormat, type ImportProblem } from './import.schema';

/** `ref` says where a nested JSON variant sits ("product 2, variant 3"); row numbers count the flattened variants. */
export type RawRecord = { row: number; cells: Partial<Record<ImportColumn, unknown>>; ref?: string };
export type ParsedFile = { records: RawRecord[]; problems: ImportProblem[]; ignoredColumns: string[] };

const normalizeName = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_');
const COLUMN_BY_NAME = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((c) => [[c.name, c.name] as const, ...c.aliases.map((a) => [a, c.name] as const)]),
);

export function columnFor(header: string): ImportColumn | null {
  return COLUMN_BY_NAME.get(normalizeName(header)) ?? null;
}

const fileProblem = (problem: string, column = '(file)'): ParsedFile => ({
  records: [],
  problems: [{ row: null, column, problem }],
  ignoredColumns: [],
});

export function parseImportFile(format: ImportFormat, content: string): ParsedFile {
  return format === 'csv' ? parseCsv(content) : parseJson(content);
}

function parseCsv(content: string): ParsedFile {
  let rows: string[][];
  try {
    rows = parse(content, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // A runaway quote would otherwise swallow the rest of the file into one cell.
      max_record_size: 64 * 1024,
      to_line: MAX_IMPORT_ROWS + 50_000,
    });
  } catch (err) {
    if (err instanceof CsvError) {
      const line = typeof err.lines === 'number' ? ` (line ${err.lines})` : '';
      return fileProblem(`the file is not valid CSV${line}: ${err.message}`);
    }
    throw err;
  }
  const [header, ...data] = rows;
  if (!header) return fileProblem('the file is empty: expected a header row and at least one product');
  const columns: (ImportColumn | null)[] = [];
  const ignoredColumns: string[] = [];
  const problems: ImportProblem[] = [];
  for (const h of header) {
    const column = columnFor(h);
    if (column && columns.includes(column)) problems.push({ row: null, column: h, problem: `appears twice in the header (as ${column})` });
    if (!column && h.trim()) ignoredColumns.push(h.trim());
    columns.push(column);
  }
  const present = new Set(columns.filter((c): c is ImportColumn => c !== null));
  problems.push(...missingColumns(present));
  const records = data.filter((cells) => cells.some((c) => c.trim() !== ''));
  if (records.length === 0 && problems.length === 0) problems.push({ row: null, column: '(file)', problem: 'no product rows after the header' });
  if (records.length > MAX_IMPORT_ROWS) problems.push({ row: null, column: '(file)', problem: `has ${records.length.toLocaleString('en-US')} rows; the limit is ${MAX_IMPORT_ROWS.toLocaleString('en-US')}` });
  if (problems.length) return { records: [], problems, ignoredColumns };

  const out: RawRecord[] = [];
  records.forEach((values, i) => {
    const row = i + 1;
    if (values.length !== header.length) {
      problems.push({ row, column: '(row)', problem: `has ${values.length} fields; the header has ${header.length}` });
      return;
    }
    const cells: RawRecord['cells'] = {};
    values.forEach((v, j) => {
      const column = columns[j];
      if (column) cells[column] = v;
    });
    out.push({ row, cells });
  });
  return { records: out, problems, ignoredColumns };
}

function missingColumns(present: Set<ImportColumn>): ImportProblem[] {
  const out: ImportProblem[] = [];
  for (const c of IMPORT_COLUMNS) if (c.required && !present.has(c.name)) out.push({ row: null, column: c.name, problem: 'required column is missing' });
  if (!present.has('price') && !present.has('price_cents')) out.push({ row: null, column: 'price', problem: 'a price or price_cents column is required' });
  return out;
}

function parseJson(content: string): ParsedFile {
  let doc: unknown;
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (err) {
    return fileProblem(`the file is not valid JSON: ${(err as Error).message}`);
  }
  const items = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.products) ? (doc.products as unknown[]) : null;
  if (!items) return fileProblem('expected an array of products, or an object with a "products" array');
  if (items.length === 0) return fileProblem('no products in the file');
  if (items.length > MAX_IMPORT_ROWS) return fileProblem(`has ${items.length.toLocaleString('en-US')} products; the limit is ${MAX_IMPORT_ROWS.toLocaleString('en-US')}`);
  const problems: ImportProblem[] = [];
  const ignored = new Set<string>();
  const records: RawRecord[] = [];
  let row = 0;
  const toCells = (obj: Record<string, unknown>, skip: string[]): RawRecord['cells'] => {
    const cells: RawRecord['cells'] = {};
    for (const [key, value] of Object.entries(obj)) {
      if (skip.includes(key)) continue;
      const column = columnFor(key);
      if (!column) {
        ignored.add(key);
        continue;
      }
      cells[column] = value;
    }
    return cells;
  };
  items.forEach((item, i) => {
    if (!isObject(item)) {
      problems.push({ row: ++row, column: '(row)', problem: 'must be an object' });
      return;
    }
    if (!('variants' in item)) {
      records.push({ row: ++row, cells: toCells(item, []) });
      return;
    }
    // Nested variants: one record per variant, carrying the product's fields and a handle.
    const variants = item.variants;
    if (!Array.isArray(variants) || variants.length === 0) {
      problems.push({ row: ++row, column: 'variants', problem: 'must be a non-empty array of variants', ref: `product ${i + 1}` });
      return;
    }
    if (variants.length > MAX_VARIANTS) {
      problems.push({ row: ++row, column: 'variants', problem: `has ${variants.length} variants; the limit is ${MAX_VARIANTS}`, ref: `product ${i + 1}` });
      return;
    }
    const product = toCells(item, ['variants', 'options']);
    const firstSku = isObject(variants[0]) ? variants[0].sku : undefined;
    const handle = product.handle ?? (typeof firstSku === 'string' && firstSku.trim() ? firstSku : `product-${i + 1}`);
    const optionNames = Array.isArray(item.options) ? item.options.filter((n): n is string => typeof n === 'string') : null;
    variants.forEach((v, j) => {
      row++;
      const ref = `product ${i + 1}, variant ${j + 1}`;
      if (!isObject(v)) {
        problems.push({ row, column: '(row)', problem: 'must be an object', ref });
        return;
      }
      const cells: RawRecord['cells'] = { ...product, ...toCells(v, ['options']), handle };
      if (v.options !== undefined) {
        if (!isObject(v.options)) {
          problems.push({ row, column: 'options', problem: 'must be an object such as { "Size": "M" }', ref });
          return;
        }
        const names = optionNames ?? Object.keys(v.options);
        if (names.length > 3) {
          problems.push({ row, column: 'options', problem: 'at most 3 options', ref });
          return;
        }
        const extra = Object.keys(v.options).filter((k) => !names.includes(k));
        if (extra.length) {
          problems.push({ row, column: 'options', problem: `${extra.join(', ')} is not one of the product's options (${names.join(', ')})`, ref });
          return;
        }
        names.forEach((name, k) => {
          cells[`option${k + 1}_name` as ImportColumn] = name;
          cells[`option${k + 1}_value` as ImportColumn] = (v.options as Record<string, unknown>)[name];
        });
      }
      records.push({ row, cells, ref });
    });
  });
  if (row > MAX_IMPORT_ROWS) return fileProblem(`has ${row.toLocaleString('en-US')} variants; the limit is ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows`);
  return { records, problems, ignoredColumns: [...ignored].slice(0, 50) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
