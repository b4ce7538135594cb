// Builds search_documents from the catalog: weighted full-text document, normalised title
// for trigram/autocomplete, facet attributes and the signals ranking uses.
import type { Db } from '@/server/db/client';
import { listProductsForIndex, type IndexableProduct } from '@/server/modules/catalog/list-for-index';
import { extractFacetAttributes } from './facet-attributes';
import { normalizeText } from './text';

const BATCH = 500;

/** Text an embedder sees for a product: what it is, then where it sits in the catalog. */
export function embeddingText(p: Pick<IndexableProduct, 'title' | 'classes' | 'categoryPath'>): string {
  return [p.title, p.classes.join(', '), p.categoryPath.join(' > ')].filter(Boolean).join('. ');
}

function featureText(attributes: Record<string, unknown>): string {
  return Object.entries(attributes)
    .filter(([k, v]) => k !== 'source_name' && typeof v === 'string')
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(' ');
}

function toRow(p: IndexableProduct) {
  return {
    product_id: p.id,
    slug: p.slug,
    title: p.title,
    title_norm: normalizeText(p.title),
    category_path: p.categoryPath,
    category: p.categoryPath[0] ?? null,
    leaf_category: p.categoryPath.at(-1) ?? null,
    classes: p.classes,
    facets: extractFacetAttributes(p.title, p.attributes),
    price_cents: p.priceCents,
    rating_avg: p.ratingAvg,
    review_count: p.reviewCount,
    in_stock: p.inStock,
    class_text: [...p.classes, ...p.categoryPath].join(' '),
    feature_text: featureText(p.attributes),
    description: p.description,
    product_created_at: p.createdAt.toISOString(),
  };
}

async function upsertBatch(db: Db, products: IndexableProduct[]): Promise<number> {
  const active = products.filter((p) => p.status === 'active');
  const inactive = products.filter((p) => p.status !== 'active').map((p) => p.id);
  if (inactive.length) await db.searchDocument.deleteMany({ where: { productId: { in: inactive } } });
  if (!active.length) return 0;
  const rows = JSON.stringify(active.map(toRow));
  await db.$executeRaw`
    INSERT INTO search_documents (product_id, slug, title, title_norm, category_path, category, leaf_category,
      classes, facets, price_cents, rating_avg, review_count, in_stock, document, product_created_at, indexed_at)
    SELECT x.product_id, x.slug, x.title, x.title_norm,
      ARRAY(SELECT jsonb_array_elements_text(x.category_path)), x.category, x.leaf_category,
      ARRAY(SELECT jsonb_array_elements_text(x.classes)), x.facets, x.price_cents, x.rating_avg, x.review_count, x.in_stock,
      setweight(to_tsvector('english', unaccent(x.title)), 'A') ||
      setweight(to_tsvector('english', unaccent(x.class_text)), 'B') ||
      setweight(to_tsvector('english', unaccent(x.feature_text)), 'C') ||
      setweight(to_tsvector('english', unaccent(x.description)), 'D'),
      x.product_created_at, now()
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(
      product_id text, slug text, title text, title_norm text, category_path jsonb, category text, leaf_category text,
      classes jsonb, facets jsonb, price_cents int, rating_avg float8, review_count int, in_stock boolean,
      class_text text, feature_text text, description text, product_created_at timestamptz)
    ON CONFLICT (product_id) DO UPDATE SET
      slug = EXCLUDED.slug, title = EXCLUDED.title, title_norm = EXCLUDED.title_norm,
      category_path = EXCLUDED.category_path, category = EXCLUDED.category, leaf_category = EXCLUDED.leaf_category,
      classes = EXCLUDED.classes, facets = EXCLUDED.facets, price_cents = EXCLUDED.price_cents,
      rating_avg = EXCLUDED.rating_avg, review_count = EXCLUDED.review_count, in_stock = EXCLUDED.in_stock,
      document = EXCLUDED.document, product_created_at = EXCLUDED.product_created_at, indexed_at = now()`;
  return active.length;
}

/**
 * (Re)indexes the given products, or every product changed since the last indexing run
 * (all of them with `full`). Returns how many documents were written.
 */
export async function indexDocuments(db: Db, opts: { ids?: string[]; full?: boolean } = {}): Promise<{ indexed: number }> {
  let indexed = 0;
  if (opts.ids) {
    for (let i = 0; i < opts.ids.length; i += BATCH) {
      indexed += await upsertBatch(db, await listProductsForIndex(db, { ids: opts.ids.slice(i, i + BATCH), limit: BATCH }));
    }
    return { indexed };
  }
  const last = opts.full ? null : await db.searchDocument.aggregate({ _max: { indexedAt: true } });
  // Products updated in the same millisecond as the last run are re-read: cheap, and safe.
  const updatedAfter = last?._max.indexedAt ? new Date(last._max.indexedAt.getTime() - 1) : undefined;
  for (let afterId: string | undefined; ; ) {
    const page = await listProductsForIndex(db, { afterId, limit: BATCH, updatedAfter });
    if (page.length === 0) break;
    indexed += await upsertBatch(db, page);
    afterId = page.at(-1)!.id;
  }
  return { indexed };
}
