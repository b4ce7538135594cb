// Placement-level merchant rules on a real database: pin, exclude and boost scoped to the home
// page, a product page's similar or bought-together list, or the cart; respected by every
// placement's door (and its preview), never resurrecting an out-of-stock or hidden product.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { DomainError } from '@/server/errors';
import { invalidateCatalog } from './catalog-snapshot';
import { rebuildCooccurrence } from './cooc-store';
import { deletePlacementRule, listPlacementRules, setPlacementRule } from './placement-rules';
import { recommendForCart, recommendForHome, recommendForProduct, type Recommendations } from './recommend';
import { logEvents, seedLivingRoom } from './recs.fixtures';
import { placementRuleInput } from './recs.schema';
import { previewPlacement } from './rules-preview';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let id: Record<string, string>;
const ids = (r: Recommendations, section?: string) =>
  r.sections.filter((s) => !section || s.id === section).flatMap((s) => s.items.map((i) => i.product.id));
const anon = { sessionKey: null, personalizationOff: true };

beforeAll(async () => {
  id = await seedLivingRoom(db());
  // Sofa shoppers also bought coffee tables: the product page gets a bought-together list and
  // the cart a co-occurrence section.
  const t = Date.now() - 86_400_000;
  const rows: [string, string, string | string[], number][] = [];
  for (let i = 0; i < 6; i++) {
    rows.push([`v_BUY${i}`, 'shopper/cart.item_added', id['sofa-ava']!, t + i * 1000]);
    rows.push([`v_BUY${i}`, 'shopper/cart.item_added', id[i % 2 ? 'table-iris' : 'table-jun']!, t + i * 1000 + 10]);
  }
  await logEvents(db(), rows);
  await rebuildCooccurrence(db());
});
beforeEach(async () => {
  invalidateCatalog(db());
  await db().recPlacementRule.deleteMany();
});

