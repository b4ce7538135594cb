// The sentence a non-statistician reads next to the numbers. It refuses to call a winner
// when the split is broken (SRM) and says "no evidence yet" rather than "no effect".
import type { Results } from './compute-results';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function plainSummary(r: Pick<Results, 'srm' | 'comparisons' | 'guardrailBreaches' | 'unavailable'>): string[] {
  if (r.srm.mismatch) {
    return [
      'The traffic split does not match the plan (sample ratio mismatch). Something is assigning or logging units unevenly, so these results cannot be trusted. Fix the cause before deciding.',
    ];
  }
  const lines: string[] = [];
  for (const c of r.comparisons.filter((x) => x.role === 'primary')) {
    const direction = c.relative >= 0 ? 'higher' : 'lower';
    const range = `between ${pct(c.relativeCi.low)} and ${pct(c.relativeCi.high)}`;
    if (c.alwaysValidPValue < 0.05) {
      lines.push(`${c.arm} is ${pct(Math.abs(c.relative))} ${direction} than control on ${c.metric} (plausibly ${range}). This is a reliable difference even though you can check results at any time.`);
    } else {
      lines.push(`No reliable difference on ${c.metric} for ${c.arm} yet: the true change is plausibly ${range}. Keep the experiment running until it reaches its planned sample size.`);
    }
    lines.push(`Chance ${c.arm} is better than control: ${pct(c.probabilityToBeatControl)}.`);
  }
  for (const c of r.comparisons) {
    if (c.cuped && c.cuped.varianceReduction > 0.01)
      lines.push(`Using what shoppers did before the experiment (CUPED) made ${c.metric} for ${c.arm} ${pct(c.cuped.varianceReduction)} less noisy.`);
  }
  for (const b of r.guardrailBreaches) lines.push(`Guardrail breached: ${b.arm} makes ${b.metric} worse (${pct(b.relative)}).`);
  if (r.unavailable.length) lines.push(`Not measured yet: ${r.unavailable.join(', ')} (no units with data for these yet).`);
  return lines;
}
