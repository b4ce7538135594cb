// Drives the real @huggingface/inference client against a local server that speaks the
// Text Embeddings Inference protocol: POST {"inputs": [...]} → [[float, ...], ...].
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbedderRequestError, huggingFaceEmbedder } from './huggingface';
import { dot, EmbedderTimeoutError } from './types';

type Recorded = { method: string; path: string; authorization?: string; contentType?: string; body: { inputs: string[]; [k: string]: unknown } };
type Handler = (req: Recorded, res: ServerResponse) => void;

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function teiServer(handler: Handler) {
  const requests: Recorded[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const rec = { method: req.method!, path: req.url!, authorization: req.headers.authorization, contentType: req.headers['content-type'], body: JSON.parse(raw) };
      requests.push(rec);
      handler(rec, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const handle = {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // a stalled request must not keep the server open
        server.close(() => resolve());
      }),
  };
  servers.push(handle);
  return handle;
}

/** TEI-like answer: a 3-d vector per input derived from its length (not unit: the client normalises). */
const embedHandler: Handler = (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(req.body.inputs.map((t) => [t.length, 1, 0])));
};

describe('huggingFaceEmbedder against a TEI-style server', () => {
  it('POSTs batches of inputs to the endpoint URL with the bearer token', async () => {
    const tei = await teiServer(embedHandler);
    const embedder = huggingFaceEmbedder({ endpointUrl: `${tei.url}/embed`, token: 'hf_test_token', dimension: 3, timeoutMs: 2_000, batchSize: 2 });
    const texts = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];
    const vectors = await embedder.embed(texts);

    expect(tei.requests.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/embed'],
      ['POST', '/embed'],
      ['POST', '/embed'],
    ]);
    expect(tei.requests.map((r) => r.body.inputs)).toEqual([['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
    expect(tei.requests[0]).toMatchObject({ authorization: 'Bearer hf_test_token', contentType: 'application/json', body: { truncate: true } });
    // The model id is never in the body: with endpointUrl the client strips it.
    expect(tei.requests[0]!.body).not.toHaveProperty('model');

    expect(vectors).toHaveLength(5);
    vectors.forEach((v, i) => {
      expect(dot(v, v)).toBeCloseTo(1, 6);
      expect(v[0]! / v[1]!).toBeCloseTo(i + 1, 5); // order preserved: text i has length i + 1
    });
    expect(embedder).toMatchObject({ id: 'huggingface', dimension: 3, version: `${tei.url}/embed` });
  });

  it('posts to "/" for a bare origin, sends no auth header without a token, and versions by model', async () => {
    const tei = await teiServer(embedHandler);
    const embedder = huggingFaceEmbedder({ endpointUrl: tei.url, model: 'BAAI/bge-small-en-v1.5', dimension: 3, timeoutMs: 2_000 });
    await embedder.embed(['x']);
    expect(tei.requests[0]).toMatchObject({ path: '/', authorization: undefined, body: { inputs: ['x'] } });
    expect(embedder.version).toBe('BAAI/bge-small-en-v1.5');
  });

  it('times out against a server that never answers', async () => {
    const tei = await teiServer(() => {
      /* stall: never respond */
    });
    const embedder = huggingFaceEmbedder({ endpointUrl: tei.url, dimension: 3, timeoutMs: 150 });
    const started = performance.now();
    const err = await embedder.embed(['slow']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbedderTimeoutError);
    expect(err).toMatchObject({ embedderId: 'huggingface', timeoutMs: 150 });
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(tei.requests).toHaveLength(1);
  });

  it('surfaces an HTTP 500 as EmbedderRequestError, and keeps working afterwards', async () => {
    let fail = true;
    const tei = await teiServer((req, res) => {
      if (!fail) return embedHandler(req, res);
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'model exploded' }));
    });
    const embedder = huggingFaceEmbedder({ endpointUrl: tei.url, token: 'hf_x', dimension: 3, timeoutMs: 2_000 });
    const err = await embedder.embed(['a']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbedderRequestError);
    expect(err).toMatchObject({ status: 500 });
    expect((err as Error).message).toContain('model exploded');
    // The token never appears in what a caller might log.
    expect(JSON.stringify((err as Error & { cause: unknown }).cause)).not.toContain('hf_x');
    fail = false;
    await expect(embedder.embed(['a'])).resolves.toHaveLength(1);
  });

  it('does not retry a 503 forever (the client would by default)', async () => {
    const tei = await teiServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('loading model');
    });
    const embedder = huggingFaceEmbedder({ endpointUrl: tei.url, dimension: 3, timeoutMs: 2_000 });
    await expect(embedder.embed(['a'])).rejects.toMatchObject({ name: 'EmbedderRequestError', status: 503 });
    expect(tei.requests).toHaveLength(1);
  });

  it('rejects answers of the wrong shape or dimension', async () => {
    const tei = await teiServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.body.inputs.map(() => [1, 2])));
    });
    const embedder = huggingFaceEmbedder({ endpointUrl: tei.url, dimension: 3, timeoutMs: 2_000 });
    await expect(embedder.embed(['a'])).rejects.toThrow('has 2 dimensions, expected 3');
  });

  it('refuses a config with neither endpointUrl nor model', () => {
    expect(() => huggingFaceEmbedder({ dimension: 3, timeoutMs: 100 })).toThrow('needs endpointUrl');
  });
});
