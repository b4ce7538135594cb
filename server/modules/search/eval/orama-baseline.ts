// The keyword baseline we must beat: Orama's in-process BM25 over the same product fields
// (title, classes, category path). Optionally hybrid (BM25 + vectors) for latency benches.
import { create, insertMultiple, search, type AnyOrama } from '@orama/orama';

export type BaselineProduct = { id: string; title: string; classes: string; category: string; embedding?: number[] };

export async function buildOramaIndex(products: BaselineProduct[], dimension?: number): Promise<AnyOrama> {
  const db = create({
    schema: {
      id: 'string',
      title: 'string',
      classes: 'string',
      category: 'string',
      ...(dimension ? { embedding: `vector[${dimension}]` as const } : {}),
    },
  });
  await insertMultiple(db, products, 1000);
  return db;
}

export async function oramaKeyword(db: AnyOrama, q: string, limit: number): Promise<string[]> {
  const res = await search(db, { term: q, properties: ['title', 'classes', 'category'], limit });
  return res.hits.map((h) => (h.document as { id: string }).id);
}

export async function oramaHybrid(db: AnyOrama, q: string, vector: number[], limit: number): Promise<string[]> {
  const res = await search(db, {
    mode: 'hybrid',
    term: q,
    properties: ['title', 'classes', 'category'],
    vector: { value: vector, property: 'embedding' },
    similarity: 0.1,
    limit,
  } as never);
  return res.hits.map((h) => (h.document as { id: string }).id);
}
