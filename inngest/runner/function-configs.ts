// What the runner needs from each function: the same config the SDK registers with a real
// Inngest server (triggers, retries, cancelOn, concurrency, idempotency, debounce), read
// through the SDK rather than re-derived, so both modes interpret one source of truth.
import type { InngestFunction } from 'inngest';
import { durationToMs } from 'inngest';

export type Trigger = { event?: string; expression?: string; cron?: string };

export type FunctionConfig = {
  id: string;
  name: string;
  triggers: Trigger[];
  maxAttempts: number;
  cancel: { event: string; if?: string; timeout?: string }[];
  concurrencyLimit?: number;
  idempotency?: string;
  debounce?: { key?: string; periodMs: number };
};

type RawConfig = {
  id: string;
  name?: string;
  triggers: Trigger[];
  steps: Record<string, { retries?: { attempts?: number } }>;
  cancel?: { event: string; if?: string; timeout?: string }[];
  concurrency?: number | { limit: number } | { limit: number }[];
  idempotency?: string;
  debounce?: { key?: string; period: string | number };
};

// Inngest's default: 3 retries after the first attempt.
const DEFAULT_RETRIES = 3;

function concurrencyLimit(c: RawConfig['concurrency']): number | undefined {
  if (c === undefined) return undefined;
  if (typeof c === 'number') return c;
  const first = Array.isArray(c) ? c[0] : c;
  return first?.limit || undefined;
}

export function functionConfigs(appId: string, functions: InngestFunction.Any[]): Map<string, FunctionConfig> {
  const out = new Map<string, FunctionConfig>();
  for (const fn of functions) {
    const getConfig = (fn as unknown as { getConfig: (o: { baseUrl: URL; appPrefix: string }) => RawConfig[] }).getConfig.bind(fn);
    for (const raw of getConfig({ baseUrl: new URL('http://embedded.local/api/inngest'), appPrefix: appId })) {
      const retries = raw.steps.step?.retries?.attempts ?? DEFAULT_RETRIES;
      out.set(raw.id, {
        id: raw.id,
        name: raw.name ?? raw.id,
        triggers: raw.triggers,
        maxAttempts: retries + 1,
        cancel: raw.cancel ?? [],
        concurrencyLimit: concurrencyLimit(raw.concurrency),
        idempotency: raw.idempotency,
        debounce: raw.debounce ? { key: raw.debounce.key, periodMs: durationToMs(raw.debounce.period) } : undefined,
      });
    }
  }
  return out;
}

/** Inngest event names may end in `*` (a prefix match). */
export function eventMatchesName(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}
