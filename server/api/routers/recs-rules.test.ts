// The console's recommendation rules: find products, list a product's rules with titles, and
// preview its recommendations with the rules applied, without logging a decision.
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { flushDecisionLog } from '@/server/decisions/decision-log';
import type { Permission } from '@/server/modules/auth/permissions';
import { invalidateCatalog } from '@/server/modules/recommendations/catalog-snapshot';
import { seedLivingRoom } from '@/server/modules/recommendations/recs.fixtures';
import { resetActiveEmbedder } from '@/server/modules/search/active-embedder';
import { indexCatalog } from '@/server/modules/search/index-catalog';
import { clearSettingsCache } from '@/server/modules/search/settings-versions';
import { createContext } from '../init';
import { createCaller } from '../root';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let id: Record<string, string>;
const staff = (permissions: Permission[]) =>
  createCaller(
    createContext({ headers: new Headers(), db: db(), staff: { id: 'staff_1', email: 'm@example.com', permissions } }),
  );
const guest = () => createCaller(createContext({ headers: new Headers(), db: db() }));

beforeAll(async () => {
  clearSettingsCache();
  resetActiveEmbedder();
  id = await seedLivingRoom(db());
  await indexCatalog(db());
  invalidateCatalog(db());
}, 120_000);

describe('console recommendation rules', () => {
  it('finds products by title for catalog readers only, and names the bad field', async () => {
    const found = await staff(['catalog.read']).recs.findProducts({ q: 'floor lamp' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((p) => p.title.includes('Floor Lamp'))).toBe(true);
    expect(found[0]).toMatchObject({ category: 'Floor Lamps', inStock: true });
    await expect(guest().recs.findProducts({ q: 'lamp' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(staff(['catalog.read']).recs.findProducts({ q: '  ' })).rejects.toThrow(/q must not be empty/);
  });

  it('lists rules with titles and previews the product page with them applied, logging no decision', async () => {
    const writer = staff(['catalog.read', 'catalog.write']);
    await writer.recs.setRule({ productId: id['sofa-ava']!, targetId: id['lamp-nia']!, action: 'pin', position: 0 });
    await writer.recs.setRule({ productId: id['sofa-ava']!, targetId: id['sofa-bea']!, action: 'exclude' });
    const { product, rules } = await writer.recs.ruleList({ productId: id['sofa-ava']! });
    expect(product).toMatchObject({ id: id['sofa-ava'], title: 'Ava Velvet Sofa' });
    expect(rules.map((r) => [r.action, r.targetTitle])).toEqual([
      ['pin', 'Nia Floor Lamp'],
      ['exclude', 'Bea Velvet Sofa'],
    ]);

    await flushDecisionLog();
    const logged = await db().decisionLog.count();
    const preview = await writer.recs.preview({ productId: id['sofa-ava']!, limit: 6 });
    const first = preview.sections[0]!;
    expect(first.items[0]).toMatchObject({ product: { id: id['lamp-nia'] }, reason: 'Recommended by the store' });
    const shown = preview.sections.flatMap((s) => s.items.map((i) => i.product.id));
    expect(shown).not.toContain(id['sofa-bea']);
    expect(shown).not.toContain(id['sofa-ava']);
    await flushDecisionLog();
    expect(await db().decisionLog.count()).toBe(logged);
    await expect(staff([]).recs.preview({ productId: id['sofa-ava']! })).rejects.toBeInstanceOf(TRPCError);
  });
});
