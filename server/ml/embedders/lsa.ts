// Latent semantic analysis trained on the catalog itself: TF-IDF over product text, then a
// truncated SVD, so words that co-occur in products (sofa / couch / sectional) land near
// each other. Needs no download, trains in seconds and embeds a query in microseconds.
import { endianness } from 'node:os';
import { randomizedSvd, type CsrMatrix } from './randomized-svd';
import { normalize, shortHash, type Embedder } from './types';

export interface LsaOptions {
  /** Dimensions kept. */
  k: number;
  /** Fold plurals (Porter step 1a-ish): "chairs"/"chair", the catalog's category paths are plural. */
  foldPlurals: boolean;
  /** Features seen in fewer documents are dropped (a feature in one product cannot relate it to others). */
  minDf: number;
  /**
   * Embedding = tfidf · V_k · Σ_k^p. p = −1 gives the fold-in coordinates (a training document
   * maps to its row of U_k); p = 0 is those coordinates re-weighted by Σ_k, the space in which
   * Deerwester et al. (1990) compare a folded-in query with documents. On the WANDS dev
   * queries p = 0 scores nDCG@10 0.74 against 0.54 for p = −1, whose Σ⁻¹ inflates the noisy
   * low-variance dimensions (ADR 004).
   */
  sigmaPower: number;
  oversample: number;
  powerIters: number;
  seed: number;
}

export const DEFAULT_LSA_OPTIONS: LsaOptions = {
  k: 256,
  foldPlurals: true,
  minDf: 2,
  sigmaPower: 0,
  oversample: 10,
  powerIters: 3,
  seed: 42,
};

export interface LsaModel {
  /** Short hash of the training texts and options. */
  version: string;
  opts: LsaOptions;
  vocab: string[];
  idf: Float32Array;
  singularValues: Float32Array;
  /** vocab.length × dimension, row-major: V_k Σ_k^p, stored in float32 so a round-trip is exact. */
  projection: Float32Array;
  dimension: number;
}

export function tokenize(text: string, foldPlurals: boolean): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return foldPlurals ? words.map(foldPlural) : words;
}

function foldPlural(w: string): string {
  if (w.length <= 3 || !w.endsWith('s') || /(ss|us|is)$/.test(w)) return w;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  return w.slice(0, -1);
}

// Word bigrams and per-word character trigrams were tried and left out: on the dev
// queries they lowered nDCG@10 (0.727 and 0.738 vs 0.743) and made training 3–5× slower (ADR 004).
function countFeatures(text: string, o: LsaOptions): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokenize(text, o.foldPlurals)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Sparse TF-IDF vector: sublinear tf (1 + ln tf) × idf, L2-normalised over known features. */
function featureVector(text: string, index: Map<string, number>, idf: ArrayLike<number>, o: LsaOptions): [number[], number[]] {
  const ids: number[] = [];
  const vals: number[] = [];
  let sq = 0;
  for (const [f, tf] of countFeatures(text, o)) {
    const id = index.get(f);
    if (id === undefined) continue;
    const w = (1 + Math.log(tf)) * (idf[id] as number);
    ids.push(id);
    vals.push(w);
    sq += w * w;
  }
  const scale = 1 / Math.sqrt(sq || 1);
  for (let i = 0; i < vals.length; i++) vals[i]! *= scale;
  return [ids, vals];
}

