// Recommendation doors: tRPC placements and merchant rules, REST with request id, telemetry
// and 4xx naming the field, and a registered version of another algorithm serving through the seam.
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/v1/recommendations/route';
import { useTestDatabase } from '@/server/db/testing';
import { flushDecisionLog } from '@/server/decisions/decision-log';
import type { Permission } from '@/server/modules/auth/permissions';
import { makeModel, versionAt } from '@/server/modules/models/models.fixtures';
import { invalidateServingCache } from '@/server/modules/models/serving-versions';
import { invalidateCatalog } from '@/server/modules/recommendations/catalog-snapshot';
import { ensureRecommendationModels, RECS_MODELS } from '@/server/modules/recommendations/ensure-models';
import { logEvents, seedLivingRoom } from '@/server/modules/recommendations/recs.fixtures';
import { createContext } from '../init';
import { createCaller } from '../root';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let id: Record<string, string>;

const shopper = (cookie: string) =>
  createCaller(createContext({ headers: new Headers({ cookie, 'x-request-id': 'req-recs-1' }), db: db() }));
const staff = (permissions: Permission[]) =>
  createCaller(
    createContext({ headers: new Headers(), db: db(), staff: { id: 'staff_1', email: 'm@example.com', permissions } }),
  );
const SID = 'v_01JRECS0000000000000000001';

beforeAll(async () => {
  id = await seedLivingRoom(db());
  (globalThis as unknown as { prisma: unknown }).prisma = db();
  invalidateCatalog(db());
});

async function get(query: string, cookie = `luma_sid=${SID}`) {
  const res = await GET(
    new Request(`http://localhost/api/v1/recommendations?${query}`, {
      headers: { cookie, 'x-request-id': 'req-rest-1' },
    }),
  );
  return {
    status: res.status,
    requestId: res.headers.get('x-request-id'),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    body: (await res.json()) as Record<string, any>,
  };
}

