// Sign-in history move with two "devices": what a visitor browsed and searched anonymously on
// a device becomes the shopper's when they sign in there, so recommendations on their other
// device follow it; not when personalization is off on the device.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { recentEventsOfSession } from '@/server/modules/events/read-shopper-events';
import { invalidateCatalog } from '@/server/modules/recommendations/catalog-snapshot';
import { recommendForHome } from '@/server/modules/recommendations/recommend';
import { logEvents, seedLivingRoom } from '@/server/modules/recommendations/recs.fixtures';
import { LEARNING_EVENTS } from '@/server/modules/recommendations/shopper-events';
import { recentQueriesOfSession } from '@/server/modules/search/recent-queries';
import { HISTORY_MOVE_DAYS } from './move-history';
import { signInShopper, signUpShopper } from './sign-in';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const device = (n: number) => `v_01JHISTORY0000000000000${String(n).padStart(2, '0')}`;
const client = (n: number, personalizationOff = false) => ({ ip: `10.2.0.${n}`, userAgent: `device ${n}`, sessionKey: device(n), personalizationOff });
const PASSWORD = 'correct horse battery';
const since = new Date(0);

let living: Record<string, string>;
beforeAll(async () => {
  living = await seedLivingRoom(db());
  invalidateCatalog(db());
});

async function search(sessionKey: string, query: string, at: Date) {
  await db().searchEvent.create({ data: { id: `se_${sessionKey}_${at.getTime()}`, type: 'query', sessionKey, query, queryNorm: query, createdAt: at } });
}

const eventsOf = async (key: string) => (await recentEventsOfSession(db(), key, { names: LEARNING_EVENTS, since, limit: 100 })).length;

describe('sign-in history move', () => {
  it('moves the device’s anonymous views and searches to the shopper, so their other device’s home page follows', async () => {
    // Device 1 (phone): the shopper's account, nothing viewed yet.
    const phone = await signUpShopper(db(), { email: 'jo@example.com', password: PASSWORD }, { ...client(1), sessionKey: null });
    const before = await recommendForHome(db(), { limit: 6 }, { sessionKey: phone.visitorKey, requestId: 'req_before' });
    expect(before.sections.map((s) => s.id)).not.toContain('because-you-viewed');

    // Device 2 (laptop), anonymous: views two sofas and searches; one old view outside the window.
    const t = Date.now() - 60_000;
    await logEvents(db(), [
      [device(2), 'shopper/page.viewed', living['sofa-cleo']!, t],
      [device(2), 'shopper/page.viewed', living['sofa-dora']!, t + 1000],
      [device(2), 'shopper/page.viewed', living['sofa-cleo']!, Date.now() - (HISTORY_MOVE_DAYS + 5) * 86_400_000],
    ]);
    await search(device(2), 'velvet sofa', new Date(t + 2000));
    // Someone else's anonymous history is never touched.
    await logEvents(db(), [[device(3), 'shopper/page.viewed', living['sofa-cleo']!, t]]);

    const laptop = await signInShopper(db(), { email: 'jo@example.com', password: PASSWORD }, client(2));
    expect(laptop.history).toEqual({ events: 2, searches: 1, skipped: null });
    expect(await eventsOf(phone.visitorKey)).toBe(2);
    expect(await eventsOf(device(2))).toBe(1); // the one outside the window stays
    expect(await eventsOf(device(3))).toBe(1);
    expect((await recentQueriesOfSession(db(), phone.visitorKey, { since, limit: 5 })).map((q) => q.query)).toEqual(['velvet sofa']);
    expect(await recentQueriesOfSession(db(), device(2), { since, limit: 5 })).toEqual([]);

    // Back on the phone (same visitor key on every signed-in device): the laptop's browsing counts.
    const after = await recommendForHome(db(), { limit: 6 }, { sessionKey: phone.visitorKey, requestId: 'req_after' });
    expect(after.personalized).toBe(true);
    expect(after.sections[0]!.id).toBe('recently-viewed');
    expect(after.sections.find((s) => s.id === 'because-you-viewed')?.title).toBe('Because you viewed Dora Velvet Sofa');

    // Signing in again on the laptop (already the shopper's key) moves nothing.
    const again = await signInShopper(db(), { email: 'jo@example.com', password: PASSWORD }, { ...client(2), sessionKey: laptop.visitorKey });
    expect(again.history).toEqual({ events: 0, searches: 0, skipped: 'same_key' });
  });

  it('leaves the history where it is when personalization is off on the device', async () => {
    const up = await signUpShopper(db(), { email: 'kit@example.com', password: PASSWORD }, { ...client(4), sessionKey: null });
    const t = Date.now() - 60_000;
    await logEvents(db(), [[device(5), 'shopper/page.viewed', living['sofa-dora']!, t]]);
    await search(device(5), 'armchair', new Date(t));
    const s = await signInShopper(db(), { email: 'kit@example.com', password: PASSWORD }, client(5, true));
    expect(s.history).toEqual({ events: 0, searches: 0, skipped: 'personalization_off' });
    expect(await eventsOf(up.visitorKey)).toBe(0);
    expect(await eventsOf(device(5))).toBe(1);
    expect((await recentQueriesOfSession(db(), device(5), { since, limit: 5 })).length).toBe(1);
    const home = await recommendForHome(db(), { limit: 6 }, { sessionKey: up.visitorKey, requestId: 'req_off' });
    expect(home.sections.map((x) => x.id)).not.toContain('because-you-viewed');
  });
});
