import { describe, expect, it } from 'vitest';
import { blendEmbedder } from './blend';
import { dot, normalize, type Embedder } from './types';

/** Returns fixed vectors per text. */
function tableEmbedder(id: string, table: Record<string, number[]>): Embedder {
  const dimension = Object.values(table)[0]!.length;
  return { id, version: 'v1', dimension, embed: async (texts) => texts.map((t) => normalize(table[t]!)) };
}

const a = tableEmbedder('a', { x: [1, 0], y: [0, 1], z: [0, 0] });
const b = tableEmbedder('b', { x: [1, 0, 0], y: [1, 0, 0], z: [0, 1, 0] });

describe('blendEmbedder', () => {
  it('concatenates the parts into one unit vector', async () => {
    const blend = blendEmbedder([
      { embedder: a, weight: 3 },
      { embedder: b, weight: 1 },
    ]);
    expect(blend.id).toBe('blend');
    expect(blend.dimension).toBe(5);
    const [x] = await blend.embed(['x']);
    // √(3/4) = 0.8660 on a's part, √(1/4) = 0.5 on b's part.
    expect(Array.from(x!).map((v) => Number(v.toFixed(4)))).toEqual([0.866, 0, 0.5, 0, 0]);
    expect(dot(x!, x!)).toBeCloseTo(1, 6);
  });

  it('gives a cosine that is the weighted mean of the parts’ cosines', async () => {
    const blend = blendEmbedder([
      { embedder: a, weight: 0.7 },
      { embedder: b, weight: 0.3 },
    ]);
    const [x, y] = await blend.embed(['x', 'y']);
    // cos_a(x, y) = 0, cos_b(x, y) = 1 → 0.7·0 + 0.3·1 = 0.3.
    expect(dot(x!, y!)).toBeCloseTo(0.3, 6);
  });

  it('re-normalises when a part returns the zero vector', async () => {
    const blend = blendEmbedder([
      { embedder: a, weight: 1 },
      { embedder: b, weight: 1 },
    ]);
    const [z] = await blend.embed(['z']);
    expect(Array.from(z!)).toEqual([0, 0, 0, 1, 0]);
  });

  it('derives its version from the parts and weights', () => {
    const one = blendEmbedder([
      { embedder: a, weight: 1 },
      { embedder: b, weight: 2 },
    ]);
    const two = blendEmbedder([
      { embedder: a, weight: 1 },
      { embedder: b, weight: 3 },
    ]);
    expect(one.version).toBe('a@v1*1+b@v1*2');
    expect(two.version).not.toBe(one.version);
  });

  it('rejects an empty blend and non-positive weights', () => {
    expect(() => blendEmbedder([])).toThrow(RangeError);
    expect(() => blendEmbedder([{ embedder: a, weight: 0 }])).toThrow(/must be > 0/);
    expect(() => blendEmbedder([{ embedder: a, weight: Number.NaN }])).toThrow(/must be > 0/);
  });
});
