import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { deserializeLsa, lsaEmbedder, serializeLsa, tokenize, trainLsa } from './lsa';
import { randomizedSvd, seededRandom, type CsrMatrix } from './randomized-svd';
import { dot } from './types';

const corpus = [
  'velvet sofa | Sofas | Furniture / Living Room Furniture / Sofas',
  'linen sleeper sofa | Sofas | Furniture / Living Room Furniture / Sofas',
  'leather loveseat sofa | Loveseats | Furniture / Living Room Furniture / Sofas',
  'modular sectional sofa | Sectionals | Furniture / Living Room Furniture / Sectionals',
  'oak coffee table | Coffee Tables | Furniture / Living Room Furniture / Coffee Tables',
  'marble coffee table with storage | Coffee Tables | Furniture / Living Room Furniture / Coffee Tables',
  'brass floor lamp | Floor Lamps | Lighting / Lamps / Floor Lamps',
  'arc floor lamp with linen shade | Floor Lamps | Lighting / Lamps / Floor Lamps',
  'ceramic table lamp | Table Lamps | Lighting / Lamps / Table Lamps',
  'bath towel set | Bath Towels | Bed & Bath / Bath Towels',
  'cotton hand towel | Bath Towels | Bed & Bath / Bath Towels',
  'memory foam bath mat | Bath Rugs | Bed & Bath / Bath Rugs',
];
const opts = { k: 6 };

describe('tokenize', () => {
  it('lower-cases, strips accents, splits on non-alphanumerics and folds plurals', () => {
    expect(tokenize('Wall Décor & Glasses, 3-Piece Sofas', true)).toEqual(['wall', 'decor', 'glass', '3', 'piece', 'sofa']);
    expect(tokenize('Accessories Chairs', true)).toEqual(['accessory', 'chair']);
    expect(tokenize('Chairs', false)).toEqual(['chairs']);
  });
});

