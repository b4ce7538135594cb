// The one place product vectors are read and written (pgvector columns are Unsupported
// in Prisma). Each embedder version gets a partial HNSW index over embedding::vector(dim);
// queries name the embedder as literals so the planner can match that partial index.
import { Prisma } from '@/server/db/generated/client';
import type { Db } from '@/server/db/client';
import pgvector from 'pgvector';
import type { Embedder } from '@/server/ml/embedders/types';

export type EmbedderKey = Pick<Embedder, 'id' | 'version' | 'dimension'>;

const SAFE = /^[A-Za-z0-9._-]{1,64}$/;

function literals(e: EmbedderKey) {
  if (!SAFE.test(e.id) || !SAFE.test(e.version) || !Number.isInteger(e.dimension) || e.dimension < 1 || e.dimension > 4096) {
    throw new Error(`unsafe embedder key ${e.id}@${e.version}/${e.dimension}`);
  }
  return {
    id: Prisma.raw(`'${e.id}'`),
    version: Prisma.raw(`'${e.version}'`),
    type: Prisma.raw(`vector(${e.dimension})`),
    indexName: Prisma.raw(`"product_embeddings_hnsw_${`${e.id}_${e.version}`.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40)}"`),
  };
}

/** pgvector's text form, via the pgvector package; non-finite values (never expected) become 0. */
export function toVectorLiteral(v: ArrayLike<number>): string {
  return pgvector.toSql(Array.from(v, (x) => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : 0)));
}

export async function storeVectors(db: Db, e: EmbedderKey, rows: { productId: string; vector: ArrayLike<number> }[]): Promise<void> {
  if (rows.length === 0) return;
  const payload = JSON.stringify(rows.map((r) => ({ product_id: r.productId, embedding: toVectorLiteral(r.vector) })));
  await db.$executeRaw`
    INSERT INTO product_embeddings (product_id, embedder_id, embedder_version, dimension, embedding)
    SELECT x.product_id, ${e.id}, ${e.version}, ${e.dimension}, x.embedding::vector
    FROM jsonb_to_recordset(${payload}::jsonb) AS x(product_id text, embedding text)
    ON CONFLICT (product_id, embedder_id, embedder_version)
    DO UPDATE SET embedding = EXCLUDED.embedding, dimension = EXCLUDED.dimension, created_at = now()`;
}

export async function ensureVectorIndex(db: Db, e: EmbedderKey): Promise<void> {
  const l = literals(e);
  await db.$executeRaw`
    CREATE INDEX IF NOT EXISTS ${l.indexName} ON product_embeddings
    USING hnsw ((embedding::${l.type}) vector_cosine_ops)
    WHERE embedder_id = ${l.id} AND embedder_version = ${l.version}`;
}

/** Product ids (of the given set, or all) that have no vector from this embedder yet. */
export async function productsMissingVectors(db: Db, e: EmbedderKey): Promise<string[]> {
  const rows = await db.$queryRaw<{ product_id: string }[]>`
    SELECT d.product_id FROM search_documents d
    WHERE NOT EXISTS (
      SELECT 1 FROM product_embeddings pe
      WHERE pe.product_id = d.product_id AND pe.embedder_id = ${e.id} AND pe.embedder_version = ${e.version})
    ORDER BY d.product_id`;
  return rows.map((r) => r.product_id);
}

export type VectorHit = { productId: string; distance: number };

/**
 * Cosine kNN over the embedder's vectors, filtered inside the scan: pgvector 0.8's
 * iterative index scan keeps fetching until `limit` rows pass the filter, so recall holds
 * when filters are selective.
 */
export async function nearestProducts(
  db: Db,
  e: EmbedderKey,
  query: ArrayLike<number>,
  limit: number,
  /** A condition over search_documents aliased `d` (see filters-sql.ts). */
  filter: Prisma.Sql = Prisma.sql`TRUE`,
): Promise<VectorHit[]> {
  const l = literals(e);
  const q = toVectorLiteral(query);
  // hnsw.iterative_scan and ef_search are set per connection (server/db/client.ts).
  const rows = await db.$queryRaw<{ product_id: string; distance: number }[]>`
    SELECT pe.product_id, (pe.embedding::${l.type} <=> ${q}::${l.type}) AS distance
    FROM product_embeddings pe JOIN search_documents d ON d.product_id = pe.product_id
    WHERE pe.embedder_id = ${l.id} AND pe.embedder_version = ${l.version} AND ${filter}
    ORDER BY pe.embedding::${l.type} <=> ${q}::${l.type}
    LIMIT ${limit}`;
  return rows.map((r) => ({ productId: r.product_id, distance: Number(r.distance) }));
}

/**
 * Nearest neighbours of a product's own vector (for recommendations' similar products),
 * cosine similarity = 1 − distance. Empty when the product has no vector from this embedder.
 */
export async function productVectorNeighbours(db: Db, e: EmbedderKey, productId: string, limit: number): Promise<VectorHit[]> {
  const l = literals(e);
  const rows = await db.$queryRaw<{ product_id: string; distance: number }[]>`
    WITH q AS (
      SELECT embedding::${l.type} AS v FROM product_embeddings
      WHERE product_id = ${productId} AND embedder_id = ${l.id} AND embedder_version = ${l.version})
    SELECT pe.product_id, (pe.embedding::${l.type} <=> q.v) AS distance
    FROM product_embeddings pe, q
    WHERE pe.embedder_id = ${l.id} AND pe.embedder_version = ${l.version} AND pe.product_id <> ${productId}
    ORDER BY pe.embedding::${l.type} <=> q.v
    LIMIT ${limit}`;
  return rows.map((r) => ({ productId: r.product_id, distance: Number(r.distance) }));
}