export function trainLsa(texts: string[], options: Partial<LsaOptions> = {}): LsaModel {
  const opts: LsaOptions = { ...DEFAULT_LSA_OPTIONS, ...options };
  if (texts.length === 0) throw new RangeError('trainLsa needs at least one text');
  const df = new Map<string, number>();
  for (const text of texts) for (const f of countFeatures(text, opts).keys()) df.set(f, (df.get(f) ?? 0) + 1);
  // Sorted vocabulary: the model must not depend on Map iteration order.
  const vocab = [...df.keys()].filter((f) => df.get(f)! >= opts.minDf).sort();
  const index = new Map(vocab.map((f, i) => [f, i]));
  const n = texts.length;
  // Smoothed idf (as scikit-learn): never zero, so a term in every product still counts a little.
  const idf = Float32Array.from(vocab, (f) => Math.log((1 + n) / (1 + df.get(f)!)) + 1);

  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const data: number[] = [];
  texts.forEach((text, r) => {
    const [ids, vals] = featureVector(text, index, idf, opts);
    indices.push(...ids);
    data.push(...vals);
    indptr[r + 1] = indices.length;
  });
  const A: CsrMatrix = { rows: n, cols: vocab.length, indptr, indices: Int32Array.from(indices), data: Float64Array.from(data) };
  const svd = randomizedSvd(A, opts.k, { oversample: opts.oversample, powerIters: opts.powerIters, seed: opts.seed });

  const k = svd.k;
  const projection = new Float32Array(vocab.length * k);
  for (let j = 0; j < k; j++) {
    const s = svd.s[j]!;
    const scale = s > 0 ? s ** opts.sigmaPower : 0;
    for (let t = 0; t < vocab.length; t++) projection[t * k + j] = svd.V[t * k + j]! * scale;
  }
  return {
    version: shortHash(JSON.stringify(opts), ...texts),
    opts,
    vocab,
    idf,
    singularValues: Float32Array.from(svd.s),
    projection,
    dimension: k,
  };
}

export function lsaEmbedder(model: LsaModel): Embedder {
  const index = new Map(model.vocab.map((f, i) => [f, i]));
  const k = model.dimension;
  const embedOne = (text: string): Float32Array => {
    const [ids, vals] = featureVector(text, index, model.idf, model.opts);
    const out = new Float64Array(k);
    ids.forEach((id, i) => {
      const w = vals[i]!;
      const o = id * k;
      for (let j = 0; j < k; j++) out[j]! += w * model.projection[o + j]!;
    });
    // No known word (e.g. "xyzzy") gives the zero vector: cosine 0 with everything.
    return normalize(out);
  };
  return {
    id: 'lsa',
    version: model.version,
    dimension: k,
    async embed(texts, opts) {
      opts?.signal?.throwIfAborted();
      return texts.map(embedOne);
    },
  };
}

// Binary layout: "LSA1" | u32 LE header length | JSON header | zero pad to 4 | idf f32 | σ f32 | projection f32.
const MAGIC = 'LSA1';

function assertLittleEndian() {
  // Float arrays are written as raw host-order bytes; every platform we deploy to is little-endian.
  if (endianness() !== 'LE') throw new Error('LSA serialisation assumes a little-endian host');
}

export function serializeLsa(model: LsaModel): Buffer {
  assertLittleEndian();
  const header = Buffer.from(JSON.stringify({ version: model.version, opts: model.opts, vocab: model.vocab, dimension: model.dimension }));
  const headerEnd = 8 + header.length;
  const pad = (4 - (headerEnd % 4)) % 4;
  const arrays = [model.idf, model.singularValues, model.projection];
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'ascii');
  prefix.writeUInt32LE(header.length, 4);
  return Buffer.concat([prefix, header, Buffer.alloc(pad), ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]);
}

export function deserializeLsa(buf: Buffer): LsaModel {
  assertLittleEndian();
  if (buf.length < 8 || buf.toString('ascii', 0, 4) !== MAGIC) throw new Error('not a serialised LSA model');
  const headerLength = buf.readUInt32LE(4);
  const header = JSON.parse(buf.toString('utf8', 8, 8 + headerLength)) as Pick<LsaModel, 'version' | 'opts' | 'vocab' | 'dimension'>;
  let offset = 8 + headerLength;
  offset += (4 - (offset % 4)) % 4;
  // Copy out: the Buffer may sit at an unaligned offset in a shared pool.
  const take = (count: number) => {
    const bytes = buf.subarray(offset, offset + count * 4);
    if (bytes.length !== count * 4) throw new Error('serialised LSA model is truncated');
    offset += count * 4;
    return new Float32Array(new Uint8Array(bytes).buffer);
  };
  const terms = header.vocab.length;
  const idf = take(terms);
  const singularValues = take(header.dimension);
  const projection = take(terms * header.dimension);
  return { ...header, idf, singularValues, projection };
}