describe('REST /api/v1/recommendations', () => {
  it.each([
    ['placement=nope', 'placement'],
    ['', 'placement'],
    ['placement=product', 'productId'],
    ['placement=product&productId=bad%20id!', 'productId'],
    ['placement=home&limit=100', 'limit'],
    ['placement=home&limit=0', 'limit'],
    ['placement=home&limit=abc', 'limit'],
  ])('%s → 400 naming %s', async (query, field) => {
    const r = await get(query);
    expect(r.status).toBe(400);
    expect(r.requestId).toBe('req-rest-1');
    expect(r.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
  });

  it('an unknown product is a 404 naming productId', async () => {
    const r = await get('placement=product&productId=prod_missing');
    expect(r.status).toBe(404);
    expect(r.body.error.message).toMatch(/^productId: prod_missing/);
  });

  it('answers with sections, reasons and telemetry', async () => {
    const r = await get(`placement=product&productId=${id['sofa-ava']}&limit=4`);
    expect(r.status).toBe(200);
    expect(r.body.requestId).toBe('req-rest-1');
    expect(r.body.sections[0].id).toBe('similar');
    expect(r.body.sections[0].items.length).toBeLessThanOrEqual(4);
    expect(r.body.sections[0].items[0]).toMatchObject({ position: 0, reason: 'Similar to Ava Velvet Sofa' });
    expect(r.body.telemetry).toMatchObject({
      modelVersion: 'recommendation@builtin',
      degraded: false,
      requestId: 'req-rest-1',
    });
    expect(r.body.telemetry.latencyMs).toBeGreaterThan(0);
    expect(r.body.telemetry.reasons).toContain('Similar to Ava Velvet Sofa');
    const cart = await get(`placement=cart&productIds=${id['sofa-ava']},${id['lamp-mo']}`);
    expect(cart.status).toBe(200);
  });
});

describe('tRPC recs', () => {
  it('forHome uses the session cookie, and the opt-out cookie turns personal signals off', async () => {
    await logEvents(db(), [[SID, 'shopper/page.viewed', id['sofa-bea']!, Date.now() - 1000]]);
    const on = await shopper(`luma_sid=${SID}`).recs.forHome({ limit: 4 });
    expect(on.personalized).toBe(true);
    expect(on.sections.map((s) => s.title)).toContain('Because you viewed Bea Velvet Sofa');
    const off = await shopper(`luma_sid=${SID}; luma_personalization=off`).recs.forHome({ limit: 4 });
    expect(off.personalized).toBe(false);
    expect(off.sections.map((s) => s.id)).toEqual(['best-sellers']);
  });

  it('track records views and clicks with position; opted-out events carry no session key', async () => {
    const res = await shopper(`luma_sid=${SID}`).recs.track({
      events: [
        {
          id: 'click-0001',
          type: 'click',
          productId: id['lamp-mo']!,
          placement: 'home',
          section: 'best-sellers',
          position: 2,
          decisionId: 'dec_1',
        },
      ],
    });
    expect(res.accepted).toBe(1);
    const e = await db().event.findFirstOrThrow({ where: { id: 'click-0001' } });
    expect(e).toMatchObject({
      name: 'shopper/product.clicked',
      data: { sessionKey: SID, productId: id['lamp-mo'], position: 2, placement: 'home' },
    });
    await shopper(`luma_sid=${SID}; luma_personalization=off`).recs.track({
      events: [{ id: 'view-0002', type: 'view', productId: id['lamp-mo']! }],
    });
    expect((await db().event.findFirstOrThrow({ where: { id: 'view-0002' } })).data).toEqual({
      productId: id['lamp-mo'],
    });
  });

  it('merchant rules need catalog permissions', async () => {
    await expect(
      staff(['catalog.read']).recs.setRule({ productId: id['sofa-ava']!, targetId: id['lamp-mo']!, action: 'pin' }),
    ).rejects.toBeInstanceOf(TRPCError);
    const rule = await staff(['catalog.write']).recs.setRule({
      productId: id['sofa-ava']!,
      targetId: id['lamp-mo']!,
      action: 'pin',
    });
    expect(await staff(['catalog.read']).recs.rules({ productId: id['sofa-ava']! })).toEqual([rule]);
    const r = await shopper(`luma_sid=${SID}`).recs.forProduct({ productId: id['sofa-ava']! });
    expect(r.sections[0]!.items[0]!.product.id).toBe(id['lamp-mo']);
    await staff(['catalog.write']).recs.deleteRule({ id: rule.id });
    await expect(
      staff(['catalog.write']).recs.setRule({ productId: id['sofa-ava']!, targetId: 'prod_nope', action: 'exclude' }),
    ).rejects.toThrow(/targetId prod_nope was not found/);
  });
});

describe('algorithms as registered model versions', () => {
  it('registers one draft per algorithm once; a promoted popularity version serves through the seam', async () => {
    expect((await ensureRecommendationModels(db())).created).toEqual(RECS_MODELS.map((m) => m.key));
    expect((await ensureRecommendationModels(db())).created).toEqual([]);
    expect(
      await db().modelVersion.count({
        where: { kind: 'recommendation', stage: 'draft', implementationKey: 'recs.engine' },
      }),
    ).toBe(4);

    invalidateServingCache();
    const model = await makeModel(db(), 'recommendation');
    await versionAt(db(), {
      modelId: model.id,
      kind: 'recommendation',
      implementationKey: 'recs.engine',
      params: { algorithm: 'popularity' },
      stage: 'production',
    });
    const r = await shopper(`luma_sid=${SID}`).recs.forHome({ limit: 4 });
    expect(r.telemetry.modelVersion).toBe(`${model.key}@v1`);
    expect(r.sections.map((s) => s.id)).toEqual(['best-sellers']);
    await flushDecisionLog();
    const row = await db().decisionLog.findFirstOrThrow({
      where: { requestId: 'req-recs-1', modelVersion: `${model.key}@v1` },
    });
    expect(row.arm).toBe('production');
    expect((row.features as { algorithm: string }).algorithm).toBe('popularity');
  });
});
