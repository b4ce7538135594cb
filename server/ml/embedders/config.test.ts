import { describe, expect, it } from 'vitest';
import { embedderConfig, embedderFromEnv } from './config';
import { trainLsa } from './lsa';

const lsa = trainLsa(['velvet sofa', 'oak table', 'velvet armchair', 'oak desk', 'floor lamp', 'table lamp'], { k: 3 });

describe('embedderConfig', () => {
  it('defaults to lsa with a 10 s timeout and treats blank values as unset', () => {
    expect(embedderConfig({})).toMatchObject({ EMBEDDER: 'lsa', EMBEDDER_TIMEOUT_MS: 10_000 });
    expect(embedderConfig({ EMBEDDER: '', EMBEDDER_TIMEOUT_MS: ' ', HF_TOKEN: '' })).toMatchObject({ EMBEDDER: 'lsa', EMBEDDER_TIMEOUT_MS: 10_000, HF_TOKEN: undefined });
  });

  it.each([
    [{ EMBEDDER: 'bert' }, /EMBEDDER: must be one of lsa, use-lite, blend, huggingface/],
    [{ EMBEDDER_TIMEOUT_MS: 'soon' }, /EMBEDDER_TIMEOUT_MS: must be a number/],
    [{ EMBEDDER_TIMEOUT_MS: '-5' }, /EMBEDDER_TIMEOUT_MS: must be > 0/],
    [{ EMBEDDER: 'huggingface', HF_MODEL: 'm' }, /HF_DIMENSION: is required/],
    [{ EMBEDDER: 'huggingface', HF_DIMENSION: '384' }, /HF_ENDPOINT_URL: EMBEDDER=huggingface needs HF_ENDPOINT_URL/],
    [{ EMBEDDER: 'huggingface', HF_DIMENSION: '384', HF_ENDPOINT_URL: 'tei:8080' }, /HF_ENDPOINT_URL: must be an http\(s\) URL/],
    [{ EMBEDDER: 'huggingface', HF_DIMENSION: '38.4', HF_MODEL: 'm' }, /HF_DIMENSION: must be an integer/],
  ])('names the offending variable for %o', (env, message) => {
    expect(() => embedderConfig(env)).toThrow(message);
  });
});

describe('embedderFromEnv', () => {
  it('builds the LSA embedder from the supplied model, and insists on one', async () => {
    const embedder = embedderFromEnv({}, { lsa });
    expect(embedder).toMatchObject({ id: 'lsa', version: lsa.version, dimension: lsa.dimension });
    await expect(embedder.embed(['velvet sofa'])).resolves.toHaveLength(1);
    expect(() => embedderFromEnv({ EMBEDDER: 'lsa' })).toThrow('EMBEDDER=lsa needs the trained LSA model');
    expect(() => embedderFromEnv({ EMBEDDER: 'blend' })).toThrow('EMBEDDER=blend needs the trained LSA model');
  });

  it('builds use-lite and blend lazily (no model load until the first embed)', () => {
    expect(embedderFromEnv({ EMBEDDER: 'use-lite' })).toMatchObject({ id: 'use-lite', dimension: 512 });
    const blend = embedderFromEnv({ EMBEDDER: 'blend' }, { lsa });
    expect(blend).toMatchObject({ id: 'blend', dimension: lsa.dimension + 512 });
    expect(blend.version).toContain(`lsa@${lsa.version}`);
  });

  it('builds the Hugging Face embedder from HF_* variables', () => {
    const embedder = embedderFromEnv({ EMBEDDER: 'huggingface', HF_ENDPOINT_URL: 'http://127.0.0.1:8080/embed', HF_DIMENSION: '384', HF_TOKEN: 'hf_x' });
    expect(embedder).toMatchObject({ id: 'huggingface', dimension: 384, version: 'http://127.0.0.1:8080/embed' });
  });
});
