// Implementations are code, versions are data: a model version names an implementation key
// and carries its params; the module that owns the logic registers the function here.
import type { Db } from '@/server/db/client';

export type ImplementationContext = { db: Db; requestId: string | null; signal: AbortSignal };

export type ImplementationResult<O = unknown> = {
  output: O;
  /** 0–1, when the implementation has a notion of it. */
  confidence?: number | null;
  /** One number per decision whose distribution drift is watched (top score, risk score…). */
  score?: number | null;
  /** Top contributing factors or rules fired, for the decision log. */
  explanation?: unknown[];
  features?: Record<string, unknown>;
  /** What the log and shadow comparison keep of the output when the output itself is large. */
  logOutput?: unknown;
  /** Hosted-model usage behind this decision (provider calls, inputs such as tokens), for cost per decision. */
  usage?: { providerCalls?: number; providerInputs?: number };
};

export type Implementation<I = unknown, O = unknown> = (
  input: I,
  params: Record<string, unknown>,
  ctx: ImplementationContext,
) => Promise<ImplementationResult<O>>;

const registry = new Map<string, Implementation>();

export function registerImplementation<I, O>(key: string, fn: Implementation<I, O>): void {
  registry.set(key, fn as Implementation);
}

export function getImplementation(key: string): Implementation | undefined {
  return registry.get(key);
}

export class UnknownImplementationError extends Error {
  constructor(key: string) {
    super(`no implementation registered for ${key}`);
    this.name = 'UnknownImplementationError';
  }
}
