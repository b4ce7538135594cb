import { describe, expect, it } from 'vitest';
import { AutocompleteIndex, prefixDistance } from './autocomplete-index';

const index = new AutocompleteIndex([
  { text: 'gray sofa', kind: 'query', weight: 1010 },
  { text: 'Sofas', kind: 'category', weight: 140 },
  { text: 'Sofa Tables', kind: 'category', weight: 120 },
  { text: 'Modern Gray Velvet Sofa', kind: 'product', weight: 4, slug: 'modern-gray-velvet-sofa-1' },
  { text: 'Solid Wood Sofa', kind: 'product', weight: 3, slug: 'solid-wood-sofa-2' },
  { text: 'Brass Floor Lamp', kind: 'product', weight: 5, slug: 'brass-floor-lamp-3' },
]);

describe('AutocompleteIndex', () => {
  it('matches any word by prefix, queries first, then categories, then products', () => {
    const s = index.suggest('sof', 10);
    expect(s.map((x) => [x.kind, x.text])).toEqual([
      ['query', 'gray sofa'],
      ['category', 'Sofas'],
      ['category', 'Sofa Tables'],
      ['product', 'Modern Gray Velvet Sofa'],
      ['product', 'Solid Wood Sofa'],
    ]);
    expect(s.every((x) => !x.corrected)).toBe(true);
  });

  it('requires every typed word', () => {
    expect(index.suggest('gray so', 10).map((x) => x.text)).toEqual(['gray sofa', 'Modern Gray Velvet Sofa']);
    expect(index.suggest('velvet lamp', 10)).toEqual([]);
  });

  it('corrects a typo in the word being typed', () => {
    const s = index.suggest('lmap', 5);
    expect(s.map((x) => x.text)).toEqual(['Brass Floor Lamp']);
    expect(s[0]!.corrected).toBe(true);
    expect(index.suggest('flor', 5).map((x) => x.text)).toEqual(['Brass Floor Lamp']); // prefix, not a typo
  });

  it('honours the limit and ignores empty input', () => {
    expect(index.suggest('s', 2)).toHaveLength(2);
    expect(index.suggest('  ', 5)).toEqual([]);
  });
});

describe('prefixDistance', () => {
  it('is the edit distance to the closest prefix of the word', () => {
    expect(prefixDistance('sofq', 'sofa', 1)).toBe(1);
    expect(prefixDistance('lmap', 'lamp', 2)).toBe(1); // a transposition is one edit
    expect(prefixDistance('dres', 'dresser', 1)).toBe(0);
    expect(prefixDistance('xyzw', 'sofa', 1)).toBe(2);
  });
});

describe('spellings', () => {
  it('corrects whole words that no indexed text contains', () => {
    expect(index.spellings('lmap')).toEqual(['lamp']);
    expect(index.spellings('velvte')).toEqual(['velvet']);
    expect(index.spellings('sofa')).toEqual([]); // known word
    expect(index.spellings('sof')).toEqual([]); // too short to guess
    expect(index.spellings('zzzzzz')).toEqual([]);
  });
});
