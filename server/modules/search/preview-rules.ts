// Console preview: the same query under the active configuration and with candidate
// rules, so a merchant sees what a rule does before saving it.
import type { Db } from '@/server/db/client';
import type { MerchRule } from './ranking-config';
import { searchProducts } from './search-products';
import type { SearchFilters } from './search.schema';
import { getActiveRanking } from './settings-versions';

export async function previewRules(db: Db, input: { q: string; filters: SearchFilters; rules: MerchRule[] }) {
  const active = await getActiveRanking(db);
  const query = { q: input.q, filters: input.filters, pageSize: 20 };
  const before = await searchProducts(db, query);
  const after = await searchProducts(db, query, { rankingOverride: { ...active.config, rules: input.rules } });
  const beforePos = new Map(before.items.map((i) => [i.productId, i.position]));
  return {
    activeVersion: active.version,
    before: before.items,
    after: after.items.map((i) => ({ ...i, previousPosition: beforePos.get(i.productId) ?? null })),
    rulesFired: after.telemetry.rulesFired,
  };
}
