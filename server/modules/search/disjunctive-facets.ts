// Disjunctive facet counts, as shoppers expect from Shopify or Algolia: with "Furniture"
// ticked, the Category facet still counts the other categories (as if its own filter were
// off), so a shopper can add a second category or switch price band. Other dimensions count
// within everything selected. Costs one unfiltered retrieval, only when filters are on.
import type { Db } from '@/server/db/client';
import type { Embedder } from '@/server/ml/embedders/types';
import { loadCandidateDocs, type CandidateDoc } from './candidate-docs';
import { computeFacets, type Facets } from './facets';
import { reciprocalRankFusion } from './fuse';
import { retrieveKeyword } from './keyword-retriever';
import { nearestProducts } from './product-vectors';
import type { RankingConfig } from './ranking-config';
import type { Routing } from './route-query';
import type { SearchFilters } from './search.schema';
import type { ExpandedTerm } from './synonyms';

type Dimension = 'category' | 'class' | 'color' | 'material' | 'price' | 'rating' | 'inStock';

function active(f: SearchFilters): Dimension[] {
  const dims: Dimension[] = [];
  if (f.category?.length) dims.push('category');
  if (f.class?.length) dims.push('class');
  if (f.color?.length) dims.push('color');
  if (f.material?.length) dims.push('material');
  if (f.priceMin !== undefined || f.priceMax !== undefined) dims.push('price');
  if (f.ratingMin !== undefined) dims.push('rating');
  if (f.inStock) dims.push('inStock');
  return dims;
}

const overlaps = (a: string[], b: string[] | undefined) => !b?.length || a.some((x) => b.includes(x));

/** The JS twin of filtersSql, skipping one dimension. */
export function matchesFilters(d: CandidateDoc, f: SearchFilters, except?: Dimension): boolean {
  return (
    (except === 'category' || overlaps(d.categoryPath, f.category)) &&
    (except === 'class' || overlaps(d.classes, f.class)) &&
    (except === 'color' || overlaps(d.color, f.color)) &&
    (except === 'material' || overlaps(d.material, f.material)) &&
    (except === 'price' || ((f.priceMin === undefined || d.priceCents >= f.priceMin) && (f.priceMax === undefined || d.priceCents <= f.priceMax))) &&
    (except === 'rating' || f.ratingMin === undefined || (d.ratingAvg ?? 0) >= f.ratingMin) &&
    (except === 'inStock' || !f.inStock || d.inStock)
  );
}

export function hasFacetFilters(f: SearchFilters): boolean {
  return active(f).length > 0;
}

export function applyDisjunctive(conjunctive: Facets, unfiltered: CandidateDoc[], filters: SearchFilters): Facets {
  const out: Facets = { ...conjunctive };
  for (const dim of active(filters)) {
    const counts = computeFacets(unfiltered.filter((d) => matchesFilters(d, filters, dim)));
    if (dim === 'price') out.price = counts.price;
    else if (dim === 'rating') out.rating = counts.rating;
    else if (dim === 'inStock') out.inStock = counts.inStock;
    else out[dim] = counts[dim];
  }
  return out;
}

export async function disjunctiveFacets(
  db: Db,
  args: {
    terms: ExpandedTerm[];
    queryNorm: string;
    filters: SearchFilters;
    config: RankingConfig;
    routing: Routing;
    trigram: boolean;
    vector?: { embedder: Embedder; query: Float32Array };
  },
  conjunctive: Facets,
): Promise<Facets> {
  const keyword = await retrieveKeyword(db, {
    terms: args.terms,
    queryNorm: args.queryNorm,
    filters: {},
    limit: args.config.retrieval.keywordLimit,
    trigram: args.trigram,
  });
  const vectorIds = args.vector
    ? (await nearestProducts(db, args.vector.embedder, args.vector.query, args.config.retrieval.vectorLimit))
        .filter((h) => h.distance <= args.config.retrieval.vectorMaxDistance)
        .map((h) => h.productId)
    : [];
  const fused = reciprocalRankFusion(
    [
      { name: 'keyword', weight: args.routing.keyword, ids: keyword.ids },
      { name: 'vector', weight: args.routing.vector, ids: vectorIds },
    ],
    args.config.retrieval.rrfK,
  );
  const docs = await loadCandidateDocs(db, fused.map((f) => f.id));
  return applyDisjunctive(conjunctive, [...docs.values()], args.filters);
}
