import { describe, expect, it } from 'vitest';
import { contentTokens, normalizeText, tokenize } from './text';

describe('text', () => {
  it('normalises case, accents, apostrophes and punctuation', () => {
    expect(normalizeText("  Wall Décor: Kid's 3.5-inch Frame!! ")).toBe('wall decor kids 3.5 inch frame');
    expect(normalizeText('...')).toBe('');
  });
  it('tokenises and drops stopwords unless nothing else remains', () => {
    expect(tokenize('Sofa & Loveseat')).toEqual(['sofa', 'loveseat']);
    expect(contentTokens('table for the patio')).toEqual(['table', 'patio']);
    expect(contentTokens('the')).toEqual(['the']);
  });
});
