// The trained risk model as a decision-seam implementation: a model version names
// `risk.logistic` and carries the fitted weights as params. Input is features only (numbers),
// never an email, IP or card value.
import { z } from 'zod';
import { registerImplementation } from '@/server/decisions/implementations';
import { InvalidError } from '@/server/errors';
import { FEATURE_NAMES, type RiskFeatures } from '@/server/ml/risk/features';
import { logisticParams, scoreFeatures, topReasons } from '@/server/ml/risk/logistic';

export const RISK_IMPLEMENTATION = 'risk.logistic';

export const riskModelInput = z.object({
  features: z.object(
    Object.fromEntries(FEATURE_NAMES.map((f) => [f, z.number().finite()])) as Record<
      (typeof FEATURE_NAMES)[number],
      z.ZodNumber
    >,
  ),
});

export type RiskModelOutput = { score: number; probability: number; reasons: string[] };

registerImplementation<unknown, RiskModelOutput>(RISK_IMPLEMENTATION, async (raw, params) => {
  const input = riskModelInput.safeParse(raw);
  if (!input.success) throw new InvalidError(`risk features are invalid: ${input.error.issues[0]?.message ?? ''}`);
  const model = logisticParams.parse(params);
  const features = input.data.features as RiskFeatures;
  const s = scoreFeatures(model, features);
  const reasons = topReasons(s);
  return {
    output: { score: s.score, probability: s.probability, reasons },
    score: s.score,
    confidence: Math.abs(s.probability - 0.5) * 2,
    explanation: s.contributions
      .filter((c) => c.contribution > 0)
      .sort((a, b) => b.contribution - a.contribution)
      .slice(0, 5)
      .map((c) => ({ feature: c.feature, contribution: Math.round(c.contribution * 1000) / 1000 })),
    features,
  };
});
