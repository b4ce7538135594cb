// Cross-instance cache invalidation. Modules keep small in-process caches (serving versions,
// search settings, running experiments); when one instance changes what they cache, every
// instance must drop its copy. A change calls `publishInvalidation(db, topic)`: local caches
// clear at once, the topic's row in cache_versions is bumped and a NOTIFY goes out (both
// delivered on commit when `db` is a transaction). Each process's bus LISTENs and clears its
// caches on the notification; it also compares cache_versions periodically, which catches a
// missed notification (a reconnect) and is the only path on the embedded database, whose
// socket server is not proven with a second long-lived connection (ADR 001).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '@/server/db/client';
import { logger } from '@/server/observability/logger';

export const CACHE_CHANNEL = 'cache_invalidate';

export type CacheTopic =
  | 'models.serving'
  | 'policies.published'
  | 'search.settings'
  | 'search.index'
  | 'search.embedder'
  | 'experiments.running'
  | (string & {});

type Handler = () => void;

/** Handlers per topic. Process-wide by default, on globalThis: Next may load a module once per bundle. */
export class CacheHandlers {
  private readonly byTopic = new Map<string, Set<Handler>>();
  /** Rides on this process's notifications, so its own bus does not clear what it just cleared. */
  readonly origin = randomBytes(6).toString('hex');
  on(topic: CacheTopic, fn: Handler): () => void {
    const set = this.byTopic.get(topic) ?? new Set();
    set.add(fn);
    this.byTopic.set(topic, set);
    return () => set.delete(fn);
  }
  run(topic: string): number {
    const set = this.byTopic.get(topic);
    for (const fn of set ?? []) {
      try {
        fn();
      } catch (err) {
        logger.error({ err, topic }, 'cache invalidation handler failed');
      }
    }
    return set?.size ?? 0;
  }
}

const global = globalThis as { __cacheHandlers?: CacheHandlers; __cacheBus?: CacheBus };
const processHandlers = (global.__cacheHandlers ??= new CacheHandlers());

/** Registers a cache's clear function for a topic (at module load). */
export function onInvalidate(topic: CacheTopic, fn: Handler): () => void {
  return processHandlers.on(topic, fn);
}

/** Clears this process's caches for the topic and tells every other instance to. */
export async function publishInvalidation(db: Db, topic: CacheTopic, handlers: CacheHandlers = processHandlers): Promise<void> {
  handlers.run(topic);
  await db.$executeRawUnsafe(
    `INSERT INTO cache_versions (topic, version, updated_at) VALUES ($1, 1, now())
     ON CONFLICT (topic) DO UPDATE SET version = cache_versions.version + 1, updated_at = now()`,
    topic,
  );
  await db.$executeRawUnsafe(`SELECT pg_notify($1, $2)`, CACHE_CHANNEL, `${topic} ${handlers.origin}`);
}

export type CacheBusOptions = {
  /** For the version check (the app's client). */
  db: () => Db;
  /** LISTEN on a dedicated connection to this URL; omit (embedded database) to rely on the version check. */
  listenUrl?: string;
  /** Version-check period (CACHE_BUS_POLL_MS; default 5 s with LISTEN, 1 s without). */
  pollMs?: number;
  handlers?: CacheHandlers;
};

export type CacheBus = {
  /** Resolves once listening (or immediately without LISTEN) and the first versions are read. */
  ready: Promise<void>;
  stop: () => Promise<void>;
};

export function createCacheBus(opts: CacheBusOptions): CacheBus {
  const handlers = opts.handlers ?? processHandlers;
  const pollMs = opts.pollMs ?? Number(process.env.CACHE_BUS_POLL_MS ?? (opts.listenUrl ? 5_000 : 1_000));
  const seen = new Map<string, bigint>();
  let stopped = false;
  let client: pg.Client | undefined;
  let reconnect: NodeJS.Timeout | undefined;

  async function checkVersions(initial = false) {
    const rows = await opts.db().$queryRawUnsafe<{ topic: string; version: bigint }[]>(`SELECT topic, version FROM cache_versions`);
    for (const r of rows) {
      const before = seen.get(r.topic);
      seen.set(r.topic, BigInt(r.version));
      if (!initial && before !== BigInt(r.version)) handlers.run(r.topic);
    }
  }

  async function listen(): Promise<void> {
    if (!opts.listenUrl || stopped) return;
    const c = new pg.Client({ connectionString: opts.listenUrl, application_name: 'cache-bus' });
    c.on('notification', (msg) => {
      if (msg.channel !== CACHE_CHANNEL || !msg.payload) return;
      // "<topic> <origin>" (a bare topic from an older instance): the publisher already cleared its own.
      const [topic, origin] = msg.payload.split(' ');
      if (topic && origin !== handlers.origin) handlers.run(topic);
    });
    const retry = (err?: unknown) => {
      if (stopped || client !== c) return;
      logger.warn({ err }, 'cache bus connection lost; reconnecting');
      client = undefined;
      void c.end().catch(() => undefined);
      reconnect = setTimeout(() => void listen().catch(retry), 1_000);
    };
    c.on('error', retry);
    c.on('end', () => retry());
    client = c;
    await c.connect();
    await c.query(`LISTEN ${CACHE_CHANNEL}`);
    // Changes made while we were not listening are caught by comparing versions.
    await checkVersions().catch(() => undefined);
  }

  const timer = setInterval(() => void checkVersions().catch((err: unknown) => logger.warn({ err }, 'cache version check failed')), pollMs);
  timer.unref();
  const ready = checkVersions(true)
    .catch(() => undefined)
    .then(() => listen());

  return {
    ready,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(reconnect);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}

/** Starts the process's bus once (instrumentation.ts, the worker). */
export function startCacheBus(opts: Omit<CacheBusOptions, 'handlers'>): CacheBus {
  global.__cacheBus ??= createCacheBus(opts);
  return global.__cacheBus;
}
