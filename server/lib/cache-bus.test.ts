// Two cache-bus clients on one real Postgres server, as two app instances would be: a change
// published by one clears the other's caches within a bounded time, by NOTIFY or, without
// LISTEN (the embedded database), by the version check; nothing is sent for a rolled-back change.
import { afterAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { CacheHandlers, createCacheBus, publishInvalidation, type CacheBus } from './cache-bus';

const getDb = useTestDatabase();
const buses: CacheBus[] = [];
afterAll(async () => {
  for (const b of buses) await b.stop();
});

function instance(opts: { listen: boolean; pollMs: number }) {
  const handlers = new CacheHandlers();
  const bus = createCacheBus({ db: () => getDb().prisma, listenUrl: opts.listen ? getDb().url : undefined, pollMs: opts.pollMs, handlers });
  buses.push(bus);
  const seen: { topic: string; at: number }[] = [];
  for (const topic of ['models.serving', 'search.settings']) handlers.on(topic, () => seen.push({ topic, at: Date.now() }));
  return { handlers, bus, seen };
}

async function waitFor(pred: () => boolean, ms: number): Promise<number> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - t0;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('cache bus across instances', () => {
  it('clears the publisher at once and the other instance within a second via NOTIFY', async () => {
    // Version checks every minute: only the notification can be this fast.
    const a = instance({ listen: true, pollMs: 60_000 });
    const b = instance({ listen: true, pollMs: 60_000 });
    await Promise.all([a.bus.ready, b.bus.ready]);
    await publishInvalidation(getDb().prisma, 'models.serving', a.handlers);
    expect(a.seen.map((s) => s.topic)).toEqual(['models.serving']);
    const ms = await waitFor(() => b.seen.length > 0, 1_000);
    expect(b.seen.map((s) => s.topic)).toEqual(['models.serving']);
    expect(ms).toBeLessThan(1_000);
    const row = await getDb().prisma.cacheVersion.findUniqueOrThrow({ where: { topic: 'models.serving' } });
    expect(row.version).toBe(1n);
  });

  it('reaches an instance without LISTEN through the version check', async () => {
    const a = instance({ listen: true, pollMs: 60_000 });
    const c = instance({ listen: false, pollMs: 100 });
    await Promise.all([a.bus.ready, c.bus.ready]);
    await publishInvalidation(getDb().prisma, 'search.settings', a.handlers);
    await waitFor(() => c.seen.length > 0, 1_000);
    expect(c.seen.map((s) => s.topic)).toEqual(['search.settings']);
  });

  it('tells nobody about a change whose transaction rolled back', async () => {
    const a = instance({ listen: true, pollMs: 60_000 });
    const b = instance({ listen: true, pollMs: 100 });
    await Promise.all([a.bus.ready, b.bus.ready]);
    await getDb()
      .prisma.$transaction(async (tx) => {
        await publishInvalidation(tx, 'search.settings', a.handlers);
        throw new Error('abort');
      })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
    expect(b.seen).toEqual([]);
    // The publisher cleared its own copy anyway: a spurious reload is harmless, a stale one is not.
    expect(a.seen).toHaveLength(1);
  });
});
