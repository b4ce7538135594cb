// The one contract every text embedder meets, plus the timeout and batching helpers
// that callers (indexer, query path) share. Vectors are unit-normalised so that a dot
// product is the cosine: the vector store and the brute-force evaluation rely on that.
import { createHash } from 'node:crypto';

export interface Embedder {
  /** Family name, e.g. 'lsa', 'use-lite'. */
  id: string;
  /** Changes whenever vectors from this embedder stop being comparable with old ones. */
  version: string;
  dimension: number;
  embed(texts: string[], opts?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}

export const DEFAULT_BATCH_SIZE = 64;

export class EmbedderTimeoutError extends Error {
  constructor(
    readonly embedderId: string,
    readonly timeoutMs: number,
  ) {
    super(`embedder '${embedderId}' did not answer within ${timeoutMs} ms`);
    this.name = 'EmbedderTimeoutError';
  }
}

/**
 * Runs `work` with a signal that aborts after `ms` (or when `opts.signal` aborts) and
 * rejects as soon as that happens, without waiting for `work` to notice: CPU-bound
 * embedders only check the signal between batches, remote ones abort their fetch.
 */
export function runWithTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number,
  opts: { embedderId: string; signal?: AbortSignal },
): Promise<T> {
  const controller = new AbortController();
  const outer = opts.signal;
  if (outer?.aborted) return Promise.reject(outer.reason);
  return new Promise<T>((resolve, reject) => {
    const fail = (reason: unknown) => {
      cleanup();
      controller.abort(reason);
      reject(reason);
    };
    const onOuterAbort = () => fail(outer?.reason);
    const timer = setTimeout(() => fail(new EmbedderTimeoutError(opts.embedderId, ms)), ms);
    const cleanup = () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    };
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    work(controller.signal).then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (err: unknown) => {
        cleanup();
        // After a timeout the work's own AbortError is noise: the caller already has the timeout.
        reject(controller.signal.aborted ? controller.signal.reason : err);
      },
    );
  });
}

export function embedWithTimeout(
  embedder: Embedder,
  texts: string[],
  ms: number,
  opts: { signal?: AbortSignal } = {},
): Promise<Float32Array[]> {
  return runWithTimeout((signal) => embedder.embed(texts, { signal }), ms, { embedderId: embedder.id, signal: opts.signal });
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Embeds `texts` in sequential batches (bounded memory and request size; a remote
 * server sees at most `batchSize` inputs per request), checking the signal between batches.
 */
export async function embedInBatches(
  embed: (batch: string[], signal?: AbortSignal) => Promise<Float32Array[]>,
  texts: string[],
  opts: { batchSize?: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (const batch of chunk(texts, opts.batchSize ?? DEFAULT_BATCH_SIZE)) {
    opts.signal?.throwIfAborted();
    const vectors = await embed(batch, opts.signal);
    if (vectors.length !== batch.length) {
      throw new Error(`embedder returned ${vectors.length} vectors for ${batch.length} texts`);
    }
    out.push(...vectors);
    opts.onProgress?.(out.length, texts.length);
  }
  return out;
}

/**
 * Wraps an embedder so that every batch of at most `batchSize` texts must finish within
 * `ms`. Per batch rather than per call, so bulk indexing of thousands of products is not
 * cut off by a budget meant for one query.
 */
export function withTimeout(embedder: Embedder, ms: number, batchSize = DEFAULT_BATCH_SIZE): Embedder {
  return {
    id: embedder.id,
    version: embedder.version,
    dimension: embedder.dimension,
    embed: (texts, opts) =>
      embedInBatches((batch, signal) => embedWithTimeout(embedder, batch, ms, { signal }), texts, {
        batchSize,
        signal: opts?.signal,
      }),
  };
}

/** Unit-normalises into a new Float32Array; a zero vector stays zero (nothing to point at). */
export function normalize(vector: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += (vector[i] as number) ** 2;
  const out = new Float32Array(vector.length);
  if (sum === 0) return out;
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) out[i] = (vector[i] as number) * inv;
  return out;
}

export function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`dimension mismatch: ${a.length} vs ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

export function shortHash(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex').slice(0, 12);
}
