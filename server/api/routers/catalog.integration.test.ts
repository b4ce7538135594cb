// A console edit through the tRPC router: the same zod errors as the import, the default
// variant's price and stock, hidden as draft, an audit row, a reindex event, and the next
// import of the original file re-applying it.
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { createContext } from '@/server/api/init';
import { createCaller } from '@/server/api/root';
import { useTestDatabase } from '@/server/db/testing';
import { staffAs } from '@/server/modules/auth/testing';
import { importChunk, beginImport, finishImport } from '@/server/modules/catalog/import/run-import';
import { startImport } from '@/server/modules/catalog/import/start-import';

const getDb = useTestDatabase();
const caller = (role: 'merchandiser' | 'viewer') => createCaller(createContext({ headers: new Headers(), db: getDb().prisma, staff: staffAs(role) }));
const CSV = 'sku,title,description,category_path,price,stock\nED-1,Rattan Armchair,Woven rattan,Furniture / Chairs,320.00,6';

async function importNow() {
  const { importId } = await startImport(getDb().prisma, { format: 'csv', content: CSV }, { source: 'console', publish: async () => undefined });
  const { chunks } = await beginImport(getDb().prisma, importId);
  for (let i = 0; i < chunks; i++) await importChunk(getDb().prisma, importId, i);
  return finishImport(getDb().prisma, importId);
}

beforeAll(() => {
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  setEventStoreDb(getDb().prisma);
});

describe('editing a product', () => {
  it('updates fields, hides it, audits and asks search to reindex', async () => {
    expect(await importNow()).toMatchObject({ created: 1 });
    const { productId } = await getDb().prisma.productVariant.findUniqueOrThrow({ where: { sku: 'ED-1' } });
    const before = await caller('viewer').catalog.editable({ productId });
    expect(before).toMatchObject({ sku: 'ED-1', title: 'Rattan Armchair', priceCents: 32_000, stock: 6, hidden: false });

    const after = await caller('merchandiser').catalog.update({ productId, title: 'Rattan Lounge Armchair', description: 'Woven rattan, deep seat', priceCents: 29_900, stock: 2, hidden: true });
    expect(after).toMatchObject({ title: 'Rattan Lounge Armchair', priceCents: 29_900, stock: 2, hidden: true, status: 'draft' });
    const audit = await getDb().query<{ action: string; entity_id: string }>(`SELECT action, entity_id FROM audit_events WHERE action = 'catalog.product.update'`);
    expect(audit.rows).toEqual([{ action: 'catalog.product.update', entity_id: productId }]);
    const events = await getDb().query<{ name: string; data: { productId: string } }>(`SELECT name, data FROM events WHERE name = 'catalog/product.updated'`);
    expect(events.rows.map((e) => e.data.productId)).toEqual([productId]);

    // The edit made the product differ from the file: importing the file again restores it.
    expect(await importNow()).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(await caller('viewer').catalog.editable({ productId })).toMatchObject({ title: 'Rattan Armchair', priceCents: 32_000, hidden: false });
    expect(await importNow()).toMatchObject({ unchanged: 1 });
  });

  it('refuses bad values with the import schema’s messages, and viewers', async () => {
    const { productId } = await getDb().prisma.productVariant.findUniqueOrThrow({ where: { sku: 'ED-1' } });
    const err = await caller('merchandiser')
      .catalog.update({ productId, title: '', description: '', priceCents: 0, stock: -1, hidden: false })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('BAD_REQUEST');
    const issues = ((err as TRPCError).cause as ZodError).issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(['title: is required', 'priceCents: must be more than 0', 'stock: must be 0 or more']);
    const denied = await caller('viewer').catalog.update({ productId, title: 'x', description: '', priceCents: 1, stock: 0, hidden: false }).catch((e: TRPCError) => e.code);
    expect(denied).toBe('FORBIDDEN');
    await expect(caller('merchandiser').catalog.editable({ productId: 'prod_missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