describe('trainLsa / lsaEmbedder', () => {
  it('is deterministic: same corpus and options give the same version and identical vectors', async () => {
    const one = trainLsa(corpus, opts);
    const two = trainLsa(corpus, opts);
    expect(two.version).toBe(one.version);
    expect(one.version).toMatch(/^[0-9a-f]{12}$/);
    const v1 = await lsaEmbedder(one).embed(corpus);
    const v2 = await lsaEmbedder(two).embed(corpus);
    expect(v2).toEqual(v1);
  });

  it('changes version when the corpus or the options change', () => {
    const base = trainLsa(corpus, opts).version;
    expect(trainLsa(corpus.slice(1), opts).version).not.toBe(base);
    expect(trainLsa(corpus, { ...opts, seed: 7 }).version).not.toBe(base);
  });

  it('produces unit vectors of the requested dimension, and zero for unknown words', async () => {
    const model = trainLsa(corpus, opts);
    const embedder = lsaEmbedder(model);
    expect(embedder.id).toBe('lsa');
    expect(embedder.dimension).toBe(6);
    const vectors = await embedder.embed([...corpus, 'sofa', 'qwertyuiop']);
    for (const v of vectors.slice(0, -1)) {
      expect(v).toHaveLength(6);
      expect(dot(v, v)).toBeCloseTo(1, 5);
    }
    expect(Array.from(vectors.at(-1)!)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('places a query nearer a product sharing its words than an unrelated product', async () => {
    const embedder = lsaEmbedder(trainLsa(corpus, opts));
    const [query, sofa, towel, lamp] = await embedder.embed(['velvet sofas', corpus[0]!, corpus[9]!, 'floor lamp']);
    expect(dot(query!, sofa!)).toBeGreaterThan(dot(query!, towel!) + 0.3);
    // Co-occurrence at work: "floor lamp" shares no word with the table lamp, yet sits nearer to it than to a towel.
    const [tableLamp] = await embedder.embed([corpus[8]!]);
    expect(dot(lamp!, tableLamp!)).toBeGreaterThan(dot(lamp!, towel!));
  });

  it('clamps k to what a tiny corpus can support', () => {
    const model = trainLsa(corpus.slice(0, 3), { k: 256 });
    expect(model.dimension).toBeLessThanOrEqual(3);
  });
});

describe('serializeLsa / deserializeLsa', () => {
  it('round-trips to a model that gives identical vectors', async () => {
    const model = trainLsa(corpus, opts);
    const buf = serializeLsa(model);
    const copy = deserializeLsa(buf);
    expect(copy.version).toBe(model.version);
    expect(copy.dimension).toBe(model.dimension);
    expect(copy.opts).toEqual(model.opts);
    const texts = [...corpus, 'linen lamp', 'towel'];
    expect(await lsaEmbedder(copy).embed(texts)).toEqual(await lsaEmbedder(model).embed(texts));
    // Also from a Buffer at an unaligned offset inside a larger allocation.
    const shifted = Buffer.concat([Buffer.from([1]), buf]).subarray(1);
    expect(deserializeLsa(shifted).projection).toEqual(model.projection);
  });

  it('rejects foreign or truncated input', () => {
    expect(() => deserializeLsa(Buffer.from('nope, not a model'))).toThrow('not a serialised LSA model');
    const buf = serializeLsa(trainLsa(corpus, opts));
    expect(() => deserializeLsa(buf.subarray(0, buf.length - 4))).toThrow('truncated');
  });
});

/** A sparse rows × cols matrix with a decaying spectrum: Σ_j 0.6^j · x_j y_jᵀ, ~40% zeros. */
function decayingMatrix(rows: number, cols: number): { csr: CsrMatrix; dense: Matrix } {
  const rand = seededRandom(3);
  const dense = Matrix.zeros(rows, cols);
  for (let j = 0; j < Math.min(rows, cols); j++) {
    const x = Array.from({ length: rows }, () => rand() - 0.5);
    const y = Array.from({ length: cols }, () => rand() - 0.5);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) dense.set(r, c, dense.get(r, c) + 0.6 ** j * x[r]! * y[c]!);
  }
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (rand() < 0.4) dense.set(r, c, 0);
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (dense.get(r, c) === 0) continue;
      indices.push(c);
      data.push(dense.get(r, c));
    }
    indptr.push(indices.length);
  }
  const csr = { rows, cols, indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), data: Float64Array.from(data) };
  return { csr, dense };
}

describe('randomizedSvd', () => {
  // Both orientations (more rows than columns takes the transposed path), and two regimes:
  // oversampling up to the full rank makes the method exact; the defaults approximate.
  it.each([
    [60, 25, 100, 8, 8],
    [25, 60, 100, 8, 8],
    // Approximate: σ to 4 digits; A·v = σ·u only up to the residual (I − QQᵀ)A, ~1e-3 here.
    [60, 25, 10, 4, 2],
    [25, 60, 10, 4, 2],
  ])('matches the exact SVD of a %i × %i matrix (oversample %i, %i digits)', (rows, cols, oversample, digits, relationDigits) => {
    const { csr, dense } = decayingMatrix(rows, cols);
    const exact = new SingularValueDecomposition(dense, { autoTranspose: true });
    const k = 5;
    const svd = randomizedSvd(csr, k, { computeU: true, seed: 11, oversample });
    for (let j = 0; j < k; j++) expect(svd.s[j]).toBeCloseTo(exact.diagonal[j]!, digits);
    // Orthonormal right singular vectors, and A v_j = σ_j u_j.
    const V = new Matrix(cols, k);
    const U = new Matrix(rows, k);
    for (let t = 0; t < cols; t++) for (let j = 0; j < k; j++) V.set(t, j, svd.V[t * k + j]!);
    for (let r = 0; r < rows; r++) for (let j = 0; j < k; j++) U.set(r, j, svd.U![r * k + j]!);
    const vtv = V.transpose().mmul(V);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) expect(vtv.get(a, b)).toBeCloseTo(a === b ? 1 : 0, digits);
    const av = dense.mmul(V);
    for (let r = 0; r < rows; r++) for (let j = 0; j < k; j++) expect(av.get(r, j)).toBeCloseTo(svd.s[j]! * U.get(r, j), relationDigits);
  });
});
