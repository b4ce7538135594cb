// Counts the statements this process sends to Postgres (every pg.Client query, including
// BEGIN/COMMIT), so a test or benchmark can measure round trips per operation. Patches the
// pg client's prototype once; only tests and benchmarks call it.
import pg from 'pg';

export type QueryCounter = {
  /** Statements sent since the last reset, with their first words (for a breakdown). */
  count: () => number;
  statements: () => string[];
  reset: () => void;
};

let installed: { n: number; log: string[] } | null = null;

export function installQueryCounter(): QueryCounter {
  if (!installed) {
    const state = { n: 0, log: [] as string[] };
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function patched(this: pg.Client, ...args: unknown[]) {
      state.n++;
      const first = args[0];
      const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
      state.log.push(text ? text.replace(/\s+/g, ' ').trim().slice(0, 120) : `(${typeof first}: ${Object.keys((first as object) ?? {}).join(',')})`);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    installed = state;
  }
  const s = installed;
  return {
    count: () => s.n,
    statements: () => [...s.log],
    reset: () => {
      s.n = 0;
      s.log = [];
    },
  };
}
