// In-memory suggestion index: popular queries, categories and product titles, matched by
// word prefix (any word, as shoppers type "sofa" for "Modern Gray Sofa") with typo
// tolerance on the word being typed. Pure and synchronous, so a keystroke costs microseconds.
import { normalizeText } from './text';

export type SuggestionKind = 'query' | 'category' | 'product';
export type SuggestionEntry = { text: string; kind: SuggestionKind; weight: number; slug?: string };
export type Suggestion = SuggestionEntry & { corrected: boolean };

const PREFIX_MAX = 6;
const SCAN_LIMIT = 4000;
const QUOTA: Record<SuggestionKind, number> = { query: 4, category: 3, product: 5 };

export class AutocompleteIndex {
  private readonly entries: (SuggestionEntry & { words: string[] })[];
  private readonly postings = new Map<string, number[]>();
  /** Indexed words by first letter: typo candidates share the first letter (as in Algolia). */
  private readonly vocabulary = new Map<string, string[]>();
  private readonly vocabularySet: Set<string>;

  constructor(entries: SuggestionEntry[]) {
    // Heaviest first, so every posting list is already in weight order.
    this.entries = entries
      .map((e) => ({ ...e, words: normalizeText(e.text).split(' ').filter(Boolean) }))
      .filter((e) => e.words.length > 0)
      .sort((a, b) => b.weight - a.weight);
    const vocab = new Set<string>();
    this.entries.forEach((e, idx) => {
      const prefixes = new Set<string>();
      for (const w of e.words) {
        vocab.add(w);
        for (let n = 1; n <= Math.min(PREFIX_MAX, w.length); n++) prefixes.add(w.slice(0, n));
      }
      for (const p of prefixes) {
        const list = this.postings.get(p);
        if (list) list.push(idx);
        else this.postings.set(p, [idx]);
      }
    });
    for (const w of vocab) {
      const bucket = this.vocabulary.get(w[0]!);
      if (bucket) bucket.push(w);
      else this.vocabulary.set(w[0]!, [w]);
    }
    this.vocabularySet = vocab;
  }

  /**
   * Spelling corrections for a whole query word that no indexed text contains: vocabulary
   * words within one edit (two for words of 8+ letters), closest first.
   */
  spellings(token: string): string[] {
    if (token.length < 4 || this.vocabularySet.has(token) || /\d/.test(token)) return [];
    const maxEdits = token.length >= 8 ? 2 : 1;
    const found: { word: string; d: number }[] = [];
    for (const w of this.vocabulary.get(token[0]!) ?? []) {
      if (Math.abs(w.length - token.length) > maxEdits) continue;
      const d = editDistance(token, w, maxEdits);
      if (d <= maxEdits) found.push({ word: w, d });
    }
    return found
      .sort((a, b) => a.d - b.d || a.word.localeCompare(b.word))
      .slice(0, 3)
      .map((f) => f.word);
  }

  get size() {
    return this.entries.length;
  }

  suggest(query: string, limit = 8): Suggestion[] {
    const tokens = normalizeText(query).split(' ').filter(Boolean);
    if (tokens.length === 0) return [];
    let out = this.match(tokens, limit, false);
    // "Did you mean" only when what was typed matches nothing: corrections cost a scan.
    if (out.length === 0) {
      const last = tokens.at(-1)!;
      for (const fix of this.corrections(last)) {
        const more = this.match([...tokens.slice(0, -1), fix], limit - out.length, true);
        out = dedupe([...out, ...more]).slice(0, limit);
        if (out.length >= limit) break;
      }
    }
    return out;
  }

  private match(tokens: string[], limit: number, corrected: boolean): Suggestion[] {
    const lists = tokens.map((t) => this.postings.get(t.slice(0, PREFIX_MAX)) ?? []);
    const shortest = lists.reduce((a, b) => (b.length < a.length ? b : a));
    const picked: Suggestion[] = [];
    const perKind: Record<SuggestionKind, number> = { query: 0, category: 0, product: 0 };
    const seen = new Set<string>();
    for (let i = 0; i < shortest.length && i < SCAN_LIMIT && picked.length < limit; i++) {
      const e = this.entries[shortest[i]!]!;
      if (perKind[e.kind] >= QUOTA[e.kind] && picked.length + 1 < limit) continue;
      // Every typed token starts some word of the entry (the last one may be partial).
      if (!tokens.every((t) => e.words.some((w) => w.startsWith(t)))) continue;
      const key = `${e.kind}:${e.text.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      perKind[e.kind] += 1;
      picked.push({ text: e.text, kind: e.kind, weight: e.weight, slug: e.slug, corrected });
    }
    const order: Record<SuggestionKind, number> = { query: 0, category: 1, product: 2 };
    return picked.sort((a, b) => order[a.kind] - order[b.kind] || b.weight - a.weight);
  }

  /** Vocabulary words whose start is within one edit (two for long words) of the typed token. */
  private corrections(token: string): string[] {
    if (token.length < 4) return [];
    const maxEdits = token.length >= 8 ? 2 : 1;
    const found: { word: string; d: number }[] = [];
    for (const w of this.vocabulary.get(token[0]!) ?? []) {
      if (w.length < token.length - maxEdits) continue;
      const d = prefixDistance(token, w, maxEdits);
      if (d > 0 && d <= maxEdits) found.push({ word: w.slice(0, token.length), d });
    }
    found.sort((a, b) => a.d - b.d);
    return [...new Set(found.map((f) => f.word))].slice(0, 3);
  }
}

/**
 * Edit distance between `typed` and the closest prefix of `word`: optimal string alignment
 * (Levenshtein plus adjacent transpositions, the commonest typing slip), banded by `max`.
 */
export function prefixDistance(typed: string, word: string, max: number, wholeWord = false): number {
  const m = typed.length;
  const n = wholeWord ? word.length : Math.min(word.length, m + max);
  let prevPrev: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = typed[i - 1] === word[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && typed[i - 1] === word[j - 2] && typed[i - 2] === word[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      cur[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = cur;
  }
  if (wholeWord) return prev[n]!;
  // Best over prefixes of the word of any length near the typed length.
  return Math.min(...prev.slice(Math.max(0, m - max)));
}

/** Full-word optimal string alignment distance (early exit past `max`). */
export function editDistance(a: string, b: string, max: number): number {
  return prefixDistance(a, b, max, true);
}

function dedupe(list: Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = `${s.kind}:${s.text.toLowerCase()}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
