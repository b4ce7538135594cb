// Reciprocal rank fusion (Cormack et al. 2009) with per-retriever weights:
// score(d) = Σ_r w_r / (k + rank_r(d)), ranks starting at 1.

export type RankedList = { name: 'keyword' | 'vector'; weight: number; ids: string[] };
export type Fused = { id: string; score: number; sources: ('keyword' | 'vector')[]; ranks: Partial<Record<'keyword' | 'vector', number>> };

export function reciprocalRankFusion(lists: RankedList[], k: number): Fused[] {
  const byId = new Map<string, Fused>();
  for (const list of lists) {
    if (list.weight <= 0) continue;
    list.ids.forEach((id, i) => {
      const entry = byId.get(id) ?? { id, score: 0, sources: [], ranks: {} };
      if (entry.ranks[list.name] !== undefined) return; // a list repeating an id counts once
      entry.score += list.weight / (k + i + 1);
      entry.sources.push(list.name);
      entry.ranks[list.name] = i + 1;
      byId.set(id, entry);
    });
  }
  // Ties broken by id so pages are stable across requests.
  return [...byId.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
