// Re-ranking after fusion: business signals as bounded multipliers, then the merchant's
// merchandising rules (hide, boost/bury, pin). Pure: every effect is listed for the response.
import type { CandidateDoc } from './candidate-docs';
import type { Fused } from './fuse';
import type { MerchRule, RankingConfig } from './ranking-config';

export type Ranked = Fused & { doc: CandidateDoc; pinned: boolean };
export type RerankOutcome = { ranked: Ranked[]; rulesFired: string[] };

function targets(rule: { target: NonNullable<Extract<MerchRule['action'], { target: unknown }>['target']> }, d: CandidateDoc) {
  const t = rule.target;
  if ('productId' in t) return d.productId === t.productId;
  if ('category' in t) return d.categoryPath.includes(t.category) || d.classes.includes(t.category);
  return (t.attribute.key === 'color' ? d.color : d.material).includes(t.attribute.value);
}

export function applies(rule: MerchRule, queryNorm: string): boolean {
  return rule.query === undefined || rule.query.toLowerCase() === queryNorm;
}

export function rerank(
  fused: Fused[],
  docs: Map<string, CandidateDoc>,
  config: RankingConfig,
  ctx: { queryNorm: string; titleTokens: string[][]; maxPopularity: number; pinnedDocs?: Map<string, CandidateDoc> },
): RerankOutcome {
  const s = config.signals;
  const rules = config.rules.filter((r) => applies(r, ctx.queryNorm));
  const rulesFired = new Set<string>();
  let ranked: Ranked[] = [];
  for (const f of fused) {
    const doc = docs.get(f.id);
    if (!doc) continue;
    let score = f.score;
    if (doc.inStock) score *= 1 + s.inStock;
    if (doc.ratingAvg !== null) score *= 1 + s.rating * (doc.ratingAvg / 5);
    if (ctx.maxPopularity > 0) score *= 1 + s.popularity * (doc.popularity / ctx.maxPopularity);
    // Every query term (or one of its synonyms) appears in the title.
    if (ctx.titleTokens.length && ctx.titleTokens.every((alts) => alts.some((a) => doc.titleNorm.includes(a)))) {
      score *= 1 + s.titleMatch;
    }
    let hidden = false;
    for (const rule of rules) {
      const a = rule.action;
      if (a.type === 'pin') continue;
      if (!targets(a, doc)) continue;
      rulesFired.add(rule.id);
      if (a.type === 'hide') hidden = true;
      else score *= a.factor;
    }
    if (!hidden) ranked.push({ ...f, score, doc, pinned: false });
  }
  ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  const pins = rules
    .flatMap((r) => (r.action.type === 'pin' ? [{ id: r.id, productId: r.action.productId, position: r.action.position }] : []))
    .sort((a, b) => a.position - b.position);
  for (const pin of pins) {
    const existing = ranked.find((r) => r.id === pin.productId);
    const doc = existing?.doc ?? ctx.pinnedDocs?.get(pin.productId) ?? docs.get(pin.productId);
    if (!doc) continue;
    ranked = ranked.filter((r) => r.id !== pin.productId);
    const entry: Ranked = existing
      ? { ...existing, pinned: true }
      : { id: pin.productId, score: 0, sources: [], ranks: {}, doc, pinned: true };
    ranked.splice(Math.min(pin.position - 1, ranked.length), 0, entry);
    rulesFired.add(pin.id);
  }
  return { ranked, rulesFired: [...rulesFired] };
}
