import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { applyEvent, loadNeighbours, rebuildCooccurrence } from './cooc-store';
import { logEvents, seedLivingRoom } from './recs.fixtures';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27, 12);
let id: Record<string, string>;

beforeAll(async () => {
  id = await seedLivingRoom(db());
});

async function pair(signal: string, a: string, b: string) {
  return db().recItemPair.findUnique({
    where: { signal_productId_otherId: { signal, productId: id[a]!, otherId: id[b]! } },
  });
}
async function stat(signal: string, a: string) {
  return (
    await db().recItemStat.findUnique({ where: { signal_productId: { signal, productId: a === '*' ? '*' : id[a]! } } })
  )?.weight;
}

describe('co-occurrence from a hand-built event log', () => {
  it('counts sessions per pair and normalises by cosine (no decay)', async () => {
    const t = NOW - 2 * DAY;
    const A = 'sofa-ava',
      B = 'sofa-bea',
      C = 'table-iris',
      D = 'lamp-mo';
    await logEvents(db(), [
      ['v_S1', 'shopper/page.viewed', id[A]!, t],
      ['v_S1', 'shopper/page.viewed', id[B]!, t + 60_000],
      ['v_S1', 'shopper/page.viewed', id[C]!, t + 120_000],
      ['v_S1', 'shopper/page.viewed', id[A]!, t + 180_000], // a repeat view counts once per session
      ['v_S2', 'shopper/page.viewed', id[A]!, t],
      ['v_S2', 'shopper/page.viewed', id[B]!, t + 60_000],
      ['v_S3', 'shopper/page.viewed', id[A]!, t],
      ['v_S3', 'shopper/page.viewed', id[D]!, t + 60_000],
      ['v_S3', 'shopper/cart.item_added', id[A]!, t + 120_000],
      ['v_S3', 'shopper/checkout.completed', [id[A]!, id[D]!], t + 180_000],
      // The same visitor three hours later is a new session: A and C do not pair with S3's first visit.
      ['v_S3', 'shopper/page.viewed', id[C]!, t + 3 * 3600_000],
    ]);
    const r = await rebuildCooccurrence(db(), {
      now: new Date(NOW),
      params: { halfLifeDays: 0, normalisation: 'cosine' },
    });
    expect(r.sessions).toBe(4);
    expect(await stat('view', A)).toBe(3);
    expect(await stat('view', B)).toBe(2);
    expect(await stat('view', C)).toBe(2);
    expect(await stat('view', '*')).toBe(4);
    expect(await pair('view', A, B)).toMatchObject({ weight: 2 });
    expect((await pair('view', A, B))!.score).toBeCloseTo(2 / Math.sqrt(3 * 2), 6);
    expect((await pair('view', B, A))!.score).toBeCloseTo(2 / Math.sqrt(6), 6);
    expect((await pair('view', A, C))!.score).toBeCloseTo(1 / Math.sqrt(3 * 2), 6);
    expect((await pair('view', A, D))!.score).toBeCloseTo(1 / Math.sqrt(3 * 1), 6);
    expect(await pair('view', C, D)).toBeNull();
    // Cart and checkout in one session: A and D were bought together once.
    expect(await pair('buy', A, D)).toMatchObject({ weight: 1, score: 1 });
    const [list] = [...(await loadNeighbours(db(), 'view', [id[A]!])).values()];
    expect(list!.map((x) => x[0])).toEqual([id[B], id[D], id[C]]);
  });

  it('normalises by lift and decays old sessions by their half-life', async () => {
    const A = 'sofa-ava',
      B = 'sofa-bea';
    await rebuildCooccurrence(db(), { now: new Date(NOW), params: { halfLifeDays: 0, normalisation: 'lift' } });
    // lift = w·N / (n_A·n_B) = 2·4 / (3·2)
    expect((await pair('view', A, B))!.score).toBeCloseTo((2 * 4) / (3 * 2), 6);
    // Two days old with a two-day half-life: every session counts one half.
    await rebuildCooccurrence(db(), { now: new Date(NOW), params: { halfLifeDays: 2, normalisation: 'cosine' } });
    expect((await pair('view', A, B))!.weight).toBeCloseTo(1, 2);
    expect(await stat('view', A)).toBeCloseTo(1.5, 2);
    expect((await pair('view', A, B))!.score).toBeCloseTo(1 / Math.sqrt(1.5 * 1), 2);
  });

  it('applies new add-to-carts incrementally, once per event id', async () => {
    await rebuildCooccurrence(db(), { now: new Date(NOW), params: { halfLifeDays: 0 } });
    const N = (await stat('buy', '*'))!;
    const t = NOW + 60_000;
    const first = {
      id: 'evt_cart_8',
      name: 'shopper/cart.item_added',
      data: { sessionKey: 'v_S9', productId: id['table-jun']! },
      ts: new Date(t),
    };
    const second = {
      id: 'evt_cart_9',
      name: 'shopper/cart.item_added',
      data: { sessionKey: 'v_S9', productId: id['lamp-nia']! },
      ts: new Date(t + 1000),
    };
    for (const e of [first, second]) await db().event.create({ data: { ...e, processedAt: new Date() } });
    expect(await applyEvent(db(), first)).toEqual({ applied: true, pairs: 0 });
    expect(await applyEvent(db(), second)).toEqual({ applied: true, pairs: 2 });
    expect(await applyEvent(db(), second)).toEqual({ applied: false, pairs: 0 });
    expect(await stat('buy', 'lamp-nia')).toBe(1);
    expect(await stat('buy', 'table-jun')).toBe(1);
    expect(await stat('buy', '*')).toBe(N + 1); // one new session
    expect(await pair('buy', 'lamp-nia', 'table-jun')).toMatchObject({ weight: 1, score: 1 });
    expect(await pair('buy', 'table-jun', 'lamp-nia')).toMatchObject({ weight: 1, score: 1 });
  });
});
