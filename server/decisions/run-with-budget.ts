// Runs one implementation under a latency budget. The implementation gets an AbortSignal so
// it can stop work nobody will wait for; the caller gets a classified failure, never a hang.
import type { Db } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { ZodError } from 'zod';
import type { ErrorClass } from './decision-log';
import { getImplementation, UnknownImplementationError, type ImplementationResult } from './implementations';

export type Attempt =
  | { ok: true; result: ImplementationResult; latencyMs: number }
  | { ok: false; errorClass: ErrorClass; error: unknown; latencyMs: number };

export class DecisionTimeoutError extends Error {
  constructor(budgetMs: number) {
    super(`decision exceeded its ${budgetMs} ms budget`);
    this.name = 'DecisionTimeoutError';
  }
}

export async function runWithBudget(
  implementationKey: string,
  input: unknown,
  params: Record<string, unknown>,
  ctx: { db: Db; requestId: string | null },
  budgetMs: number | null,
): Promise<Attempt> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    const fn = getImplementation(implementationKey);
    if (!fn) throw new UnknownImplementationError(implementationKey);
    const run = fn(input, params, { ...ctx, signal: controller.signal });
    const result =
      budgetMs === null
        ? await run
        : await Promise.race([
            run,
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => {
                controller.abort();
                reject(new DecisionTimeoutError(budgetMs));
              }, budgetMs);
            }),
          ]);
    return { ok: true, result, latencyMs: performance.now() - started };
  } catch (error) {
    return { ok: false, errorClass: classify(error), error, latencyMs: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** A rejected input is the caller's problem (4xx, no fallback); anything else is the model's. */
export function classify(error: unknown): ErrorClass {
  if (error instanceof DecisionTimeoutError) return 'timeout';
  if (error instanceof ZodError || error instanceof DomainError) return 'validation';
  return 'model_error';
}
