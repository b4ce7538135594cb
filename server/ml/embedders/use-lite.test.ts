import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dot } from './types';
import { createUseLiteEmbedder, USE_LITE_DIMENSION } from './use-lite';

describe('use-lite embedder', () => {
  // Any network use would show up as a socket connect or a fetch: there must be none.
  const connect = vi.spyOn(net.Socket.prototype, 'connect');
  const fetchSpy = vi.spyOn(globalThis, 'fetch');
  const embedder = createUseLiteEmbedder();
  let vectors: Float32Array[] = [];

  beforeAll(async () => {
    vectors = await embedder.embed(['sofa', 'couch', 'lamp']);
  }, 30_000);
  afterAll(() => vi.restoreAllMocks());

  it('loads from the packaged weights without touching the network', () => {
    expect(connect).not.toHaveBeenCalled();
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(embedder).toMatchObject({ id: 'use-lite', version: '0.2.0', dimension: 512 });
  });

  it('returns unit-length 512-d vectors', () => {
    expect(USE_LITE_DIMENSION).toBe(512);
    for (const v of vectors) {
      expect(v).toHaveLength(512);
      expect(dot(v, v)).toBeCloseTo(1, 5);
    }
  });

  it('puts "sofa" closer to "couch" than to "lamp"', () => {
    const [sofa, couch, lamp] = vectors;
    expect(dot(sofa!, couch!)).toBeGreaterThan(dot(sofa!, lamp!));
  });

  it('keeps one vector per input, blanks included, in order across batches', async () => {
    const batched = createUseLiteEmbedder({ batchSize: 2 });
    const out = await batched.embed(['lamp', '', 'sofa']);
    expect(out).toHaveLength(3);
    expect(dot(out[0]!, vectors[2]!)).toBeCloseTo(1, 4);
    expect(dot(out[2]!, vectors[0]!)).toBeCloseTo(1, 4);
  });
});
