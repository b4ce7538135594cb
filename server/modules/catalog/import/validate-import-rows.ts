// Records → valid rows and a (row, column, problem) list. Cells arrive as CSV strings or
// JSON values; each is converted (prices to integer cents without floating point), then the
// whole row is checked by the same zod schema the console's forms use. Pure: no database.
import {
  importRow,
  FIELD_COLUMN,
  IMPORT_COLUMNS,
  MAX_OPTIONS,
  MAX_VARIANTS,
  PRODUCT_COLUMNS,
  type ImportColumn,
  type ImportProblem,
  type ImportRow,
} from './import.schema';
import type { RawRecord } from './parse-import-file';

export type ValidRow = { row: number; data: ImportRow; ref?: string };
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

/** allow_backorder: a boolean, or Shopify's Variant Inventory Policy (continue = sell beyond stock, deny = not). */
function asBackorderPolicy(v: unknown): boolean {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (s === 'continue') return true;
  if (s === 'deny') return false;
  try {
    return asBoolean(v);
  } catch {
    throw new CellError('must be true or false (yes/no, 1/0), or continue/deny');
  }
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
  out.allowBackorder = cell('allow_backorder', asBackorderPolicy);
  out.imageUrl = cell('image_url', asText);
  const attributes = cell('attributes', asAttributes) ?? {};
  const colour = cell('colour', asText);
  const material = cell('material', asText);
  if (colour) attributes.colour = colour;
  if (material) attributes.material = material;
  out.attributes = attributes;

  out.handle = cell('handle', asText);
  const options: { name: string; value: string }[] = [];
  for (let k = 1; k <= MAX_OPTIONS; k++) {
    const nameColumn = `option${k}_name` as ImportColumn;
    const valueColumn = `option${k}_value` as ImportColumn;
    const name = cell(nameColumn, asText);
    const value = cell(valueColumn, asText);
    if (value && !name) problems(nameColumn, `is required when ${valueColumn} is given`);
    else if (name && !value) problems(valueColumn, `is required (${nameColumn} is ${name})`);
    else if (name && value) options.push({ name, value });
  }
  const names = options.map((o) => o.name.toLowerCase());
  if (new Set(names).size !== names.length) problems('option1_name', 'names the same option twice');
  out.options = options;

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

const sameCell = (a: unknown, b: unknown) => JSON.stringify(typeof a === 'string' ? a.trim() : a) === JSON.stringify(typeof b === 'string' ? b.trim() : b);

/**
 * Rows sharing a handle are one product: its later rows inherit the product columns (and
 * option names) they leave blank from its first row; a different value is a conflict.
 */
function inheritFromLead(records: RawRecord[]): { records: RawRecord[]; conflicts: Map<number, ImportProblem[]> } {
  const leads = new Map<string, RawRecord>();
  const conflicts = new Map<number, ImportProblem[]>();
  const inherited = [...PRODUCT_COLUMNS, 'option1_name', 'option2_name', 'option3_name'] as const;
  // An option name is inherited only by a row that gives that option's value.
  const valueOf: Partial<Record<ImportColumn, ImportColumn>> = { option1_name: 'option1_value', option2_name: 'option2_value', option3_name: 'option3_value' };
  const out = records.map((r) => {
    const handle = typeof r.cells.handle === 'string' ? r.cells.handle.trim() : typeof r.cells.handle === 'number' ? String(r.cells.handle) : '';
    if (!handle) return r;
    const lead = leads.get(handle);
    if (!lead) {
      leads.set(handle, r);
      return r;
    }
    const cells = { ...r.cells };
    for (const column of inherited) {
      if (blank(cells[column])) {
        const value = valueOf[column];
        if (!blank(lead.cells[column]) && (!value || !blank(cells[value]))) cells[column] = lead.cells[column];
      } else if (!blank(lead.cells[column]) && !sameCell(cells[column], lead.cells[column])) {
        const list = conflicts.get(r.row) ?? [];
        list.push({
          row: r.row,
          column,
          problem: valueOf[column]
            ? `is ${String(cells[column])}, but row ${lead.row}, the first row of handle ${handle}, names this option ${String(lead.cells[column])}`
            : `differs from row ${lead.row}, the first row of handle ${handle} (product columns come from a handle's first row; leave it blank or repeat it)`,
        });
        conflicts.set(r.row, list);
      }
    }
    return { ...r, cells };
  });
  return { records: out, conflicts };
}

export function validateImportRows(input: RawRecord[]): ValidationResult {
  const rows: ValidRow[] = [];
  const problems: ImportProblem[] = [];
  const firstRowBySku = new Map<string, number>();
  /** Per handle: its rows so far, and each option combination's first row. */
  const groups = new Map<string, { rows: number; combos: Map<string, number>; lead: number; leadHasOptions: boolean }>();
  const { records, conflicts } = inheritFromLead(input);
  let invalidRows = 0;
  for (const { row, cells, ref } of records) {
    const found: ImportProblem[] = [...(conflicts.get(row) ?? [])];
    const candidate = convert(cells, (column, problem) => found.push({ row, column, problem }));
    const parsed = importRow.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof ImportRow | undefined;
        let column: string = field ? FIELD_COLUMN[field] : '(row)';
        if (field === 'priceCents' && blank(cells.price) && !blank(cells.price_cents)) column = 'price_cents';
        if (field === 'attributes' && issue.path.length > 1) column = `attributes.${String(issue.path[1])}`;
        if (field === 'options' && issue.path.length > 2) column = `option${Number(issue.path[1]) + 1}_${String(issue.path[2])}`;
        // A cell conversion already explained this column; zod would only repeat "required".
        if (!found.some((p) => p.column === column)) found.push({ row, column, problem: issue.message });
      }
    }
    if (parsed.success) {
      const first = firstRowBySku.get(parsed.data.sku);
      if (first !== undefined) found.push({ row, column: 'sku', problem: `${parsed.data.sku} already appears in row ${first}` });
      else firstRowBySku.set(parsed.data.sku, row);
    }
    if (parsed.success && parsed.data.handle && found.length === 0) {
      const { handle, options } = parsed.data;
      const group = groups.get(handle) ?? { rows: 0, combos: new Map<string, number>(), lead: row, leadHasOptions: options.length > 0 };
      groups.set(handle, group);
      const combo = variantTitle(options);
      const seen = group.combos.get(combo.toLowerCase());
      if (group.rows >= MAX_VARIANTS) found.push({ row, column: 'handle', problem: `handle ${handle} has more than ${MAX_VARIANTS} variants` });
      else if (group.rows > 0 && options.length === 0)
        found.push({ row, column: 'option1_value', problem: `is required: handle ${handle} has several variants, so each needs its option values` });
      else if (group.rows > 0 && !group.leadHasOptions)
        found.push({ row, column: 'option1_value', problem: `row ${group.lead}, the first row of handle ${handle}, has no option values, so it cannot have more variants` });
      else if (seen !== undefined)
        found.push({ row, column: 'option1_value', problem: `${describeOptions(options)} is already row ${seen} of handle ${handle}` });
      else {
        group.combos.set(combo.toLowerCase(), row);
        group.rows++;
      }
    }
    if (found.length || !parsed.success) {
      invalidRows++;
      problems.push(...found.sort((a, b) => columnOrder(a.column) - columnOrder(b.column)).map((p) => (ref ? { ...p, ref } : p)));
      continue;
    }
    rows.push(ref ? { row, data: parsed.data, ref } : { row, data: parsed.data });
  }
  return { rows, problems, invalidRows };
}

/** A variant's title from its option values: "M / Navy"; "Default" without options. */
export function variantTitle(options: { value: string }[]): string {
  return options.length ? options.map((o) => o.value).join(' / ') : 'Default';
}

export function describeOptions(options: { name: string; value: string }[]): string {
  return options.length ? options.map((o) => `${o.name} ${o.value}`).join(' / ') : 'the default variant';
}

/** Problems of a row are listed in the documented column order. */
function columnOrder(column: string): number {
  const i = IMPORT_COLUMNS.findIndex((c) => c.name === column.split('.')[0]);
  return i === -1 ? IMPORT_COLUMNS.length : i;
}
