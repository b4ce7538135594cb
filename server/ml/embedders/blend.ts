// Combines embedders into one vector space by concatenation, so a single vector index can
// serve a blend of, say, catalog-trained LSA and a general-purpose sentence encoder.
import { normalize, type Embedder } from './types';

export type BlendPart = { embedder: Embedder; weight: number };

/**
 * Each part's unit vector is scaled by √(w / Σw) before concatenation. Then the blend is
 * already unit length and its dot product is exactly Σ (w / Σw) · cos_part: the weights are
 * the shares of the final cosine. (Scaling by w itself would weight cosines by w², which is
 * surprising.) The result is re-normalised anyway, which also covers a part that returns a
 * zero vector (LSA for a query with no known word): the other parts then decide alone.
 */
export function blendEmbedder(parts: BlendPart[]): Embedder {
  if (parts.length === 0) throw new RangeError('blendEmbedder needs at least one part');
  for (const p of parts) {
    if (!Number.isFinite(p.weight) || p.weight <= 0) throw new RangeError(`blend weight for '${p.embedder.id}' must be > 0, got ${p.weight}`);
  }
  const total = parts.reduce((s, p) => s + p.weight, 0);
  const scales = parts.map((p) => Math.sqrt(p.weight / total));
  const dimension = parts.reduce((s, p) => s + p.embedder.dimension, 0);
  // Readable, and it changes when any part's version or any weight changes.
  const version = parts.map((p) => `${p.embedder.id}@${p.embedder.version}*${p.weight}`).join('+');
  return {
    id: 'blend',
    version,
    dimension,
    async embed(texts, opts) {
      const outputs = await Promise.all(parts.map((p) => p.embedder.embed(texts, opts)));
      return texts.map((_, i) => {
        const out = new Float32Array(dimension);
        let offset = 0;
        outputs.forEach((vectors, j) => {
          const v = vectors[i];
          const part = parts[j]!.embedder;
          if (!v || v.length !== part.dimension) throw new Error(`blend part '${part.id}' returned a bad vector for text ${i}`);
          for (let d = 0; d < v.length; d++) out[offset + d] = v[d]! * scales[j]!;
          offset += v.length;
        });
        return normalize(out);
      });
    },
  };
}
