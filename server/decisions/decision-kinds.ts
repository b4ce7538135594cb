// Per-kind serving rules: what serves when the registry has no production version (the
// built-in), the latency budget, and the safe default when even the built-in fails.
import type { ModelKindName } from '@/server/modules/models/model-kinds';
import { registerImplementation, type ImplementationResult } from './implementations';

export type DecisionKind = {
  builtin: { implementationKey: string; params: Record<string, unknown> };
  budgetMs: number;
  /** Served when every version failed; absent = the built-in's error reaches the caller. */
  safeDefault?: () => ImplementationResult;
};

const envMs = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const DECISION_KINDS: Record<ModelKindName, DecisionKind> = {
  // Search's built-in is today's search (active ranking version), registered by the search
  // module. Its budget is generous: it includes a cold embedder load on the first query.
  search_ranking: {
    builtin: { implementationKey: 'search.hybrid', params: {} },
    budgetMs: envMs('DECISION_BUDGET_SEARCH_MS', 5_000),
  },
  risk_score: {
    builtin: { implementationKey: 'builtin.risk-review', params: {} },
    budgetMs: envMs('DECISION_BUDGET_RISK_MS', 150),
    safeDefault: () => reviewEverything(),
  },
  discount_offer: {
    builtin: { implementationKey: 'builtin.no-discount', params: {} },
    budgetMs: envMs('DECISION_BUDGET_DISCOUNT_MS', 100),
    safeDefault: () => noDiscount(),
  },
  // Recommendations' built-in is the default blend, registered by the recommendations module
  // (server/modules/recommendations/engine.ts); unregistered, the safe default serves.
  recommendation: {
    builtin: { implementationKey: 'recs.engine', params: {} },
    budgetMs: envMs('DECISION_BUDGET_RECOMMENDATION_MS', 150),
    safeDefault: () => ({
      output: { productIds: [] },
      confidence: 0,
      explanation: ['safe default: no recommendations'],
    }),
  },
};

// Until their modules land, the other kinds' built-ins are the conservative answers.
function reviewEverything(): ImplementationResult {
  return { output: { score: null, action: 'review' }, confidence: 0, explanation: ['safe default: manual review'] };
}
function noDiscount(): ImplementationResult {
  return { output: { offerCents: 0 }, confidence: 0, explanation: ['safe default: no offer'] };
}
registerImplementation('builtin.risk-review', async () => reviewEverything());
registerImplementation('builtin.no-discount', async () => noDiscount());
registerImplementation('builtin.no-recommendation', async () => ({ output: { productIds: [] }, confidence: 0 }));
