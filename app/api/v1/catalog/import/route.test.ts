// The REST import door through its real route handlers: auth, content types, 202 + status, and
// refusals (named field or row/column, never a 5xx) that write nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { createTokenBucket } from '@/server/lib/rate-limit';
import { createStaff } from '@/server/modules/auth/create-staff';
import { createApiKey, revokeApiKey } from '@/server/modules/auth/api-keys';
import { resolveSession } from '@/server/modules/auth/sessions';
import { signIn } from '@/server/modules/auth/sign-in';
import { STAFF_COOKIE } from '@/server/modules/auth/staff-cookie';
import { MAX_IMPORT_BYTES } from '@/server/modules/catalog/import/import.schema';
import { GET } from '../imports/[id]/route';
import { POST } from './route';

const getDb = useTestDatabase();
const cookies: Record<string, string> = {};
const URL_ = 'http://shop.test/api/v1/catalog/import';
const CSV = 'sku,title,price,category_path,description\nR-1,Rest Lamp,19.99,Lighting / Lamps,A lamp\nR-2,,5.00,Lighting,No title';

beforeAll(async () => {
  process.env.RATE_LIMITS = 'off';
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  setEventStoreDb(getDb().prisma);
  const limiter = createTokenBucket({ capacity: 100, refillPerSec: 1 });
  for (const role of ['merchandiser', 'support'] as const) {
    const email = `${role}@luma.example`;
    await createStaff(getDb().prisma, { email, password: 'pw-12345', roles: [role] });
    const { token } = await signIn(getDb().prisma, { email, password: 'pw-12345' }, { ip: '10.0.0.3', userAgent: 'vitest' }, limiter);
    cookies[role] = `${STAFF_COOKIE}=${token}`;
  }
});

const post = (body: BodyInit, headers: Record<string, string>, as: string | null = 'merchandiser') =>
  POST(new Request(URL_, { method: 'POST', body, headers: { ...headers, ...(as ? { cookie: cookies[as]! } : {}) } }));
const imports = async () => (await getDb().query<{ n: number }>(`SELECT count(*)::int AS n FROM catalog_imports`)).rows[0]!.n;

describe('POST /api/v1/catalog/import', () => {
  it('answers 401 signed out and 403 without catalog.write', async () => {
    expect((await post(CSV, { 'content-type': 'text/csv' }, null)).status).toBe(401);
    const forbidden = await post(CSV, { 'content-type': 'text/csv' }, 'support');
    expect(forbidden.status).toBe(403);
    expect(await imports()).toBe(0);
  });

  it('accepts text/csv with 202, the report and a status URL that answers', async () => {
    const res = await post(CSV, { 'content-type': 'text/csv; charset=utf-8' });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toMatchObject({ importId: expect.stringMatching(/^cimp_/), status: 'queued', report: { validRows: 1, invalidRows: 1 } });
    expect(body.report.problems).toEqual([{ row: 2, column: 'title', problem: 'is required' }]);
    expect(res.headers.get('location')).toBe(`/api/v1/catalog/imports/${body.importId}`);
    const status = await GET(new Request(`http://shop.test${body.statusUrl}`, { headers: { cookie: cookies.merchandiser! } }), {
      params: Promise.resolve({ id: body.importId }),
    });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ id: body.importId, status: 'queued', total: 1, failed: 1, processed: 0, source: 'rest' });
    const missing = await GET(new Request('http://shop.test/api/v1/catalog/imports/cimp_nope', { headers: { cookie: cookies.merchandiser! } }), {
      params: Promise.resolve({ id: 'cimp_nope' }),
    });
    expect(missing.status).toBe(404);
  });

  it('accepts multipart/form-data and application/json', async () => {
    const form = new FormData();
    form.set('file', new File([CSV], 'spring.csv', { type: 'text/csv' }));
    const multipart = await POST(new Request(URL_, { method: 'POST', body: form, headers: { cookie: cookies.merchandiser! } }));
    expect(multipart.status).toBe(202);
    expect((await multipart.json()).report).toMatchObject({ fileName: 'spring.csv', format: 'csv', validRows: 1 });
    const json = await post(JSON.stringify([{ sku: 'J-1', title: 'Json Lamp', price_cents: 1500 }]), { 'content-type': 'application/json' });
    expect(json.status).toBe(202);
    expect((await json.json()).report).toMatchObject({ format: 'json', validRows: 1, invalidRows: 0 });
    expect(await imports()).toBe(3);
  });

  it('refuses bad uploads with 4xx naming the field or the row and column, writing nothing', async () => {
    const before = await imports();
    const cases: [Response, number, string][] = [
      [await post('a,b', { 'content-type': 'application/xml' }), 415, 'Content-Type'],
      [await POST(new Request(URL_, { method: 'POST', body: new FormData(), headers: { cookie: cookies.merchandiser! } })), 400, 'file'],
      [await post('x'.repeat(MAX_IMPORT_BYTES + 1), { 'content-type': 'text/csv' }), 413, 'file'],
      [await post('sku,title,price\nA,,1', { 'content-type': 'text/csv' }), 422, 'row 1.title'],
      [await post('{"products": 3}', { 'content-type': 'application/json' }), 422, '(file)'],
      [await post(new Uint8Array([0xff, 0xfe, 0x00]), { 'content-type': 'text/csv' }), 400, '(body)'],
    ];
    for (const [res, status, path] of cases) {
      expect(res.status, path).toBe(status);
      const body = await res.json();
      expect(body.error.issues[0].path, path).toBe(path);
      expect(body.error.requestId).toEqual(expect.any(String));
    }
    expect(await imports()).toBe(before);
  });
});

describe('POST /api/v1/catalog/import with an API key', () => {
  it('takes an API key with catalog.write (202); a key without it is 403, a revoked one 401', async () => {
    const db = getDb().prisma;
    const owner = (await resolveSession(db, cookies.merchandiser!.split('=')[1]!))!;
    const writer = await createApiKey(db, owner, { name: 'PIM sync', permissions: ['catalog.read', 'catalog.write'] });
    const reader = await createApiKey(db, owner, { name: 'Feed reader', permissions: ['catalog.read'] });
    const withKey = (secret: string) => post(CSV, { 'content-type': 'text/csv', authorization: `Bearer ${secret}` }, null);
    const before = await imports();
    expect((await withKey(reader.secret)).status).toBe(403);
    expect(await imports()).toBe(before);
    expect((await withKey(writer.secret)).status).toBe(202);
    expect(await imports()).toBe(before + 1);
    await revokeApiKey(db, owner, { id: writer.id });
    expect((await withKey(writer.secret)).status).toBe(401);
  });
});
