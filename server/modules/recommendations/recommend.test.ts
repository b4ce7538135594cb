import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { flushDecisionLog } from '@/server/decisions/decision-log';
import { inputDigest, pseudonymousSubject } from '@/server/decisions/input-digest';
import { classCap } from './algorithms';
import { invalidateCatalog } from './catalog-snapshot';
import { rebuildCooccurrence } from './cooc-store';
import { setRule } from './merchant-rules';
import { recommendForCart, recommendForHome, recommendForProduct, type Recommendations } from './recommend';
import { logEvents, seedLivingRoom } from './recs.fixtures';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let id: Record<string, string>;
const NEVER = ['sofa-gone', 'sofa-hidden'];
const allIds = (r: Recommendations) => r.sections.flatMap((s) => s.items.map((i) => i.product.id));

beforeAll(async () => {
  id = await seedLivingRoom(db());
});
beforeEach(() => invalidateCatalog(db()));

async function lastDecision() {
  await flushDecisionLog();
  return db().decisionLog.findFirstOrThrow({ where: { kind: 'recommendation' }, orderBy: { id: 'desc' } });
}

describe('product page recommendations', () => {
  it('falls back to similar products on cold start, never showing out-of-stock, hidden or the product itself', async () => {
    const r = await recommendForProduct(db(), { productId: id['sofa-ava']!, limit: 8 }, { sessionKey: 'v_P1' });
    expect(r.telemetry.coldStart).toBe(true);
    expect(r.telemetry.degraded).toBe(false);
    expect(r.telemetry.modelVersion).toBe('recommendation@builtin');
    expect(r.sections.map((s) => s.id)).toEqual(['similar', 'also-viewed']);
    const similar = r.sections[0]!.items;
    expect(similar.length).toBeGreaterThan(3);
    // Same class and matching attributes first.
    expect(similar[0]!.product.category).toBe('Sofas');
    expect(similar[0]!.reason).toBe('Similar to Ava Velvet Sofa');
    const shown = allIds(r);
    for (const k of [...NEVER, 'sofa-ava']) expect(shown).not.toContain(id[k]);
  });

  it('serves "customers also viewed" from co-occurrence once sessions exist, still without ineligible products', async () => {
    const t = Date.now() - 3600_000;
    const rows: [string, string, string, number][] = [];
    for (let s = 0; s < 5; s++) {
      for (const k of ['sofa-ava', 'lamp-oz', 'sofa-gone', 'sofa-hidden', 'table-kai'])
        rows.push([`v_CO${s}`, 'shopper/page.viewed', id[k]!, t + rows.length * 1000]);
    }
    await logEvents(db(), rows);
    await rebuildCooccurrence(db(), { params: { minSupport: 1 } });
    const r = await recommendForProduct(db(), { productId: id['sofa-ava']!, limit: 8 }, { sessionKey: 'v_P1' });
    expect(r.telemetry.coldStart).toBe(false);
    const also = r.sections.find((s) => s.id === 'also-viewed')!;
    expect(also.title).toBe('Customers also viewed');
    expect(also.items.map((i) => i.product.id).sort()).toEqual([id['lamp-oz'], id['table-kai']].sort());
    expect(also.items[0]!.reason).toBe('Customers who viewed this also viewed it');
    for (const k of NEVER) expect(allIds(r)).not.toContain(id[k]);
    // Stock runs out after the catalog was cached: still never shown.
    await db().productVariant.updateMany({ where: { productId: id['lamp-oz'] }, data: { stockOnHand: 0 } });
    const after = await recommendForProduct(db(), { productId: id['sofa-ava']!, limit: 8 }, { sessionKey: 'v_P1' });
    expect(allIds(after)).not.toContain(id['lamp-oz']);
    await db().productVariant.updateMany({ where: { productId: id['lamp-oz'] }, data: { stockOnHand: 5 } });
  });

  it('applies merchant pins and excludes; a pinned out-of-stock product stays hidden', async () => {
    await setRule(
      db(),
      { productId: id['sofa-ava']!, targetId: id['lamp-pia']!, action: 'pin', position: 0 },
      'staff_1',
    );
    await setRule(
      db(),
      { productId: id['sofa-ava']!, targetId: id['sofa-gone']!, action: 'pin', position: 1 },
      'staff_1',
    );
    await setRule(db(), { productId: id['sofa-ava']!, targetId: id['sofa-bea']!, action: 'exclude' }, 'staff_1');
    const r = await recommendForProduct(db(), { productId: id['sofa-ava']!, limit: 8 }, { sessionKey: 'v_P1' });
    expect(r.sections[0]!.items[0]).toMatchObject({
      product: { id: id['lamp-pia'] },
      reason: 'Recommended by the store',
      position: 0,
    });
    expect(allIds(r)).not.toContain(id['sofa-bea']);
    expect(allIds(r)).not.toContain(id['sofa-gone']);
    await db().recRule.deleteMany({});
  });

  it('rejects an unknown product naming the field', async () => {
    await expect(recommendForProduct(db(), { productId: 'prod_nope' }, { sessionKey: null })).rejects.toThrow(
      /productId: prod_nope is not a product/,
    );
  });
});

