// The power calculator the create form shows before start (units per arm and in total).
import { powerInput } from './experiments.schema';
import { plannedSampleSize } from './stats/proportions';
import type { z } from 'zod';

export function powerCalculation(raw: z.input<typeof powerInput>) {
  const input = powerInput.parse(raw);
  const perArm = plannedSampleSize(input.baselineRate, input.mde, input.alpha, input.power);
  return { perArm, target: input.baselineRate * (1 + input.mde), ...input };
}
