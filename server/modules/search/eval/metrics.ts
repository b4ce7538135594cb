// Ranking metrics for offline relevance evaluation against graded judgments.
//
// Choices (shared by every metric here, so numbers stay comparable):
// - Gain is the grade itself, linear: Exact 2, Partial 1, Irrelevant 0, as the WANDS README's
//   gain mapping states (not the exponential 2^g − 1 variant, which would make Exact worth 3×
//   Partial instead of 2×).
// - Unjudged products count as grade 0: the judged pools are not exhaustive, so absolute
//   numbers are a lower bound, and comparisons between systems are what they are for.
// - Duplicate ids in a ranked list count once, at their first position, and later copies are
//   dropped before cutting at k: a system cannot earn gain twice for one product.
// - Binary metrics (MRR, recall) call a product relevant at grade ≥ 1 (Partial or Exact) by
//   default: in WANDS a Partial is usually the right kind of product with one attribute off.
// - A query with no judged product at or above the threshold has no defined value: the
//   functions return null and `summarize` leaves it out of the mean (and counts it), rather
//   than scoring it 0 and punishing every system for a query nobody could answer.

export const RELEVANT_GRADE = 1;

function assertK(k: number) {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
}

/** First occurrence of each id, in order, cut at k. */
function topK(ranked: readonly string[], k: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ranked) {
    if (out.length === k) break;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}

/** Σ gain_i / log2(i + 1) over 1-based ranks i. */
function dcg(gains: readonly number[]): number {
  return gains.reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
}

/**
 * nDCG@k. The ideal ranking is built from ALL judged products of the query (not only the
 * retrieved ones), so missing a highly graded product lowers the score.
 */
export function ndcgAt(ranked: readonly string[], grades: ReadonlyMap<string, number>, k: number): number | null {
  assertK(k);
  const ideal = dcg(
    [...grades.values()]
      .filter((g) => g > 0)
      .sort((a, b) => b - a)
      .slice(0, k),
  );
  if (ideal === 0) return null;
  return dcg(topK(ranked, k).map((id) => grades.get(id) ?? 0)) / ideal;
}

function relevantCount(grades: ReadonlyMap<string, number>, minGrade: number): number {
  let n = 0;
  for (const g of grades.values()) if (g >= minGrade) n++;
  return n;
}

/** Reciprocal rank of the first product graded ≥ minGrade within the top k; 0 if none. */
export function mrrAt(ranked: readonly string[], grades: ReadonlyMap<string, number>, k: number, minGrade = RELEVANT_GRADE): number | null {
  assertK(k);
  if (relevantCount(grades, minGrade) === 0) return null;
  const at = topK(ranked, k).findIndex((id) => (grades.get(id) ?? 0) >= minGrade);
  return at < 0 ? 0 : 1 / (at + 1);
}

/** Share of the query's judged products graded ≥ minGrade that appear in the top k. */
export function recallAt(ranked: readonly string[], grades: ReadonlyMap<string, number>, k: number, minGrade = RELEVANT_GRADE): number | null {
  assertK(k);
  const total = relevantCount(grades, minGrade);
  if (total === 0) return null;
  const found = topK(ranked, k).filter((id) => (grades.get(id) ?? 0) >= minGrade).length;
  return found / total;
}

export type QueryMetrics = { queryId: string; metrics: Record<string, number | null> };
export type MetricSummary = { mean: number | null; evaluated: number; excluded: number };

/** Mean of each metric over the queries where it is defined (macro-average). */
export function summarize(perQuery: readonly QueryMetrics[]): Record<string, MetricSummary> {
  const names = [...new Set(perQuery.flatMap((q) => Object.keys(q.metrics)))];
  return Object.fromEntries(
    names.map((name) => {
      const values = perQuery.map((q) => q.metrics[name]).filter((v): v is number => typeof v === 'number');
      const mean = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
      return [name, { mean, evaluated: values.length, excluded: perQuery.length - values.length }];
    }),
  );
}
