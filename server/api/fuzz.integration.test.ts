// Fuzzing every public door with generated malformed input (fast-check): every tRPC
// procedure (as the owner, so permissions are not what stops it) and the REST and webhook
// routes. The bar: never a 5xx / INTERNAL_SERVER_ERROR, and nothing written by a rejected
// request (row counts of the tables that matter are unchanged).
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { createTokenBucket } from '@/server/lib/rate-limit';
import { createStaff } from '@/server/modules/auth/create-staff';
import { signIn } from '@/server/modules/auth/sign-in';
import { STAFF_COOKIE } from '@/server/modules/auth/staff-cookie';
import { staffAs } from '@/server/modules/auth/testing';
import { ensureStoreDefaults, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { newSessionKey } from '@/server/lib/session-key';
import { createContext } from './init';
import { appRouter, createCaller } from './root';

const getDb = useTestDatabase();
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
let fuzzProductId = '';
const TABLES = ['orders', 'order_events', 'inventory_reservations', 'payments', 'payment_webhook_inbox', 'review_items', 'policy_versions', 'promotions', 'discount_offers', 'experiments', 'model_versions', 'staff', 'catalog_imports', 'products', 'product_variants', 'order_refunds', 'order_appeals'];

beforeAll(async () => {
  process.env.RATE_LIMITS = 'off';
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  setEventStoreDb(getDb().prisma);
  await ensureStoreDefaults(getDb().prisma);
  fuzzProductId = (await makeVariant(getDb().prisma, { stock: 5, sku: 'FUZZ-1' })).productId;
});

async function counts() {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = (await getDb().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n;
  return out;
}

/** Inputs that look almost right: objects with plausible keys and wrong-typed or extreme values. */
const nearMiss = fc.dictionary(
  fc.constantFrom('id', 'q', 'sku', 'quantity', 'email', 'limit', 'cursor', 'orderId', 'reviewId', 'kind', 'body', 'status', 'decision', 'variantId', 'productId', 'placement', 'key', 'value', 'amountCents', 'percent'),
  fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.constant(-1), fc.constant(1e12), fc.string({ minLength: 300, maxLength: 2_000 }), fc.array(fc.anything(), { maxLength: 3 }), fc.object()),
);
const anyInput = fc.oneof(fc.anything(), nearMiss);

describe('fuzzing the doors', () => {
  it('no tRPC procedure answers malformed input with an internal error or a write', async () => {
    const paths = Object.keys(appRouter._def.procedures as Record<string, unknown>).sort();
    const before = await counts();
    const failures: string[] = [];
    let calls = 0;
    for (const path of paths) {
      const caller = createCaller(
        createContext({ headers: new Headers({ cookie: `luma_sid=${newSessionKey()}`, 'x-forwarded-for': '198.51.100.9' }), db: getDb().prisma, staff: staffAs('owner') }),
      ) as unknown as Record<string, unknown>;
      const procedure = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
      await fc.assert(
        fc.asyncProperty(anyInput, async (input) => {
          calls++;
          try {
            await procedure(input);
          } catch (err) {
            if (!(err instanceof TRPCError) || err.code === 'INTERNAL_SERVER_ERROR') {
              failures.push(`${path} ${JSON.stringify(input)?.slice(0, 200)} → ${String((err as Error).message).slice(0, 200)}`);
            }
          }
        }),
        { numRuns: RUNS, seed: 42 },
      );
    }
    console.log(JSON.stringify({ fuzz: 'trpc', procedures: paths.length, calls, internalErrors: failures.length }));
    expect(failures).toEqual([]);
    // Random input places no order, takes no stock, publishes no policy.
    const after = await counts();
    for (const t of ['orders', 'order_events', 'inventory_reservations', 'payments', 'payment_webhook_inbox', 'review_items', 'policy_versions', 'promotions', 'experiments', 'staff', 'catalog_imports', 'products', 'product_variants', 'order_refunds', 'order_appeals']) {
      expect(after[t], t).toBe(before[t]);
    }
  }, 600_000);

  it('no REST or webhook route answers malformed requests with a 5xx or a write', async () => {
    const routes = {
      orders: (await import('@/app/api/v1/orders/route')).POST,
      events: (await import('@/app/api/v1/events/route')).POST,
      search: (await import('@/app/api/v1/search/route')).GET,
      recommendations: (await import('@/app/api/v1/recommendations/route')).GET,
      autocomplete: (await import('@/app/api/v1/autocomplete/route')).GET,
      webhook: (await import('@/app/api/webhooks/payments/[provider]/route')).POST,
      catalogImport: (await import('@/app/api/v1/catalog/import/route')).POST,
      refunds: (await import('@/app/api/v1/orders/[id]/refunds/route')).POST,
      productsCreate: (await import('@/app/api/v1/products/route')).POST,
      productsList: (await import('@/app/api/v1/products/route')).GET,
      productPatch: (await import('@/app/api/v1/products/[id]/route')).PATCH,
    };
    // The import door sits behind catalog.write: fuzz it signed in, so the body is what is tested.
    await createStaff(getDb().prisma, { email: 'fuzz-owner@luma.example', password: 'pw-12345', roles: ['owner'] });
    const signedIn = await signIn(getDb().prisma, { email: 'fuzz-owner@luma.example', password: 'pw-12345' }, { ip: '10.0.0.9', userAgent: 'fuzz' }, createTokenBucket({ capacity: 10, refillPerSec: 1 }));
    const staffCookie = `${STAFF_COOKIE}=${signedIn.token}`;
    const before = await counts();
    const failures: string[] = [];
    let calls = 0;
    const body = fc.oneof(fc.json(), fc.string(), anyInput.map((v) => JSON.stringify(v) ?? 'null'));
    const query = fc.dictionary(fc.constantFrom('q', 'page', 'pageSize', 'limit', 'placement', 'productId', 'sort', 'category', 'price'), fc.string(), { maxKeys: 4 });
    const check = async (name: string, res: Response, input: unknown) => {
      calls++;
      if (res.status >= 500) failures.push(`${name} ${JSON.stringify(input).slice(0, 200)} → ${res.status} ${(await res.text()).slice(0, 200)}`);
    };
    await fc.assert(
      fc.asyncProperty(body, fc.string(), fc.constantFrom('local', 'stripe', 'nope'), async (b, key, provider) => {
        const headers = { 'content-type': 'application/json', 'idempotency-key': key, 'stripe-signature': `t=1,v1=${key}` };
        await check('POST /api/v1/orders', await routes.orders(new Request('http://shop.test/api/v1/orders', { method: 'POST', headers, body: b })), { b, key });
        await check('POST /api/v1/events', await routes.events(new Request('http://shop.test/api/v1/events', { method: 'POST', headers, body: b })), { b });
        const hook = await (routes.webhook as unknown as (r: Request, c: { params: Promise<{ provider: string }> }) => Promise<Response>)(
          new Request(`http://shop.test/api/webhooks/payments/${provider}`, { method: 'POST', headers, body: b }),
          { params: Promise.resolve({ provider }) },
        );
        await check(`POST /api/webhooks/payments/${provider}`, hook, { b, key });
        for (const type of ['text/csv', 'application/json', 'multipart/form-data; boundary=x', 'text/plain', key]) {
          const req = new Request('http://shop.test/api/v1/catalog/import', { method: 'POST', headers: { 'content-type': type, cookie: staffCookie }, body: b });
          await check(`POST /api/v1/catalog/import (${type})`, await routes.catalogImport(req), { b, type });
        }
        // Signed in with order.refund, so the id, key and body are what is tested.
        for (const id of ['ord_01ARZ3NDEKTSV4RRFFQ69G5FAV', key]) {
          const req = new Request(`http://shop.test/api/v1/orders/${encodeURIComponent(id)}/refunds`, { method: 'POST', headers: { ...headers, cookie: staffCookie }, body: b });
          await check('POST /api/v1/orders/:id/refunds', await routes.refunds(req, { params: Promise.resolve({ id }) }), { b, key, id });
        }
        // Signed in with catalog.write: a malformed product body creates and changes nothing.
        const create = new Request('http://shop.test/api/v1/products', { method: 'POST', headers: { 'content-type': 'application/json', cookie: staffCookie }, body: b });
        await check('POST /api/v1/products', await routes.productsCreate(create), { b });
        for (const id of [fuzzProductId, key]) {
          const req = new Request(`http://shop.test/api/v1/products/${encodeURIComponent(id)}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie: staffCookie }, body: b });
          await check('PATCH /api/v1/products/:id', await routes.productPatch(req, { params: Promise.resolve({ id }) }), { b, id });
        }
      }),
      { numRuns: RUNS * 3, seed: 7 },
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const qs = new URLSearchParams(q).toString();
        for (const [name, route] of [['search', routes.search], ['recommendations', routes.recommendations], ['autocomplete', routes.autocomplete]] as const) {
          await check(`GET /api/v1/${name}`, await route(new Request(`http://shop.test/api/v1/${name}?${qs}`)), q);
        }
        await check('GET /api/v1/products', await routes.productsList(new Request(`http://shop.test/api/v1/products?${qs}`, { headers: { cookie: staffCookie } })), q);
      }),
      { numRuns: RUNS * 3, seed: 11 },
    );
    console.log(JSON.stringify({ fuzz: 'rest', calls, serverErrors: failures.length }));
    expect(failures).toEqual([]);
    const after = await counts();
    for (const t of ['orders', 'inventory_reservations', 'payments', 'payment_webhook_inbox', 'catalog_imports', 'products', 'product_variants', 'order_refunds']) expect(after[t], t).toBe(before[t]);
    // The product the PATCH door was fuzzed on is as it was.
    expect(await getDb().prisma.product.findUniqueOrThrow({ where: { id: fuzzProductId }, select: { title: true } })).toEqual({ title: expect.stringMatching(/^Test product FUZZ-1$/) });
  }, 600_000);
});
