import { describe, expect, it } from 'vitest';
import { buildSynonymIndex, expandQuery, synonymEntries } from './synonyms';

describe('synonyms', () => {
  const index = buildSynonymIndex([
    { terms: ['sofa', 'couch'] },
    { terms: ['tv stand', 'media console'] },
    { from: 'lamp', to: ['light'] },
  ]);

  it('makes equivalent groups symmetric and one-way entries one-way', () => {
    expect(index.get('sofa')).toEqual(['couch']);
    expect(index.get('couch')).toEqual(['sofa']);
    expect(index.get('lamp')).toEqual(['light']);
    expect(index.get('light')).toBeUndefined();
  });

  it('matches multi-word phrases before single words', () => {
    expect(expandQuery(['black', 'tv', 'stand'], index)).toEqual([
      { text: 'black', alternatives: [] },
      { text: 'tv stand', alternatives: ['media console'] },
    ]);
    expect(expandQuery(['couch'], index)).toEqual([{ text: 'couch', alternatives: ['sofa'] }]);
  });

  it('normalises entries (case, accents)', () => {
    const i = buildSynonymIndex([{ terms: ['Décor', 'DECORATION'] }]);
    expect(i.get('decor')).toEqual(['decoration']);
  });

  it('rejects malformed entries', () => {
    expect(synonymEntries.safeParse([{ terms: ['only-one'] }]).success).toBe(false);
    expect(synonymEntries.safeParse([{ from: 'x', to: [] }]).success).toBe(false);
    expect(synonymEntries.safeParse([{ terms: ['a', 'b'] }, { from: 'x', to: ['y'] }]).success).toBe(true);
  });
});
