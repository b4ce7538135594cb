import { describe, expect, it } from 'vitest';
import { DEFAULT_RANKING } from './ranking-config';
import { adjustForKeywordHits, routeQuery, strategyName } from './route-query';

const config = DEFAULT_RANKING;

describe('routeQuery', () => {
  it('leans on keywords for a short query that names a category', () => {
    const r = routeQuery(['sofa'], config, { namesCategory: true });
    expect(r.keyword).toBeCloseTo(1 * 1.3 * 1.2, 10);
    expect(r.vector).toBe(1);
    expect(r.strategy).toBe('hybrid-keyword-heavy');
    expect(r.reasons).toEqual(['short query (1 terms): keyword ×1.3', 'names a category: keyword ×1.2']);
  });

  it('leans on meaning for a long descriptive query', () => {
    const r = routeQuery(['cozy', 'reading', 'chair', 'for', 'small', 'nook'], config, { namesCategory: false });
    expect(r.keyword).toBe(1);
    expect(r.vector).toBeCloseTo(1.3, 10);
    expect(r.strategy).toBe('hybrid-vector-heavy');
  });

  it('is balanced for a medium query without category terms', () => {
    const r = routeQuery(['blue', 'velvet', 'thing'], config, { namesCategory: false });
    expect([r.keyword, r.vector, r.strategy, r.reasons]).toEqual([1, 1, 'hybrid', []]);
  });
});

describe('adjustForKeywordHits', () => {
  const base = routeQuery(['blue', 'velvet', 'thing'], config, { namesCategory: false });
  it('goes vector-only when no product matches any term', () => {
    const r = adjustForKeywordHits(base, 0, 0, config);
    expect([r.keyword, r.vector, r.strategy]).toEqual([0, 1, 'vector']);
    expect(r.reasons.at(-1)).toBe('no keyword matches: vector only');
  });
  it('raises the vector weight when few products match every term', () => {
    const r = adjustForKeywordHits(base, 2, 40, config);
    expect(r.vector).toBeCloseTo(1.5, 10);
    expect(r.reasons.at(-1)).toBe('2 products match every term: vector ×1.5');
  });
  it('leaves routing alone when keywords find plenty', () => {
    expect(adjustForKeywordHits(base, 50, 400, config)).toBe(base);
  });
});

describe('strategyName', () => {
  it.each([
    [1, 0, 'keyword'],
    [0, 1, 'vector'],
    [1.3, 1, 'hybrid-keyword-heavy'],
    [1, 1.3, 'hybrid-vector-heavy'],
    [1, 1.1, 'hybrid'],
  ])('keyword %d, vector %d → %s', (k, v, name) => expect(strategyName(k, v)).toBe(name));
});
