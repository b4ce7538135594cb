import { expect, test } from '@playwright/test';

test('health reports the embedded database and its migration', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe('ok');
  expect(body.database).toMatchObject({ reachable: true, mode: 'embedded' });
  expect(body.database.migration).toMatch(/^\d{14}_\w+$/);
});

test('every response carries a request id, honouring a sane one from the client', async ({ request }) => {
  const generated = await request.get('/api/health');
  expect(generated.headers()['x-request-id']).toMatch(/^req_[0-9A-Z]{26}$/);

  const honoured = await request.get('/', { headers: { 'x-request-id': 'client-trace-1234' } });
  expect(honoured.headers()['x-request-id']).toBe('client-trace-1234');

  const replaced = await request.get('/', { headers: { 'x-request-id': 'bad id with spaces' } });
  expect(replaced.headers()['x-request-id']).toMatch(/^req_/);
});

test('bad tRPC input is a 400 naming the field, not a 500', async ({ request }) => {
  const input = encodeURIComponent(JSON.stringify({ json: { limit: 500 } }));
  const res = await request.get(`/api/trpc/catalog.list?input=${input}`, { headers: { 'x-request-id': 'trace-bad-input' } });
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(body.error.json.data.issues).toEqual([{ path: 'limit', message: 'Too big: expected number to be <=100' }]);
  expect(body.error.json.data.requestId).toBe('trace-bad-input');
});

test('an unknown product over tRPC is a 404', async ({ request }) => {
  const input = encodeURIComponent(JSON.stringify({ json: { slug: 'missing-1' } }));
  const res = await request.get(`/api/trpc/catalog.product?input=${input}`);
  expect(res.status()).toBe(404);
  expect((await res.json()).error.json.message).toBe('product missing-1 was not found');
});

test('REST search answers with results, facets and telemetry under the request id', async ({ request }) => {
  const res = await request.get('/api/v1/search?q=sofa&pageSize=5&category=Furniture', { headers: { 'x-request-id': 'rest-search-1234' } });
  expect(res.status()).toBe(200);
  expect(res.headers()['x-request-id']).toBe('rest-search-1234');
  const body = await res.json();
  expect(body.items).toHaveLength(5);
  expect(body.total).toBeGreaterThan(5);
  // Disjunctive facets: Furniture is selected, other categories stay on offer.
  expect(body.facets.category.map((f: { value: string }) => f.value)).toContain('Furniture');
  expect(body.items.every((i: { category: string | null }) => i.category !== null)).toBe(true);
  expect(body.telemetry).toMatchObject({ requestId: 'rest-search-1234', rankingVersion: 0, degraded: false });
  expect(body.telemetry.embedder).toMatch(/^lsa@/);
});

test('REST search rejects bad parameters with a 400 naming them', async ({ request }) => {
  const cases: [string, string][] = [
    ['/api/v1/search?q=sofa&pageSize=abc', 'pageSize'],
    ['/api/v1/search?q=sofa&colour=red', 'colour'],
    ['/api/v1/search?q=', 'q'],
    ['/api/v1/search?q=sofa&sort=cheapest', 'sort'],
    ['/api/v1/autocomplete?q=so&limit=500', 'limit'],
  ];
  for (const [url, field] of cases) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(body.error.issues), url).toContain(field);
  }
});

test('REST autocomplete suggests categories and products by prefix', async ({ request }) => {
  const res = await request.get('/api/v1/autocomplete?q=armoi');
  expect(res.status()).toBe(200);
  const { suggestions } = await res.json();
  expect(suggestions.length).toBeGreaterThan(0);
  for (const s of suggestions) expect(s.text.toLowerCase()).toMatch(/armoi/);
  expect(suggestions.some((s: { kind: string }) => s.kind === 'product')).toBe(true);
});

test('pages carry security headers, and a cross-site mutation with cookies is refused before any handler', async ({ request }) => {
  const page = await request.get('/');
  const h = page.headers();
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');

  const forged = await request.post('/api/auth/sign-out', { headers: { origin: 'https://evil.example', cookie: 'luma_staff=stolen' } });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.message).toBe('cross-site request from https://evil.example refused');
});
