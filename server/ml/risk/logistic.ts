// L2-regularised logistic regression on standardised features, fitted by Newton's method
// (a 17×17 system per step: exact, deterministic and fast). Interpretable by construction: a
// score is a sum of per-feature contributions, and the largest positive ones are the reasons.
import { z } from 'zod';
import { FEATURE_NAMES, FEATURE_REASONS, type FeatureName, type RiskFeatures } from './features';

export const logisticParams = z.object({
  features: z.array(z.string()).min(1),
  means: z.array(z.number()),
  stds: z.array(z.number().positive()),
  weights: z.array(z.number()),
  intercept: z.number(),
  l2: z.number().min(0),
});
export type LogisticParams = z.infer<typeof logisticParams>;

export function fitLogistic(
  rows: RiskFeatures[],
  labels: number[],
  opts: { l2?: number; iterations?: number } = {},
): LogisticParams {
  const names = [...FEATURE_NAMES];
  const d = names.length;
  const n = rows.length;
  const l2 = opts.l2 ?? 1;
  const means = names.map((f) => rows.reduce((s, r) => s + r[f], 0) / n);
  const stds = names.map((f, j) => {
    const v = rows.reduce((s, r) => s + (r[f] - means[j]!) ** 2, 0) / n;
    return Math.sqrt(v) || 1;
  });
  // Design matrix with a leading 1 for the intercept (not penalised).
  const X = rows.map((r) => [1, ...names.map((f, j) => (r[f] - means[j]!) / stds[j]!)]);
  let beta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < (opts.iterations ?? 25); it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const H = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const x = X[i]!;
      const p = sigmoid(dot(beta, x));
      const w = Math.max(p * (1 - p), 1e-9);
      const r = p - labels[i]!;
      for (let a = 0; a <= d; a++) {
        grad[a]! += r * x[a]!;
        const wa = w * x[a]!;
        for (let b = a; b <= d; b++) H[a]![b]! += wa * x[b]!;
      }
    }
    for (let a = 0; a <= d; a++) {
      for (let b = 0; b < a; b++) H[a]![b] = H[b]![a]!;
      if (a > 0) {
        grad[a]! += l2 * beta[a]!;
        H[a]![a]! += l2;
      }
    }
    const step = solve(H, grad);
    beta = beta.map((b, k) => b - step[k]!);
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  return { features: names, means, stds, weights: beta.slice(1), intercept: beta[0]!, l2 };
}

export type RiskScore = {
  probability: number;
  /** 0–99. */
  score: number;
  contributions: { feature: FeatureName; value: number; contribution: number }[];
};

export function scoreFeatures(params: LogisticParams, features: RiskFeatures): RiskScore {
  let z = params.intercept;
  const contributions = params.features.map((f, j) => {
    const value = features[f as FeatureName] ?? 0;
    const contribution = params.weights[j]! * ((value - params.means[j]!) / params.stds[j]!);
    z += contribution;
    return { feature: f as FeatureName, value, contribution };
  });
  const probability = sigmoid(z);
  return { probability, score: toScore(probability), contributions };
}

export function toScore(p: number): number {
  return Math.min(99, Math.max(0, Math.floor(p * 100)));
}

/** The largest positive contributions, in plain language. */
export function topReasons(s: RiskScore, max = 3, minContribution = 0.25): string[] {
  return s.contributions
    .filter((c) => c.contribution >= minContribution)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, max)
    .map((c) => FEATURE_REASONS[c.feature]);
}

export function auc(scores: number[], labels: number[]): number {
  // Mann–Whitney U with average ranks for ties.
  const idx = scores.map((s, i) => [s, labels[i]!] as const).sort((a, b) => a[0] - b[0]);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    const avg = (i + j + 2) / 2;
    for (let k = i; k <= j; k++)
      if (idx[k]![1] === 1) {
        rankSumPos += avg;
        pos++;
      }
    i = j + 1;
  }
  const neg = idx.length - pos;
  if (!pos || !neg) return 0.5;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function precisionRecallAt(scores: number[], labels: number[], threshold: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    const flagged = s >= threshold;
    if (flagged && labels[i] === 1) tp++;
    else if (flagged) fp++;
    else if (labels[i] === 1) fn++;
  });
  return {
    threshold,
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 0,
    flaggedShare: (tp + fp) / Math.max(1, scores.length),
  };
}

function sigmoid(z: number) {
  return 1 / (1 + Math.exp(-z));
}

function dot(a: number[], b: number[]) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Gaussian elimination with partial pivoting (the Hessian is small and positive definite). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    const piv = M[c]![c]! || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / piv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= M[r]![k]! * x[k]!;
    x[r] = s / (M[r]![r]! || 1e-12);
  }
  return x;
}
