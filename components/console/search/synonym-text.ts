import type { SynonymEntry } from '@/server/modules/search/synonyms';

/** "couch = sofa" for equivalents, "tv stand → media console" for one-way. */
export function synonymText(e: SynonymEntry): string {
  return 'terms' in e ? e.terms.join(' = ') : `${e.from} → ${e.to.join(', ')}`;
}

/** "couch, sofa" → ["couch", "sofa"]: trimmed, blanks and repeats dropped. */
export function splitTerms(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}
