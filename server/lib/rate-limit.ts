// A small in-memory token bucket per key (client IP). Per process: behind several app
// instances each enforces its own share, which is enough to blunt a runaway client.
export type TokenBucket = { take: (key: string, tokens?: number) => { ok: boolean; retryAfterMs: number } };

export function createTokenBucket(opts: { capacity: number; refillPerSec: number; maxKeys?: number; now?: () => number }): TokenBucket {
  const now = opts.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const maxKeys = opts.maxKeys ?? 10_000;
  return {
    take(key, tokens = 1) {
      const t = now();
      const b = buckets.get(key) ?? { tokens: opts.capacity, at: t };
      b.tokens = Math.min(opts.capacity, b.tokens + ((t - b.at) / 1000) * opts.refillPerSec);
      b.at = t;
      // Re-insert so the Map's order is least-recently-used first.
      buckets.delete(key);
      buckets.set(key, b);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
      if (b.tokens >= tokens) {
        b.tokens -= tokens;
        return { ok: true, retryAfterMs: 0 };
      }
      return { ok: false, retryAfterMs: Math.ceil(((tokens - b.tokens) / opts.refillPerSec) * 1000) };
    },
  };
}

/** The client address as the nearest proxy reports it. */
export function clientIp(headers: Headers): string {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip') || 'unknown';
}
