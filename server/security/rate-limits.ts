// Abuse limits on the public doors, shared across app instances: counters live in Postgres
// (rate-limiter-flexible's Prisma store on the app's own client, its write as one statement on
// the client's pg pool: ADR 037), with an in-memory limiter as insurance when the database is
// unreachable. Over the limit → RateLimitedError → 429 with
// Retry-After (REST) or TOO_MANY_REQUESTS (tRPC).
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import { getDb, type Db } from '@/server/db/client';
import { hotQuery, hotSql } from '@/server/db/hot-sql';
import { DomainError } from '@/server/errors';

export class RateLimitedError extends DomainError {
  constructor(
    readonly limiter: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} s`, { limiter, retryAfterSeconds });
  }
}

const envInt = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** Points per window, per client address. Generous for people, tight for scripts. */
export const LIMITS = {
  search: { points: () => envInt('RATE_LIMIT_SEARCH_PER_MIN', 240), duration: 60 },
  checkout: { points: () => envInt('RATE_LIMIT_CHECKOUT_PER_MIN', 20), duration: 60 },
  rest: { points: () => envInt('RATE_LIMIT_REST_PER_MIN', 600), duration: 60 },
} as const;
export type LimiterName = keyof typeof LIMITS;

/**
 * The Prisma store with its write (the library's delete of an expired row, then an upsert that
 * increments: two Prisma statements, ~3 ms of CPU per checkout) as one statement on the pool.
 * Same rule: an expired window starts again at the points taken; any other row is incremented
 * in the database, so concurrent requests are all counted. Reads, deletes and blocks stay the
 * library's (Prisma).
 */
class HotRateLimiter extends RateLimiterPrisma {
  constructor(
    private readonly db: Db,
    opts: ConstructorParameters<typeof RateLimiterPrisma>[0],
  ) {
    super(opts);
  }

  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<{ points: number; expire: number | null }> {
    const now = Date.now();
    const expire = msDuration > 0 ? new Date(now + msDuration) : null;
    const rows = await hotQuery<{ points: number; expire: number | null }>(this.db, hotSql`
      INSERT INTO rate_limits AS r (key, points, expire) VALUES (${key}::text, ${points}::int, ${expire}::timestamptz)
      ON CONFLICT (key) DO UPDATE SET
        points = CASE WHEN ${forceExpire}::boolean OR r.expire <= ${new Date(now)}::timestamptz THEN EXCLUDED.points ELSE r.points + EXCLUDED.points END,
        expire = CASE WHEN ${forceExpire}::boolean OR r.expire <= ${new Date(now)}::timestamptz THEN EXCLUDED.expire ELSE r.expire END
      RETURNING r.points::int AS points, (extract(epoch FROM r.expire) * 1000)::float8 AS expire`);
    return rows[0]!;
  }
}

type Limiter = { limiter: RateLimiterPrisma; db: Db; points: number };
const store = globalThis as unknown as { __rateLimiters?: Map<string, Limiter> };

function limiterFor(name: LimiterName, db: Db): Limiter {
  store.__rateLimiters ??= new Map();
  const points = LIMITS[name].points();
  const cached = store.__rateLimiters.get(name);
  if (cached && cached.db === db && cached.points === points) return cached;
  const limiter = new HotRateLimiter(db, {
    storeClient: db,
    tableName: 'rateLimit',
    keyPrefix: name,
    points,
    duration: LIMITS[name].duration,
    clearExpiredByTimeout: false,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${name}-insurance`, points, duration: LIMITS[name].duration }),
  });
  const entry = { limiter, db, points };
  store.__rateLimiters.set(name, entry);
  return entry;
}

/** Takes one point for `key` (a client address); throws RateLimitedError when none is left. */
export async function consumeRateLimit(name: LimiterName, key: string, db: Db = getDb()): Promise<void> {
  if (process.env.RATE_LIMITS === 'off') return;
  // Without a client address (no proxy setting X-Forwarded-For in front of the app) every
  // shopper would share one bucket and a busy store would throttle itself: skip instead.
  // Production deployments sit behind a proxy or load balancer that sets the header.
  if (!key || key === 'unknown') return;
  try {
    await limiterFor(name, db).limiter.consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw new RateLimitedError(name, Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
    throw err;
  }
}

/** Retry-After for a 429, when the error says how long. */
export function retryAfterHeader(err: unknown): Record<string, string> {
  return err instanceof RateLimitedError ? { 'retry-after': String(err.retryAfterSeconds) } : {};
}
