// Turns source rows into the catalog's shape: display titles, category paths, classes.
import type { WandsProductRow } from './wands-tsv';

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** WANDS names are lower-case; shoppers expect title case ("Tufted Low Profile Bed"). */
export function titleCase(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word, i) => {
      if (i > 0 && SMALL_WORDS.has(word)) return word;
      if (/\d/.test(word) && /[a-z]/.test(word) && word.length <= 4) return word; // "3pc", "2x4"
      return word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join(' ');
}

export function parseCategoryPath(hierarchy: string): string[] {
  // Three WANDS rows carry CSV quoting ("… Bar (28""-33"") …"): unquote and unescape.
  const quoted = /^".*"$/.test(hierarchy);
  return (quoted ? hierarchy.slice(1, -1).replace(/""/g, '"') : hierarchy)
    .split(' / ')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseClasses(productClass: string): string[] {
  return productClass
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function slugify(title: string, externalId: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)
    .replace(/-$/, '');
  // The source id keeps slugs unique when two products share a name.
  return `${base || 'product'}-${externalId}`;
}

export type NormalizedProduct = {
  externalId: string;
  slug: string;
  title: string;
  description: string;
  classes: string[];
  categoryPath: string[];
  attributes: Record<string, string>;
  ratingAvg: number | null;
  reviewCount: number;
};

export function normalizeWandsProduct(row: WandsProductRow): NormalizedProduct {
  const externalId = `wands:${row.product_id}`;
  const title = titleCase(row.product_name);
  const features = parseFeatures(row.product_features);
  const rating = row.average_rating ? Number.parseFloat(row.average_rating) : NaN;
  const reviews = row.review_count ? Number.parseInt(row.review_count, 10) : NaN;
  return {
    externalId,
    slug: slugify(title, row.product_id),
    title,
    description: row.product_description?.trim() ?? '',
    classes: parseClasses(row.product_class),
    categoryPath: parseCategoryPath(row.category_hierarchy),
    attributes: { source_name: row.product_name, ...features },
    ratingAvg: Number.isFinite(rating) ? rating : null,
    reviewCount: Number.isFinite(reviews) ? reviews : 0,
  };
}

/** Full WANDS carries features as "key:value|key:value". */
function parseFeatures(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  const out: Record<string, string> = {};
  for (const pair of raw.split('|')) {
    const at = pair.indexOf(':');
    if (at <= 0) continue;
    const key = pair.slice(0, at).trim().toLowerCase();
    const value = pair.slice(at + 1).trim();
    if (key && value) out[key] = value;
  }
  return out;
}
