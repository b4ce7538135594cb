import { describe, expect, it } from 'vitest';
import { chunk, embedInBatches, embedWithTimeout, EmbedderTimeoutError, normalize, withTimeout, type Embedder } from './types';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 2-d vectors derived from the text, after `delayMs`; records the batches and signals it saw. */
function fakeEmbedder(delayMs: number) {
  const batches: string[][] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const embedder: Embedder = {
    id: 'fake',
    version: '1',
    dimension: 2,
    async embed(texts, opts) {
      batches.push(texts);
      signals.push(opts?.signal);
      await sleep(delayMs);
      return texts.map((t) => normalize([t.length, 1]));
    },
  };
  return { embedder, batches, signals };
}

describe('embedWithTimeout', () => {
  it('resolves with the vectors when the embedder is fast enough', async () => {
    const { embedder } = fakeEmbedder(5);
    const out = await embedWithTimeout(embedder, ['ab', 'abc'], 1_000);
    expect(out).toHaveLength(2);
    expect(out[0]).toEqual(normalize([2, 1]));
  });

  it('rejects with EmbedderTimeoutError after ms and aborts the embedder’s signal', async () => {
    const { embedder, signals } = fakeEmbedder(500);
    const started = performance.now();
    const err = await embedWithTimeout(embedder, ['a'], 50).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbedderTimeoutError);
    expect(err).toMatchObject({ embedderId: 'fake', timeoutMs: 50 });
    // It does not wait for the slow embedder to finish.
    expect(performance.now() - started).toBeLessThan(400);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('passes through the embedder’s own error unchanged', async () => {
    const failing: Embedder = { id: 'x', version: '1', dimension: 1, embed: () => Promise.reject(new Error('boom')) };
    await expect(embedWithTimeout(failing, ['a'], 1_000)).rejects.toThrow('boom');
  });

  it('rejects when the caller’s signal aborts first', async () => {
    const { embedder, signals } = fakeEmbedder(500);
    const controller = new AbortController();
    const pending = embedWithTimeout(embedder, ['a'], 5_000, { signal: controller.signal });
    controller.abort(new Error('client went away'));
    await expect(pending).rejects.toThrow('client went away');
    expect(signals[0]?.aborted).toBe(true);
  });
});

describe('batching', () => {
  it('splits into batches of 64 by default and keeps the order', async () => {
    const { embedder, batches } = fakeEmbedder(0);
    const texts = Array.from({ length: 150 }, (_, i) => 'x'.repeat(i + 1));
    const out = await embedInBatches((b) => embedder.embed(b), texts);
    expect(batches.map((b) => b.length)).toEqual([64, 64, 22]);
    expect(out).toHaveLength(150);
    expect(out[149]).toEqual(normalize([150, 1]));
  });

  it('honours batchSize and reports progress', async () => {
    const { embedder, batches } = fakeEmbedder(0);
    const progress: number[] = [];
    await embedInBatches((b) => embedder.embed(b), ['a', 'b', 'c', 'd', 'e'], { batchSize: 2, onProgress: (done) => progress.push(done) });
    expect(batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(progress).toEqual([2, 4, 5]);
  });

  it('fails on a vector count mismatch and stops when the signal aborts', async () => {
    await expect(embedInBatches(async () => [], ['a'])).rejects.toThrow('returned 0 vectors for 1 texts');
    const controller = new AbortController();
    let calls = 0;
    const embed = async (b: string[]) => {
      calls++;
      controller.abort(new Error('stop'));
      return b.map(() => new Float32Array(1));
    };
    await expect(embedInBatches(embed, ['a', 'b', 'c'], { batchSize: 1, signal: controller.signal })).rejects.toThrow('stop');
    expect(calls).toBe(1);
  });

  it('chunk rejects a non-positive size and handles the empty list', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
    expect(chunk([], 3)).toEqual([]);
  });

  it('withTimeout bounds each batch, not the whole call', async () => {
    // Three batches of 40 ms each: 120 ms in total, but each one is inside the 100 ms budget.
    const { embedder, batches } = fakeEmbedder(40);
    const out = await withTimeout(embedder, 100, 2).embed(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(out).toHaveLength(6);
    expect(batches).toHaveLength(3);
    await expect(withTimeout(fakeEmbedder(300).embedder, 50).embed(['a'])).rejects.toBeInstanceOf(EmbedderTimeoutError);
  });
});

describe('normalize', () => {
  it('scales to unit length and leaves the zero vector at zero', () => {
    expect(Array.from(normalize([3, 4]))).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(Array.from(normalize([0, 0]))).toEqual([0, 0]);
  });
});
