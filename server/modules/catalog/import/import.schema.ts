// Catalog import: the documented column set, the per-row schema, the doors' inputs and the
// report's shape. Client-safe (zod only): the console's upload form and edit form use it too.
import { z } from 'zod';

/** A file bigger than this is refused before parsing (5 MB ≈ 10,000 products with long descriptions). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Data rows per file. */
export const MAX_IMPORT_ROWS = 10_000;
/** At most this many problems are listed in a report; the counts stay exact. */
export const MAX_LISTED_PROBLEMS = 1_000;

export const IMPORT_FORMATS = ['csv', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * The documented columns (CSV header names; JSON keys are the same). Header matching ignores
 * case, spaces and dashes, and accepts the aliases listed.
 */
export const IMPORT_COLUMNS = [
  { name: 'sku', required: true, aliases: ['variant_sku'], help: 'Your stock-keeping unit; the import key (letters, digits, . _ - /)' },
  { name: 'title', required: true, aliases: ['name', 'product_name'], help: 'Product title' },
  { name: 'description', required: false, aliases: [], help: 'Plain text' },
  { name: 'category_path', required: false, aliases: ['category', 'categories', 'category_hierarchy'], help: 'From the root: "Furniture / Living Room Furniture / Chaises" (" / " or " > ")' },
  { name: 'class', required: false, aliases: ['product_class', 'classes'], help: 'Product class; several separated by |' },
  { name: 'price', required: false, aliases: ['variant_price'], help: 'Decimal string, e.g. 1299.00 (this or price_cents is required)' },
  { name: 'price_cents', required: false, aliases: [], help: 'Integer cents, e.g. 129900' },
  { name: 'currency', required: false, aliases: [], help: 'ISO 4217 code, default USD' },
  { name: 'stock', required: false, aliases: ['stock_on_hand', 'quantity', 'inventory', 'variant_inventory_qty'], help: 'Units on hand, default 0' },
  { name: 'colour', required: false, aliases: ['color'], help: 'Stored as the colour attribute' },
  { name: 'material', required: false, aliases: [], help: 'Stored as the material attribute' },
  { name: 'attributes', required: false, aliases: ['features', 'product_features'], help: 'key:value|key:value (JSON: an object)' },
  { name: 'image_url', required: false, aliases: ['image'], help: 'http(s) URL' },
  { name: 'hidden', required: false, aliases: [], help: 'true/false (yes/no, 1/0); hidden products are drafts' },
  { name: 'handle', required: false, aliases: ['parent_id', 'parent_sku', 'product_handle'], help: 'Rows sharing a handle are one product with several variants; product columns come from its first row (later rows may leave them blank)' },
  { name: 'option1_name', required: false, aliases: [], help: 'Variant option, e.g. Size (the first row of a handle names it)' },
  { name: 'option1_value', required: false, aliases: [], help: 'This variant’s value, e.g. M' },
  { name: 'option2_name', required: false, aliases: [], help: 'e.g. Color' },
  { name: 'option2_value', required: false, aliases: [], help: 'e.g. Navy' },
  { name: 'option3_name', required: false, aliases: [], help: 'e.g. Material' },
  { name: 'option3_value', required: false, aliases: [], help: 'e.g. Cotton' },
  {
    name: 'allow_backorder',
    required: false,
    aliases: ['allowbackorder', 'variant_inventory_policy', 'inventory_policy', 'backorders'],
    help: 'Sell beyond stock (back-orders): true/false (yes/no, 1/0), or Shopify’s Variant Inventory Policy continue/deny; left out, the product’s setting is kept',
  },
] as const;

/** Columns that describe the product; a handle's later rows inherit them from its first row. Everything else is per variant. */
export const PRODUCT_COLUMNS = ['title', 'description', 'category_path', 'class', 'colour', 'material', 'attributes', 'image_url', 'hidden', 'allow_backorder'] as const;
/** At most this many options per product (option1…option3). */
export const MAX_OPTIONS = 3;
/** At most this many variants per product. */
export const MAX_VARIANTS = 100;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]['name'];

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

