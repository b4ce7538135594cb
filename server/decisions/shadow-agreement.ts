// How close a shadow's output is to the served one, 0–1: overlap of the top ten for
// rankings, closeness for scores, equality otherwise.
import { canonicalJson } from './input-digest';

const TOP = 10;

export function agreement(served: unknown, shadow: unknown): number {
  const a = rankedIds(served);
  const b = rankedIds(shadow);
  if (a && b) {
    const topA = a.slice(0, TOP);
    const topB = new Set(b.slice(0, TOP));
    const denominator = Math.max(topA.length, topB.size);
    return denominator === 0 ? 1 : topA.filter((id) => topB.has(id)).length / denominator;
  }
  const sa = numeric(served);
  const sb = numeric(shadow);
  if (sa !== null && sb !== null) return Math.max(0, 1 - Math.abs(sa - sb));
  return canonicalJson(served) === canonicalJson(shadow) ? 1 : 0;
}

function rankedIds(v: unknown): string[] | null {
  if (typeof v !== 'object' || v === null) return null;
  const ids = (v as { productIds?: unknown }).productIds;
  return Array.isArray(ids) && ids.every((x) => typeof x === 'string') ? ids : null;
}

function numeric(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && typeof (v as { score?: unknown }).score === 'number')
    return (v as { score: number }).score;
  return null;
}