describe('placement rules', () => {
  it('pins, boosts and excludes on every home page, in the first section only for pins', async () => {
    const before = await recommendForHome(db(), { limit: 8 }, anon);
    const productBefore = await recommendForProduct(db(), { productId: id['sofa-bea']!, limit: 8 }, anon);
    const first = before.sections[0]!;
    const last = first.items.at(-1)!.product.id;
    const excluded = first.items[1]!.product.id;
    // A lamp pinned to the home page: first in the first section, not repeated below.
    await setPlacementRule(db(), { placement: 'home', targetId: id['lamp-pia']!, action: 'pin', position: 0 }, 'staff_1');
    await setPlacementRule(db(), { placement: 'home', targetId: excluded, action: 'exclude' }, 'staff_1');
    await setPlacementRule(db(), { placement: 'home', targetId: last, action: 'boost', boost: 5 }, 'staff_1');
    const after = await recommendForHome(db(), { limit: 8 }, anon);
    expect(after.sections[0]!.items[0]!.product.id).toBe(id['lamp-pia']);
    expect(after.sections[0]!.items[0]!.reason).toBe('Recommended by the store');
    expect(ids(after).filter((x) => x === id['lamp-pia']).length).toBeLessThanOrEqual(after.sections.length);
    expect(ids(after)).not.toContain(excluded);
    // Boost 5: the last of n items moves up as if at rank n/5.
    const n = first.items.length;
    const pos = after.sections[0]!.items.findIndex((i) => i.product.id === last);
    expect(pos).toBeGreaterThan(0);
    expect(pos).toBeLessThanOrEqual(Math.ceil(n / 5) + 1);
    // Another placement is untouched by home rules.
    const product = await recommendForProduct(db(), { productId: id['sofa-bea']!, limit: 8 }, anon);
    expect(ids(product)).toEqual(ids(productBefore));
  });

  it('scopes product-page rules to the similar list or the bought-together list', async () => {
    const before = await recommendForProduct(db(), { productId: id['sofa-ava']!, limit: 8 }, anon);
    expect(before.sections.map((s) => s.id)).toEqual(['similar', 'bought-together']);
    const together = ids(before, 'bought-together');
    expect(together).toContain(id['table-iris']);
    await setPlacementRule(db(), { placement: 'product_together', targetId: id['table-iris']!, action: 'exclude' }, 'staff_1');
    await setPlacementRule(db(), { placement: 'product_similar', targetId: id['lamp-mo']!, action: 'pin' }, 'staff_1');
    const after = await recommendForProduct(db(), { productId: id['sofa-ava']!, limit: 8 }, anon);
    expect(ids(after, 'bought-together')).not.toContain(id['table-iris']);
    expect(ids(after, 'similar')[0]).toBe(id['lamp-mo']);
    expect(ids(after, 'bought-together')).not.toContain(id['lamp-mo']);
    // The anchor product itself is never pinned onto its own page.
    await setPlacementRule(db(), { placement: 'product_similar', targetId: id['sofa-ava']!, action: 'pin' }, 'staff_1');
    expect(ids(await recommendForProduct(db(), { productId: id['sofa-ava']!, limit: 8 }, anon))).not.toContain(id['sofa-ava']);
  });

  it('applies cart rules to the cart and never resurrects out-of-stock or hidden products', async () => {
    await setPlacementRule(db(), { placement: 'cart', targetId: id['sofa-gone']!, action: 'pin' }, 'staff_1');
    await setPlacementRule(db(), { placement: 'cart', targetId: id['sofa-hidden']!, action: 'pin', position: 1 }, 'staff_1');
    await setPlacementRule(db(), { placement: 'cart', targetId: id['lamp-nia']!, action: 'pin', position: 2 }, 'staff_1');
    await setPlacementRule(db(), { placement: 'cart', targetId: id['table-jun']!, action: 'exclude' }, 'staff_1');
    const cart = await recommendForCart(db(), { productIds: [id['sofa-ava']!], limit: 8 }, anon);
    const shown = ids(cart);
    expect(shown[0]).toBe(id['lamp-nia']);
    expect(shown).not.toContain(id['sofa-gone']);
    expect(shown).not.toContain(id['sofa-hidden']);
    expect(shown).not.toContain(id['table-jun']);
    expect(shown).toContain(id['table-iris']);
  });

  it('previews each placement as a new visitor sees it, rules applied', async () => {
    await setPlacementRule(db(), { placement: 'product_together', targetId: id['lamp-oz']!, action: 'pin' }, 'staff_1');
    const together = await previewPlacement(db(), { placement: 'product_together', productId: id['sofa-ava']! }, 'req_1');
    expect(together.sections.map((s) => s.id)).toEqual(['bought-together']);
    expect(together.sections[0]!.items[0]!.product.id).toBe(id['lamp-oz']);
    const similar = await previewPlacement(db(), { placement: 'product_similar', productId: id['sofa-ava']! }, 'req_2');
    expect(similar.sections.map((s) => s.id)).toEqual(['similar']);
    const home = await previewPlacement(db(), { placement: 'home' }, 'req_3');
    expect(home.personalized).toBe(false);
    expect(home.sections.length).toBeGreaterThan(0);
  });

  it('keeps one rule per product and placement, lists them with titles, and deletes them', async () => {
    const a = await setPlacementRule(db(), { placement: 'home', targetId: id['lamp-mo']!, action: 'pin' }, 'staff_1');
    const b = await setPlacementRule(db(), { placement: 'home', targetId: id['lamp-mo']!, action: 'boost', boost: 2 }, 'staff_1');
    expect(b.id).toBe(a.id);
    expect(b).toMatchObject({ action: 'boost', boost: 2 });
    const listed = await listPlacementRules(db(), { placement: 'home' });
    expect(listed).toEqual([expect.objectContaining({ id: a.id, targetTitle: 'Mo Floor Lamp', action: 'boost' })]);
    expect(await listPlacementRules(db(), { placement: 'cart' })).toEqual([]);
    await deletePlacementRule(db(), { id: a.id }, 'staff_1');
    expect(await db().recPlacementRule.count()).toBe(0);
    expect(await db().auditEvent.count({ where: { entity: 'rec_placement_rule', entityId: a.id } })).toBe(3);
  });

  it('rejects bad rules naming the field, and unknown products as not found', async () => {
    const issue = (raw: unknown) => placementRuleInput.safeParse(raw).error?.issues[0];
    expect(issue({ placement: 'footer', targetId: 'p1', action: 'pin' })).toMatchObject({
      path: ['placement'],
      message: 'placement must be one of home, product_similar, product_together, cart',
    });
    expect(issue({ placement: 'home', targetId: 'p1', action: 'boost' })).toMatchObject({ path: ['boost'] });
    expect(issue({ placement: 'home', targetId: 'p1', action: 'boost', boost: 9 })).toMatchObject({
      path: ['boost'],
      message: 'boost must be between 1.05 and 5',
    });
    expect(issue({ placement: 'home', targetId: 'p1', action: 'pin', boost: 2 })).toMatchObject({ path: ['boost'] });
    const err = await setPlacementRule(db(), { placement: 'home', targetId: 'prod_nope', action: 'pin' }, 'staff_1').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('NOT_FOUND');
    await expect(previewPlacement(db(), { placement: 'cart' }, 'req_4')).rejects.toThrow(/productId is required/);
  });
});
