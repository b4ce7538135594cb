// Trigger expressions, waitForEvent `if` and cancelOn conditions are CEL, as in Inngest.
import { parse } from '@marcbachmann/cel-js';

type Compiled = ReturnType<typeof parse>;
const cache = new Map<string, Compiled>();

/** Evaluates a CEL expression; an expression that errors (missing field, bad types) is false. */
export function evalCel(expression: string, vars: Record<string, unknown>): unknown {
  let compiled = cache.get(expression);
  if (!compiled) {
    compiled = parse(expression);
    cache.set(expression, compiled);
  }
  try {
    return compiled(vars);
  } catch {
    return undefined;
  }
}

export function celMatches(expression: string | null | undefined, vars: Record<string, unknown>): boolean {
  if (!expression) return true;
  return evalCel(expression, vars) === true;
}