/** One product as the import writes it (after the cells were converted). */
export const importRow = z.object({
  sku: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(64, 'at most 64 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'may contain only letters, digits and . _ - /'),
  title: text(200).min(1, 'is required'),
  description: text(5_000).default(''),
  categoryPath: z.array(text(120).min(1)).max(8, 'at most 8 levels').default([]),
  classes: z.array(text(120).min(1)).max(10, 'at most 10 classes').default([]),
  priceCents: z
    .number({ error: 'is required (price or price_cents)' })
    .int('must be whole cents')
    .min(1, 'must be more than 0')
    .max(100_000_000, 'must be at most 1,000,000.00'),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO code such as USD')
    .default('USD'),
  stock: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(1_000_000, 'must be at most 1,000,000').default(0),
  attributes: z
    .record(text(60).min(1), text(500))
    .refine((a) => Object.keys(a).length <= 50, 'at most 50 attributes')
    .default({}),
  imageUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2_000, 'at most 2,000 characters')
    .nullable()
    .default(null),
  hidden: z.boolean().default(false),
  /** Rows with the same handle are variants of one product; null: the row is a product of its own. */
  handle: z
    .string()
    .trim()
    .min(1)
    .max(120, 'at most 120 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'may contain only letters, digits and . _ - /')
    .nullable()
    .default(null),
  /** This variant's option values in the product's option order, e.g. [{ Size: M }, { Color: Navy }]. */
  options: z
    .array(z.object({ name: text(40).min(1, 'needs a name'), value: text(80).min(1, 'needs a value') }))
    .max(MAX_OPTIONS, `at most ${MAX_OPTIONS} options`)
    .default([]),
  /**
   * Back-orders on or off for the product (product_backorders). Absent when the file has no such
   * column or leaves the cell blank: the setting is left as it is, and the row hashes as before.
   */
  allowBackorder: z.boolean().optional(),
});
export type ImportRow = z.output<typeof importRow>;

/** Which file column each row field came from, so a problem names what the merchant typed. */
export const FIELD_COLUMN: Record<keyof ImportRow, ImportColumn> = {
  sku: 'sku',
  title: 'title',
  description: 'description',
  categoryPath: 'category_path',
  classes: 'class',
  priceCents: 'price',
  currency: 'currency',
  stock: 'stock',
  attributes: 'attributes',
  imageUrl: 'image_url',
  hidden: 'hidden',
  handle: 'handle',
  options: 'option1_value',
  allowBackorder: 'allow_backorder',
};

/** A reason a row cannot be imported. `row` counts data rows from 1 (CSV: the line after the header); null = the whole file. */
export type ImportProblem = { row: number | null; column: string; problem: string; ref?: string };

export const FLAG_CODES = ['missing_category', 'empty_description', 'price_outlier'] as const;
export type FlagCode = (typeof FLAG_CODES)[number];
/** A data-quality flag: the row is imported, and the product goes to the review queue. */
export type ImportFlag = { row: number; sku: string; flag: FlagCode; detail: string };

export type ImportReport = {
  format: ImportFormat;
  fileName: string;
  totalRows: number;
  validRows: number;
  invalidRows: number;
  /** Every problem, up to MAX_LISTED_PROBLEMS (problemCount is exact). */
  problems: ImportProblem[];
  problemCount: number;
  flags: ImportFlag[];
  flaggedRows: number;
  /** Header names the import does not know; their values are ignored. */
  ignoredColumns: string[];
  /** Products the valid rows make (rows sharing a handle are one product). */
  products?: number;
};

export const importFileInput = z.object({
  format: z.enum(IMPORT_FORMATS, { error: 'must be csv or json' }),
  content: z.string().max(MAX_IMPORT_BYTES, `file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`),
  fileName: z.string().trim().max(200).default(''),
});
export type ImportFileInput = z.input<typeof importFileInput>;

export const importIdInput = z.object({ importId: z.string().trim().min(1).max(64) });

export const listImportsInput = z.object({ limit: z.number().int().min(1).max(100).default(20) });
export type ListImportsInput = z.input<typeof listImportsInput>;

/** Guess the format from a file name or content type; null when neither says. */
export function formatFromName(name: string | null | undefined, contentType?: string | null): ImportFormat | null {
  const n = (name ?? '').toLowerCase();
  if (n.endsWith('.csv') || /\btext\/(csv|plain)\b/.test(contentType ?? '')) return 'csv';
  if (n.endsWith('.json') || /\bapplication\/json\b/.test(contentType ?? '')) return 'json';
  return null;
}
