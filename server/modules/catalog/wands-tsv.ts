// Parses WANDS product files (the 40-query pool's products.tsv or the full WANDS
// product.csv, which is tab-separated too). Split on tabs only: some category fields
// carry literal CSV quotes that a quote-aware parser would rewrite (see the data README).
import { z } from 'zod';

export const wandsProductRow = z.object({
  product_id: z.string().regex(/^\d+$/, 'product_id must be numeric'),
  product_name: z.string().min(1, 'product_name is empty'),
  product_class: z.string().default(''),
  category_hierarchy: z.string().default(''),
  product_description: z.string().optional(),
  product_features: z.string().optional(),
  rating_count: z.string().optional(),
  average_rating: z.string().optional(),
  review_count: z.string().optional(),
});
export type WandsProductRow = z.infer<typeof wandsProductRow>;

export type ParseResult = { rows: WandsProductRow[]; errors: { line: number; message: string }[] };

export function parseWandsProducts(text: string): ParseResult {
  // Blank lines are skipped but still counted, so error line numbers match the file.
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  // The full WANDS product.csv names its column "category hierarchy" (with a space).
  const header = lines[0]?.split('\t').map((h) => h.trim().replace(/ /g, '_')) ?? [];
  if (!header.includes('product_id') || !header.includes('product_name')) {
    return { rows: [], errors: [{ line: 1, message: 'header must name product_id and product_name' }] };
  }
  const rows: WandsProductRow[] = [];
  const errors: ParseResult['errors'] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.length === 0) return;
    const cells = line.split('\t');
    const record = Object.fromEntries(header.map((h, j) => [h, cells[j] ?? '']));
    const parsed = wandsProductRow.safeParse(record);
    if (parsed.success) rows.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      errors.push({ line: i + 2, message: `${issue?.path.join('.')}: ${issue?.message}` });
    }
  });
  return { rows, errors };
}
