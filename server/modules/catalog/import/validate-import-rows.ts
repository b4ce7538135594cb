// Records → valid rows and a (row, column, problem) list. Cells arrive as CSV strings or
// JSON values; each is converted (prices to integer cents without floating point), then the
// whole row is checked by the same zod schema the console's forms use. Pure: no database.
import { importRow, FIELD_COLUMN, IMPORT_COLUMNS, type ImportColumn, type ImportProblem, type ImportRow } from './import.schema';
import type { RawRecord } from './parse-import-file';

export type ValidRow = { row: number; data: ImportRow };
export type ValidationResult = { rows: ValidRow[]; problems: ImportProblem[]; invalidRows: number };

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

class CellError extends Error {}

function asText(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new CellError('must be text');
}

/** "1299", "1299.5", "1,299.00", "$1,299.00" → cents, by string arithmetic (no float rounding). */
export function decimalToCents(v: unknown): number {
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new CellError('must be a number');
    s = String(v);
    if (/e/i.test(s)) throw new CellError('must be a plain decimal such as 1299.00');
  } else if (typeof v === 'string') {
    s = v.trim().replace(/^\$\s*/, '');
  } else {
    throw new CellError('must be a decimal such as 1299.00');
  }
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new CellError(s.startsWith('-') ? 'must be more than 0' : 'must be a decimal with at most 2 places, such as 1299.00');
  const whole = m[1]!.replace(/,/g, '');
  if (whole.length > 9) throw new CellError('must be at most 1,000,000.00');
  return Number(whole) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

function asInteger(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,12}$/.test(v.trim())) return Number(v.trim());
  throw new CellError('must be a whole number');
}

function asBoolean(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (['true', 'yes', 'y', '1'].includes(s)) return true;
  if (['false', 'no', 'n', '0'].includes(s)) return false;
  throw new CellError('must be true or false');
}

function asList(v: unknown, separator: RegExp): string[] {
  if (Array.isArray(v)) return v.map(asText).filter(Boolean);
  return asText(v)
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}

function asAttributes(v: unknown): Record<string, string> {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.trim().toLowerCase(), asText(x)]));
  }
  const out: Record<string, string> = {};
  for (const pair of asText(v).split('|')) {
    if (!pair.trim()) continue;
    const at = pair.indexOf(':');
    if (at <= 0) throw new CellError(`"${pair.trim().slice(0, 40)}" is not key:value`);
    out[pair.slice(0, at).trim().toLowerCase()] = pair.slice(at + 1).trim();
  }
  return out;
}

/** One record → a candidate row for zod, or the problems that stop it. */
function convert(cells: RawRecord['cells'], problems: (column: string, problem: string) => void): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const cell = <T>(column: ImportColumn, fn: (v: unknown) => T): T | undefined => {
    const v = cells[column];
    if (blank(v)) return undefined;
    try {
      return fn(v);
    } catch (err) {
      if (err instanceof CellError) problems(column, err.message);
      else throw err;
      return undefined;
    }
  };
  for (const column of ['sku', 'title'] as const) if (blank(cells[column])) problems(column, 'is required');
  out.sku = cell('sku', asText);
  out.title = cell('title', asText);
  out.description = cell('description', asText);
  // " / " as in WANDS ("Furniture / Living Room Furniture"), or ">"; a bare "/" may be part of a name.
  out.categoryPath = cell('category_path', (v) => asList(v, /\s+\/\s+|\s*>\s*/));
  out.classes = cell('class', (v) => asList(v, /\|/));
  out.currency = cell('currency', (v) => asText(v).toUpperCase());
  out.stock = cell('stock', asInteger);
  out.hidden = cell('hidden', asBoolean);
  out.imageUrl = cell('image_url', asText);
  const attributes = cell('attributes', asAttributes) ?? {};
  const colour = cell('colour', asText);
  const material = cell('material', asText);
  if (colour) attributes.colour = colour;
  if (material) attributes.material = material;
  out.attributes = attributes;

  const fromDecimal = cell('price', decimalToCents);
  const fromCents = cell('price_cents', asInteger);
  if (fromDecimal !== undefined && fromCents !== undefined && fromDecimal !== fromCents) {
    problems('price', `${String(cells.price)} does not match price_cents ${String(cells.price_cents)}`);
  }
  out.priceCents = fromDecimal ?? fromCents;
  if (blank(cells.price) && blank(cells.price_cents)) problems('price', 'is required (price or price_cents)');
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

export function validateImportRows(records: RawRecord[]): ValidationResult {
  const rows: ValidRow[] = [];
  const problems: ImportProblem[] = [];
  const firstRowBySku = new Map<string, number>();
  let invalidRows = 0;
  for (const { row, cells } of records) {
    const found: ImportProblem[] = [];
    const candidate = convert(cells, (column, problem) => found.push({ row, column, problem }));
    const parsed = importRow.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof ImportRow | undefined;
        let column: string = field ? FIELD_COLUMN[field] : '(row)';
        if (field === 'priceCents' && blank(cells.price) && !blank(cells.price_cents)) column = 'price_cents';
        if (field === 'attributes' && issue.path.length > 1) column = `attributes.${String(issue.path[1])}`;
        // A cell conversion already explained this column; zod would only repeat "required".
        if (!found.some((p) => p.column === column)) found.push({ row, column, problem: issue.message });
      }
    }
    if (parsed.success) {
      const first = firstRowBySku.get(parsed.data.sku);
      if (first !== undefined) found.push({ row, column: 'sku', problem: `${parsed.data.sku} already appears in row ${first}` });
      else firstRowBySku.set(parsed.data.sku, row);
    }
    if (found.length || !parsed.success) {
      invalidRows++;
      problems.push(...found.sort((a, b) => columnOrder(a.column) - columnOrder(b.column)));
      continue;
    }
    rows.push({ row, data: parsed.data });
  }
  return { rows, problems, invalidRows };
}

/** Problems of a row are listed in the documented column order. */
function columnOrder(column: string): number {
  const i = IMPORT_COLUMNS.findIndex((c) => c.name === column.split('.')[0]);
  return i === -1 ? IMPORT_COLUMNS.length : i;
}
