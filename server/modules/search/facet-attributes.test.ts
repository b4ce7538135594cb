import { describe, expect, it } from 'vitest';
import { extractFacetAttributes } from './facet-attributes';

describe('extractFacetAttributes', () => {
  it('maps colour and material words in titles to the facet vocabulary', () => {
    expect(extractFacetAttributes('Charcoal Velvet Sofa with Walnut Legs', {})).toEqual({
      color: ['brown', 'gray'],
      material: ['velvet', 'wood'],
    });
  });
  it('reads WANDS features too', () => {
    expect(extractFacetAttributes('Accent Chair', { color: 'Navy', 'frame material': 'Solid Wood' })).toEqual({
      color: ['blue'],
      material: ['wood'],
    });
  });
  it('finds nothing in a plain title', () => {
    expect(extractFacetAttributes('Hofstetter Armoire', {})).toEqual({ color: [], material: [] });
  });
});
