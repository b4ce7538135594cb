// Per-query routing: how much each retriever counts for this query, and why.
import type { RankingConfig } from './ranking-config';

export type Routing = { keyword: number; vector: number; strategy: string; reasons: string[] };

export function routeQuery(
  tokens: string[],
  config: RankingConfig,
  signals: { namesCategory: boolean },
): Routing {
  let keyword = config.weights.keyword;
  let vector = config.weights.vector;
  const reasons: string[] = [];
  if (tokens.length <= config.routing.shortMaxTokens) {
    keyword *= config.routing.shortKeywordFactor;
    reasons.push(`short query (${tokens.length} terms): keyword ×${config.routing.shortKeywordFactor}`);
  }
  if (tokens.length >= config.routing.longMinTokens) {
    vector *= config.routing.longVectorFactor;
    reasons.push(`long query (${tokens.length} terms): vector ×${config.routing.longVectorFactor}`);
  }
  if (signals.namesCategory) {
    keyword *= config.routing.categoryKeywordFactor;
    reasons.push(`names a category: keyword ×${config.routing.categoryKeywordFactor}`);
  }
  return { keyword, vector, strategy: strategyName(keyword, vector), reasons };
}

/** Adjusts routing once keyword retrieval has run: few matches shift weight to meaning. */
export function adjustForKeywordHits(r: Routing, strictHits: number, anyHits: number, config: RankingConfig): Routing {
  if (anyHits === 0) {
    return { ...r, keyword: 0, strategy: 'vector', reasons: [...r.reasons, 'no keyword matches: vector only'] };
  }
  if (strictHits < config.routing.sparseKeywordHits) {
    const vector = r.vector * 1.5;
    return {
      ...r,
      vector,
      strategy: strategyName(r.keyword, vector),
      reasons: [...r.reasons, `${strictHits} products match every term: vector ×1.5`],
    };
  }
  return r;
}

export function strategyName(keyword: number, vector: number): string {
  if (vector <= 0) return 'keyword';
  if (keyword <= 0) return 'vector';
  const ratio = keyword / vector;
  if (ratio >= 1.25) return 'hybrid-keyword-heavy';
  if (ratio <= 0.8) return 'hybrid-vector-heavy';
  return 'hybrid';
}
