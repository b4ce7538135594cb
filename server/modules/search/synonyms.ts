// Synonyms the merchant edits (versioned in search_synonym_versions). Two shapes, as in
// Algolia and Shopify: equivalent groups ("couch, sofa") and one-way ("tv stand → media console").
import { z } from 'zod';
import { normalizeText } from './text';

export const synonymEntry = z.union([
  z.object({ terms: z.array(z.string().trim().min(1).max(60)).min(2).max(20) }),
  z.object({ from: z.string().trim().min(1).max(60), to: z.array(z.string().trim().min(1).max(60)).min(1).max(20) }),
]);
export const synonymEntries = z.array(synonymEntry).max(2000);
export type SynonymEntry = z.infer<typeof synonymEntry>;

/** Version 0: a starter set for home goods. */
export const DEFAULT_SYNONYMS: SynonymEntry[] = [
  { terms: ['sofa', 'couch'] },
  { terms: ['rug', 'carpet'] },
  { terms: ['nightstand', 'bedside table', 'night stand'] },
  { terms: ['dresser', 'chest of drawers'] },
  { terms: ['armoire', 'wardrobe'] },
  { terms: ['tv stand', 'media console', 'entertainment center'] },
  { terms: ['ottoman', 'pouf'] },
  { terms: ['loveseat', 'love seat'] },
  { from: 'lamp', to: ['light'] },
  { from: 'grey', to: ['gray'] },
  { from: 'gray', to: ['grey'] },
];

export type SynonymIndex = Map<string, string[]>;

/** phrase → alternative phrases, all normalised. */
export function buildSynonymIndex(entries: SynonymEntry[]): SynonymIndex {
  const index: SynonymIndex = new Map();
  const add = (from: string, to: string) => {
    const f = normalizeText(from);
    const t = normalizeText(to);
    if (!f || !t || f === t) return;
    const list = index.get(f) ?? [];
    if (!list.includes(t)) list.push(t);
    index.set(f, list);
  };
  for (const e of entries) {
    if ('terms' in e) for (const a of e.terms) for (const b of e.terms) add(a, b);
    else for (const t of e.to) add(e.from, t);
  }
  return index;
}

export type ExpandedTerm = { text: string; alternatives: string[] };

/**
 * Groups query tokens into terms, matching multi-word synonym phrases greedily (longest
 * first), and lists each term's alternatives.
 */
export function expandQuery(tokens: string[], index: SynonymIndex): ExpandedTerm[] {
  const out: ExpandedTerm[] = [];
  for (let i = 0; i < tokens.length; ) {
    let matched = false;
    for (let len = Math.min(3, tokens.length - i); len >= 1; len--) {
      const phrase = tokens.slice(i, i + len).join(' ');
      const alternatives = index.get(phrase);
      if (alternatives || len === 1) {
        out.push({ text: phrase, alternatives: alternatives ?? [] });
        i += len;
        matched = true;
        break;
      }
    }
    if (!matched) i += 1;
  }
  return out;
}
