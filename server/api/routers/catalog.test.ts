import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { useTestDatabase } from '@/server/db/testing';
import { NotFoundError } from '@/server/errors';
import { importProducts } from '@/server/modules/catalog/import-products';
import { normalizeWandsProduct } from '@/server/modules/catalog/normalize';
import { parseWandsProducts } from '@/server/modules/catalog/wands-tsv';
import { createContext } from '../init';
import { appRouter, createCaller } from '../root';

const SEED_FILE = path.resolve(import.meta.dirname, '../../../prisma/seed-data/wands-products.tsv');
// The first 40 seed rows: a handful of categories, including products 4 and 842.
const rows = parseWandsProducts(readFileSync(SEED_FILE, 'utf8')).rows.slice(0, 40).map(normalizeWandsProduct);
const headers = () => new Headers({ 'x-request-id': 'req-test-1234' });

const getDb = useTestDatabase();
const caller = () => createCaller(createContext({ headers: headers(), db: getDb().prisma }));

beforeAll(async () => {
  expect(await importProducts(getDb().prisma, rows)).toEqual({ created: 40, updated: 0 });
});

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return err as TRPCError;
}

describe('catalog router input validation', () => {
  it.each([
    [{ limit: 500 }, 'limit'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 2.5 }, 'limit'],
    [{ cursor: '' }, 'cursor'],
    [{ category: '   ' }, 'category'],
  ])('list rejects %o as BAD_REQUEST naming %s', async (input, field) => {
    const err = await rejection(caller().catalog.list(input));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.cause).toBeInstanceOf(ZodError);
    expect((err.cause as ZodError).issues.map((i) => i.path)).toEqual([[field]]);
  });

  it('product rejects an empty slug', async () => {
    const err = await rejection(caller().catalog.product({ slug: ' ' }));
    expect(err.code).toBe('BAD_REQUEST');
    expect((err.cause as ZodError).issues[0]?.path).toEqual(['slug']);
  });
});

describe('catalog router domain errors', () => {
  it('maps NotFoundError to NOT_FOUND and keeps it as the cause', async () => {
    const err = await rejection(caller().catalog.product({ slug: 'no-such-product' }));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe('product no-such-product was not found');
    expect(err.cause).toBeInstanceOf(NotFoundError);
    expect((err.cause as NotFoundError).details).toEqual({ entity: 'product', key: 'no-such-product' });
  });
});

describe('catalog router happy paths', () => {
  it('list returns a page of product cards', async () => {
    const page = await caller().catalog.list({ limit: 10 });
    expect(page.total).toBe(40);
    expect(page.items).toHaveLength(10);
    expect(page.nextCursor).toBe(page.items[9]!.id);
    const knob = (await caller().catalog.list({ limit: 100 })).items.find((i) => i.slug.endsWith('-4'));
    expect(knob).toEqual({
      id: expect.stringMatching(/^prod_[0-9A-Z]{26}$/),
      slug: 'baldwin-prestige-alcott-passage-knob-with-round-rosette-4',
      title: 'Baldwin Prestige Alcott Passage Knob with Round Rosette',
      category: 'Round Door Knobs',
      priceCents: expect.any(Number),
      currency: 'USD',
      inStock: true,
      ratingAvg: null,
      reviewCount: 0,
    });
    const next = await caller().catalog.list({ limit: 10, cursor: page.nextCursor! });
    expect(next.items.map((i) => i.id).filter((id) => page.items.some((p) => p.id === id))).toEqual([]);
  });

  it('list applies the default limit and a category filter', async () => {
    expect((await caller().catalog.list({})).items).toHaveLength(24);
    const expected = rows.filter((r) => r.categoryPath.includes('Furniture')).length;
    const furniture = await caller().catalog.list({ category: 'Furniture', limit: 100 });
    expect(furniture.total).toBe(expected);
    expect(furniture.items).toHaveLength(expected);
    expect(furniture.nextCursor).toBeNull();
  });

  it('overview counts active products per top-level category', async () => {
    const overview = await caller().catalog.overview();
    expect(overview.activeProducts).toBe(40);
    const expected = new Map<string, number>();
    for (const r of rows)
      if (r.categoryPath[0]) expected.set(r.categoryPath[0], (expected.get(r.categoryPath[0]) ?? 0) + 1);
    expect(new Map(overview.categories.map((c) => [c.name, c.count]))).toEqual(expected);
  });

  it('product returns the detail page shape', async () => {
    const product = await caller().catalog.product({
      slug: ' baldwin-prestige-alcott-passage-knob-with-round-rosette-4 ',
    });
    expect(product).toMatchObject({
      slug: 'baldwin-prestige-alcott-passage-knob-with-round-rosette-4',
      title: 'Baldwin Prestige Alcott Passage Knob with Round Rosette',
      description: '',
      classes: ['Door Knobs'],
      categoryPath: [
        'Home Improvement',
        'Doors & Door Hardware',
        'Door Hardware & Accessories',
        'Door Knobs',
        'Round Door Knobs',
      ],
      attributes: [],
      variants: [
        { id: expect.any(String), sku: 'WF-4', title: 'Default', priceCents: 2_299, currency: 'USD', stockOnHand: 36 },
      ],
    });
    expect(Array.isArray(product.related)).toBe(true);
  });
});

describe('catalog over HTTP (error formatter)', () => {
  async function get(procedure: string, input: unknown) {
    const url = `http://localhost/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    const res = await fetchRequestHandler({
      endpoint: '/api/trpc',
      req: new Request(url, { headers: headers() }),
      router: appRouter,
      createContext: () => createContext({ headers: headers(), db: getDb().prisma }),
    });
    return { status: res.status, body: (await res.json()) as { error: { json: { message: string; data: unknown } } } };
  }

  it('names the invalid fields and echoes the request id', async () => {
    const { status, body } = await get('catalog.list', { limit: 500, cursor: '' });
    expect(status).toBe(400);
    expect(body.error.json.message).toBe(
      'cursor: Too small: expected string to have >=1 characters; limit: Too big: expected number to be <=100',
    );
    expect(body.error.json.data).toMatchObject({
      code: 'BAD_REQUEST',
      httpStatus: 400,
      path: 'catalog.list',
      requestId: 'req-test-1234',
      issues: [
        { path: 'cursor', message: expect.any(String) },
        { path: 'limit', message: expect.any(String) },
      ],
    });
  });

  it('answers 404 for an unknown product', async () => {
    const { status, body } = await get('catalog.product', { slug: 'no-such-product' });
    expect(status).toBe(404);
    expect(body.error.json.message).toBe('product no-such-product was not found');
    expect(body.error.json.data).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404, requestId: 'req-test-1234' });
  });
});