describe('home page', () => {
  it('personalizes from recent views with reasons, and holds the diversity constraint', async () => {
    const t = Date.now() - 60_000;
    await logEvents(db(), [
      ['v_H1', 'shopper/page.viewed', id['sofa-cleo']!, t],
      ['v_H1', 'shopper/page.viewed', id['sofa-dora']!, t + 1000],
    ]);
    const r = await recommendForHome(db(), { limit: 6 }, { sessionKey: 'v_H1', requestId: 'req_h1' });
    expect(r.personalized).toBe(true);
    const ids = r.sections.map((s) => s.id);
    expect(ids[0]).toBe('recently-viewed');
    expect(r.sections[0]!.items.map((i) => i.product.id)).toEqual([id['sofa-dora'], id['sofa-cleo']]);
    const because = r.sections.find((s) => s.id === 'because-you-viewed')!;
    expect(because.title).toBe('Because you viewed Dora Velvet Sofa');
    expect(because.items.length).toBeGreaterThan(1);
    expect(because.items.every((i) => i.reason === 'Because you viewed Dora Velvet Sofa')).toBe(true);
    expect(ids).toContain('trending-in-your-categories');
    for (const s of r.sections.filter((x) => x.id !== 'recently-viewed')) {
      const counts = new Map<string, number>();
      for (const i of s.items) counts.set(i.product.category!, (counts.get(i.product.category!) ?? 0) + 1);
      // Classes in this fixture map one-to-one to categories except the sofas' three classes.
      const sofaClasses = s.items.filter((i) => i.product.title.includes('Velvet Sofa')).length;
      expect(sofaClasses).toBeLessThanOrEqual(classCap(s.items.length, 0.5));
      for (const i of s.items) expect(NEVER.map((k) => id[k])).not.toContain(i.product.id);
    }
    const row = await lastDecision();
    expect(row.subjectKey).toBe(pseudonymousSubject('v_H1'));
    expect(row.features).toMatchObject({ personalized: true, signals: { viewed: 2, bought: 0, searches: 0 } });
  });

  it('uses nothing about a shopper who opted out: the decision input is the generic one', async () => {
    const r = await recommendForHome(
      db(),
      { limit: 6 },
      { sessionKey: 'v_H1', personalizationOff: true, requestId: 'req_h2' },
    );
    expect(r.personalized).toBe(false);
    expect(r.sections.map((s) => s.id)).not.toContain('recently-viewed');
    expect(r.sections.map((s) => s.id)).not.toContain('because-you-viewed');
    const row = await lastDecision();
    expect(row.requestId).toBe('req_h2');
    expect(row.inputDigest).toBe(inputDigest({ placement: 'home', limit: 6, personalized: false, signals: null }));
    expect(row.subjectKey).not.toBe(pseudonymousSubject('v_H1'));
    expect(row.features).toMatchObject({ personalized: false, signals: null });
    expect(JSON.stringify(row.features)).not.toContain(id['sofa-dora']);
    // Exactly what a brand-new visitor gets.
    const fresh = await recommendForHome(db(), { limit: 6 }, { sessionKey: 'v_NEW', requestId: 'req_h3' });
    expect((await lastDecision()).inputDigest).not.toBe(row.inputDigest); // new visitor: personalized=true, empty signals
    expect(fresh.sections.map((s) => s.id)).toEqual(r.sections.map((s) => s.id));
    expect(fresh.sections[0]!.items.map((i) => i.product.id)).toEqual(r.sections[0]!.items.map((i) => i.product.id));
  });

  it('renders best-sellers marked degraded when recommendations time out', async () => {
    const r = await recommendForHome(db(), { limit: 4 }, { sessionKey: 'v_H1', requestId: 'req_h4', timeoutMs: 0 });
    expect(r.telemetry.degraded).toBe(true);
    expect(r.sections.map((s) => s.id)).toEqual(['best-sellers']);
    expect(r.sections[0]!.items).toHaveLength(4);
    for (const i of r.sections[0]!.items) expect(i.reason).toBe('Best-seller');
  });
});

describe('cart', () => {
  it('suggests products bought together with the cart, excluding what is in it', async () => {
    const t = Date.now() - 3600_000;
    await logEvents(db(), [
      ['v_C1', 'shopper/cart.item_added', id['sofa-edie']!, t],
      ['v_C1', 'shopper/checkout.completed', [id['sofa-edie']!, id['table-lev']!], t + 1000],
      ['v_C2', 'shopper/cart.item_added', id['sofa-edie']!, t],
      ['v_C2', 'shopper/cart.item_added', id['table-lev']!, t + 1000],
    ]);
    await rebuildCooccurrence(db());
    const r = await recommendForCart(db(), { productIds: [id['sofa-edie']!] }, { sessionKey: 'v_C3' });
    expect(r.sections[0]).toMatchObject({ id: 'bought-together', title: 'Frequently bought together' });
    expect(r.sections[0]!.items[0]!.product.id).toBe(id['table-lev']);
    expect(allIds(r)).not.toContain(id['sofa-edie']);
  });
});
