// Which embedder serves search, resolved once per process from configuration (EMBEDDER,
// HF_*). Catalog-trained embedders (LSA, and blends that include it) load their trained
// artifact from embedder_artifacts, training one from the catalog the first time.
import type { Db } from '@/server/db/client';
import { embedderFromEnv } from '@/server/ml/embedders/config';
import { deserializeLsa, serializeLsa, trainLsa, type LsaModel } from '@/server/ml/embedders/lsa';
import type { Embedder } from '@/server/ml/embedders/types';
import { listProductsForIndex } from '@/server/modules/catalog/list-for-index';
import { embeddingText } from './index-documents';
import { onInvalidate } from '@/server/lib/cache-bus';

let cached: Promise<Embedder> | undefined;

export function resetActiveEmbedder() {
  cached = undefined;
}
onInvalidate('search.embedder', resetActiveEmbedder);

function needsLsa(env: Record<string, string | undefined>): boolean {
  const kind = env.EMBEDDER ?? 'lsa';
  return kind === 'lsa' || kind === 'blend';
}

export function getActiveEmbedder(db: Db, env: Record<string, string | undefined> = process.env): Promise<Embedder> {
  cached ??= (async () => {
    const lsa = needsLsa(env) ? await loadOrTrainLsa(db) : undefined;
    return embedderFromEnv(env, { lsa });
  })().catch((err) => {
    cached = undefined; // let the next request retry
    throw err;
  });
  return cached;
}

export async function loadOrTrainLsa(db: Db, opts: { retrain?: boolean } = {}): Promise<LsaModel> {
  if (!opts.retrain) {
    const row = await db.embedderArtifact.findFirst({
      where: { embedderId: 'lsa' },
      orderBy: { createdAt: 'desc' },
      select: { artifact: true },
    });
    if (row) return deserializeLsa(Buffer.from(row.artifact));
  }
  const texts: string[] = [];
  for (let afterId: string | undefined; ; ) {
    const page = await listProductsForIndex(db, { afterId, limit: 1000 });
    if (page.length === 0) break;
    for (const p of page) if (p.status === 'active') texts.push(embeddingText(p));
    afterId = page.at(-1)!.id;
  }
  if (texts.length === 0) throw new Error('cannot train the catalog embedder: the catalog is empty');
  const model = trainLsa(texts);
  const buf = serializeLsa(model);
  await db.embedderArtifact.upsert({
    where: { embedderId_version: { embedderId: 'lsa', version: model.version } },
    create: { embedderId: 'lsa', version: model.version, dimension: model.dimension, artifact: new Uint8Array(buf), meta: { documents: texts.length } },
    update: {},
  });
  return model;
}
