// Remote embeddings through @huggingface/inference's featureExtraction: either a self-hosted
// Text Embeddings Inference (TEI) server (endpointUrl) or a model on HF Inference (model).
//
// What @huggingface/inference 4.13.30 actually sends (read from its src/lib/makeRequestOptions.ts
// and providers/hf-inference.ts):
// - With endpointUrl the provider is forced to 'hf-inference' and the URL is endpointUrl
//   verbatim, nothing appended. TEI serves embeddings at POST /embed and at POST /, so set
//   HF_ENDPOINT_URL to http://tei:8080/embed (or the bare origin).
// - The body is JSON of every argument except accessToken/endpointUrl/model/provider:
//   here {"inputs": [...], "truncate": true}. TEI answers [[float, ...], ...].
// - A token gives `Authorization: Bearer <token>`; no token, no header.
// - On HTTP 503 the client retries immediately and without limit unless retry_on_error is
//   false, so we turn that off: a TEI that is down must fail fast, not spin.
import { InferenceClient, InferenceClientProviderApiError } from '@huggingface/inference';
import { DEFAULT_BATCH_SIZE, embedInBatches, normalize, runWithTimeout, type Embedder } from './types';

export type HuggingFaceConfig = {
  token?: string;
  /** A TEI server, e.g. http://127.0.0.1:8080/embed. Takes precedence over `model` for routing. */
  endpointUrl?: string;
  /** HF Inference model id (used for routing without endpointUrl, and as the version). */
  model?: string;
  /** Expected vector length; any other length is an error rather than a silent index mismatch. */
  dimension: number;
  /** Budget for each request (one batch). */
  timeoutMs: number;
  batchSize?: number;
  /** For proxies; defaults to the global fetch. */
  fetch?: typeof fetch;
};

/** The provider answered with an HTTP error or a body we cannot use. */
export class EmbedderRequestError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EmbedderRequestError';
  }
}

function toVectors(output: unknown, count: number, dimension: number): Float32Array[] {
  if (!Array.isArray(output) || output.length !== count) {
    throw new EmbedderRequestError(`huggingface: expected ${count} embeddings, got ${Array.isArray(output) ? output.length : typeof output}`);
  }
  return output.map((row: unknown, i) => {
    // Token-level output (number[][]) means the server does not pool: not usable as is.
    if (!Array.isArray(row) || !row.every((x) => typeof x === 'number')) {
      throw new EmbedderRequestError(`huggingface: embedding ${i} is not a flat number array (is the model pooled?)`);
    }
    if (row.length !== dimension) throw new EmbedderRequestError(`huggingface: embedding ${i} has ${row.length} dimensions, expected ${dimension}`);
    return normalize(row as number[]);
  });
}

export function huggingFaceEmbedder(config: HuggingFaceConfig): Embedder {
  const { endpointUrl, model, dimension, timeoutMs } = config;
  if (!endpointUrl && !model) throw new Error('huggingface embedder needs endpointUrl (a TEI server) or model (HF Inference)');
  if (!Number.isInteger(dimension) || dimension < 1) throw new RangeError(`dimension must be a positive integer, got ${dimension}`);
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0, got ${timeoutMs}`);
  const client = new InferenceClient(config.token ?? '');
  const id = 'huggingface';

  async function request(batch: string[], signal: AbortSignal): Promise<Float32Array[]> {
    // TEI rejects empty inputs with 422, which would fail the whole batch.
    const inputs = batch.map((t) => (t.trim() === '' ? '-' : t));
    const args = endpointUrl ? { endpointUrl, inputs, truncate: true } : { model, provider: 'hf-inference' as const, inputs, truncate: true };
    let output: unknown;
    try {
      output = await client.featureExtraction(args, { signal, retry_on_error: false, ...(config.fetch ? { fetch: config.fetch } : {}) });
    } catch (err) {
      if (signal.aborted) throw signal.reason;
      if (err instanceof InferenceClientProviderApiError) {
        throw new EmbedderRequestError(`huggingface: HTTP ${err.httpResponse.status}: ${err.message}`, err.httpResponse.status, { cause: err });
      }
      throw new EmbedderRequestError(`huggingface: request failed: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
    }
    return toVectors(output, batch.length, dimension);
  }

  return {
    id,
    // The vector space is the model's; without a model name the endpoint stands for it.
    version: model ?? endpointUrl!,
    dimension,
    embed: (texts, opts) =>
      embedInBatches((batch, signal) => runWithTimeout((s) => request(batch, s), timeoutMs, { embedderId: id, signal }), texts, {
        batchSize: config.batchSize ?? DEFAULT_BATCH_SIZE,
        signal: opts?.signal,
      }),
  };
}
