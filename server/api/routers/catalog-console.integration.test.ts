// Console → Catalog on a real database: the All / Active / Hidden / Out of stock filter with a
// count per filter; hiding (one or in bulk) takes products out of search (its index drops them)
// and recommendations; showing them again re-indexes them. Through the tRPC router, so the
// permission (catalog.write) and input errors are the real ones.
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { createContext } from '@/server/api/init';
import { createCaller } from '@/server/api/root';
import { useTestDatabase } from '@/server/db/testing';
import { staffAs } from '@/server/modules/auth/testing';
import { invalidateCatalog } from '@/server/modules/recommendations/catalog-snapshot';
import { recommendForProduct } from '@/server/modules/recommendations/recommend';
import { seedLivingRoom } from '@/server/modules/recommendations/recs.fixtures';
import { indexDocuments } from '@/server/modules/search/index-documents';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const caller = (role: 'merchandiser' | 'viewer') => createCaller(createContext({ headers: new Headers(), db: db(), staff: staffAs(role) }));

let living: Record<string, string>;
beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = db();
  setEventStoreDb(db());
  living = await seedLivingRoom(db());
  await indexDocuments(db(), { full: true });
  invalidateCatalog(db());
});

const indexed = async (id: string) => (await db().searchDocument.count({ where: { productId: id } })) === 1;
const similarTo = async (id: string) =>
  (await recommendForProduct(db(), { productId: id, limit: 20 }, { sessionKey: null, requestId: `req_${Date.now()}` })).sections.flatMap((s) =>
    s.items.map((i) => i.product.id),
  );

describe('console catalog', () => {
  it('filters all / active / hidden / out of stock with counts, and searches title or SKU', async () => {
    const total = await db().product.count();
    const page = await caller('viewer').catalog.consoleList({});
    expect(page.counts).toEqual({
      all: total,
      active: total - 1, // the fixture's archived "Hidden Sofa"
      hidden: 1,
      out_of_stock: 1, // "Gone Sofa"
    });
    expect(page.total).toBe(total);
    const hidden = await caller('viewer').catalog.consoleList({ filter: 'hidden' });
    expect(hidden.items.map((p) => [p.title, p.hidden])).toEqual([['Hidden Sofa', true]]);
    const out = await caller('viewer').catalog.consoleList({ filter: 'out_of_stock' });
    expect(out.items.map((p) => [p.title, p.stock])).toEqual([['Gone Sofa', 0]]);
    const q = await caller('viewer').catalog.consoleList({ q: 'SOFA', pageSize: 2 });
    expect(q.items).toHaveLength(2);
    expect(q.pages).toBe(Math.ceil(q.total / 2));
    expect(q.counts.hidden).toBe(1);
    const bad = await caller('viewer')
      .catalog.consoleList({ filter: 'deleted' as never })
      .catch((e: TRPCError) => e);
    expect((bad as TRPCError).code).toBe('BAD_REQUEST');
    expect((bad as TRPCError).message).toContain('filter must be all, active, hidden or out_of_stock');
  });

  it('hides in bulk (out of search and recommendations, audited), and showing re-indexes', async () => {
    const dora = living['sofa-dora']!;
    const cleo = living['sofa-cleo']!;
    const anchor = living['sectional-gia']!;
    expect(await indexed(dora)).toBe(true);
    expect(await similarTo(anchor)).toContain(dora);

    await expect(caller('viewer').catalog.setHidden({ productIds: [dora], hidden: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller('merchandiser').catalog.setHidden({ productIds: [dora, 'prod_nope'], hidden: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db().product.findUniqueOrThrow({ where: { id: dora } })).status).toBe('active');

    const r = await caller('merchandiser').catalog.setHidden({ productIds: [dora, cleo, living['sofa-hidden']!], hidden: true });
    expect(r.changed.sort()).toEqual([cleo, dora].sort());
    expect(r.unchanged).toEqual([living['sofa-hidden']]);
    expect((await caller('viewer').catalog.consoleList({ filter: 'hidden' })).counts.hidden).toBe(3);
    // Search is asked to re-index each changed product (the index-updated-product function runs indexCatalog).
    const events = await getDb().query<{ data: { productId: string } }>(`SELECT data FROM events WHERE name = 'catalog/product.updated'`);
    expect(events.rows.map((e) => e.data.productId).sort()).toEqual([cleo, dora].sort());
    await indexDocuments(db(), { ids: [dora, cleo] });
    expect(await indexed(dora)).toBe(false);
    expect(await indexed(cleo)).toBe(false);
    // Recommendations check live status: a hidden product is never recommended.
    const similar = await similarTo(anchor);
    expect(similar).not.toContain(dora);
    expect(similar).not.toContain(cleo);
    const audit = await db().auditEvent.findMany({ where: { action: 'catalog.product.hide' }, select: { entityId: true, actor: true } });
    expect(audit.map((a) => a.entityId).sort()).toEqual([cleo, dora].sort());

    // Show one again: back in the index and in recommendations.
    expect(await caller('merchandiser').catalog.setHidden({ productIds: [dora], hidden: false })).toEqual({ changed: [dora], unchanged: [] });
    await indexDocuments(db(), { ids: [dora] });
    expect(await indexed(dora)).toBe(true);
    expect(await similarTo(anchor)).toContain(dora);
    expect(await db().auditEvent.count({ where: { action: 'catalog.product.unhide', entityId: dora } })).toBe(1);
    const tooMany = await caller('merchandiser')
      .catalog.setHidden({ productIds: Array.from({ length: 101 }, (_, i) => `p${i}`), hidden: true })
      .catch((e: TRPCError) => e);
    expect((tooMany as TRPCError).code).toBe('BAD_REQUEST');
  });
});
