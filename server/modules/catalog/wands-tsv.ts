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
  const lines = text.split('\n').filter((l) => l.length > 0);
  const header = lines[0]?.replace(/\r$/, '').split('\t') ?? [];
  if (!header.includes('product_id') || !header.includes('product_name')) {
    return { rows: [], errors: [{ line: 1, message: 'header must name product_id and product_name' }] };
  }
  const rows: WandsProductRow[] = [];
  const errors: ParseResult['errors'] = [];
  lines.slice(1).forEach((line, i) => {
    const cells = line.replace(/\r$/, '').split('\t');
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
