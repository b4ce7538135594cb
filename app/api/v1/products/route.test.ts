// The REST catalog doors through their real route handlers: allowBackorder readable on GET,
// writable on POST and PATCH, 400 naming the field (nothing written), auth by cookie or API key.
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { createTokenBucket } from '@/server/lib/rate-limit';
import { createApiKey } from '@/server/modules/auth/api-keys';
import { createStaff } from '@/server/modules/auth/create-staff';
import { resolveSession } from '@/server/modules/auth/sessions';
import { signIn } from '@/server/modules/auth/sign-in';
import { STAFF_COOKIE } from '@/server/modules/auth/staff-cookie';
import { GET as getOne, PATCH } from './[id]/route';
import { GET as list, POST } from './route';

const getDb = useTestDatabase();
const cookies: Record<string, string> = {};
const BASE = 'http://shop.test/api/v1/products';

beforeAll(async () => {
  process.env.RATE_LIMITS = 'off';
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  setEventStoreDb(getDb().prisma);
  const limiter = createTokenBucket({ capacity: 100, refillPerSec: 1 });
  for (const role of ['merchandiser', 'support'] as const) {
    const email = `${role}@luma.example`;
    await createStaff(getDb().prisma, { email, password: 'pw-12345', roles: [role] });
    const { token } = await signIn(getDb().prisma, { email, password: 'pw-12345' }, { ip: '10.0.0.4', userAgent: 'vitest' }, limiter);
    cookies[role] = `${STAFF_COOKIE}=${token}`;
  }
});

const json = (body: unknown, as: string | null = 'merchandiser', extra: Record<string, string> = {}) => ({
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...(as ? { cookie: cookies[as]! } : {}), ...extra },
});
const create = (body: unknown, as: string | null = 'merchandiser') => POST(new Request(BASE, { method: 'POST', ...json(body, as) }));
const patch = (id: string, body: unknown, as: string | null = 'merchandiser') =>
  PATCH(new Request(`${BASE}/${id}`, { method: 'PATCH', ...json(body, as) }), { params: Promise.resolve({ id }) });
const read = (id: string, as = 'support') => getOne(new Request(`${BASE}/${id}`, { headers: { cookie: cookies[as]! } }), { params: Promise.resolve({ id }) });
const products = async () => (await getDb().query<{ n: number }>(`SELECT count(*)::int AS n FROM products`)).rows[0]!.n;

describe('REST products with allowBackorder', () => {
  it('creates with allowBackorder, reads it back on GET one and GET list, and PATCH turns it off (audited)', async () => {
    const res = await create({ sku: 'REST-1', title: 'Teak Bench', priceCents: 12_900, stock: 2, allowBackorder: true });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const made = await res.json();
    expect(made).toMatchObject({ id: expect.stringMatching(/^prod_/), sku: 'REST-1', priceCents: 12_900, stock: 2, hidden: false, allowBackorder: true });

    const one = await read(made.id);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id: made.id, allowBackorder: true });
    const page = await (await list(new Request(`${BASE}?limit=100`, { headers: { cookie: cookies.support! } }))).json();
    expect(page.items.find((p: { id: string }) => p.id === made.id)).toMatchObject({ allowBackorder: true, sku: 'REST-1' });

    const off = await patch(made.id, { allowBackorder: false });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ allowBackorder: false, title: 'Teak Bench', stock: 2 });
    // Other fields alone leave the setting; the change was audited with the staff member.
    const renamed = await (await patch(made.id, { title: 'Teak Bench, oiled', stock: 5 })).json();
    expect(renamed).toMatchObject({ title: 'Teak Bench, oiled', stock: 5, allowBackorder: false });
    const audits = await getDb().prisma.auditEvent.findMany({ where: { entityId: made.id }, orderBy: { seq: 'asc' } });
    expect(audits.map((a) => [a.action, a.actor])).toEqual([
      ['catalog.product.create', 'merchandiser@luma.example'],
      ['catalog.product.backorders', 'merchandiser@luma.example'],
      ['catalog.product.backorders', 'merchandiser@luma.example'],
      ['catalog.product.update', 'merchandiser@luma.example'],
    ]);
  });

  it('a product without a setting reads allowBackorder false', async () => {
    const made = await (await create({ sku: 'REST-2', title: 'Jute Rug', priceCents: 8_000 })).json();
    expect(made).toMatchObject({ allowBackorder: false, stock: 0 });
  });

  it('bad input is a 400 naming the field, and nothing is written', async () => {
    const before = await products();
    const bad = await create({ sku: 'REST-3', title: 'Lamp', priceCents: 100, allowBackorder: 'sometimes' });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.issues).toEqual([{ path: 'allowBackorder', message: 'must be true or false' }]);
    expect(body.error.message).toMatch(/^allowBackorder: /);
    expect((await create('{not json')).status).toBe(422);
    expect((await create({ title: 'No SKU', priceCents: 100 })).status).toBe(400);
    expect(await products()).toBe(before);

    const made = await (await create({ sku: 'REST-4', title: 'Lamp', priceCents: 100 })).json();
    const badPatch = await patch(made.id, { allowBackorder: 1 });
    expect(badPatch.status).toBe(400);
    expect((await badPatch.json()).error.issues[0].path).toBe('allowBackorder');
    expect((await patch(made.id, {})).status).toBe(400);
    expect((await patch(made.id, { colour: 'red' })).status).toBe(400);
    expect(await (await read(made.id)).json()).toMatchObject({ allowBackorder: false });
    // A taken SKU is a 409 naming the field; an unknown product a 404.
    const dup = await create({ sku: 'REST-4', title: 'Lamp again', priceCents: 100 });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.issues).toEqual([{ path: 'sku', message: expect.stringContaining('REST-4') }]);
    expect((await patch('prod_missing', { allowBackorder: true })).status).toBe(404);
  });

  it('needs catalog.write to write and catalog.read to read; API keys work too', async () => {
    expect((await create({ sku: 'REST-5', title: 'Lamp', priceCents: 100 }, 'support')).status).toBe(403);
    expect((await create({ sku: 'REST-5', title: 'Lamp', priceCents: 100 }, null)).status).toBe(401);
    const db = getDb().prisma;
    const owner = (await resolveSession(db, cookies.merchandiser!.split('=')[1]!))!;
    const key = await createApiKey(db, owner, { name: 'PIM sync', permissions: ['catalog.read', 'catalog.write'] });
    const res = await POST(new Request(BASE, { method: 'POST', ...json({ sku: 'REST-5', title: 'Lamp', priceCents: 100, allowBackorder: true }, null, { authorization: `Bearer ${key.secret}` }) }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ allowBackorder: true });
  });
});
