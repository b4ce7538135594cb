// Abuse limits on the public doors, shared across app instances: counters live in Postgres
// (rate-limiter-flexible's Prisma store on the app's own client), with an in-memory limiter as
// insurance when the database is unreachable. Over the limit → RateLimitedError → 429 with
// Retry-After (REST) or TOO_MANY_REQUESTS (tRPC).
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import { getDb, type Db } from '@/server/db/client';
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

type Limiter = { limiter: RateLimiterPrisma; db: Db; points: number };
const store = globalThis as unknown as { __rateLimiters?: Map<string, Limiter> };

function limiterFor(name: LimiterName, db: Db): Limiter {
  store.__rateLimiters ??= new Map();
  const points = LIMITS[name].points();
  const cached = store.__rateLimiters.get(name);
  if (cached && cached.db === db && cached.points === points) return cached;
  const limiter = new RateLimiterPrisma({
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
