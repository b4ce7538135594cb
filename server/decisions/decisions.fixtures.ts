// Test implementations with predictable behaviour: a constant, a sleeper, a thrower.
import { InvalidError } from '@/server/errors';
import { registerImplementation } from './implementations';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

registerImplementation<unknown, unknown>('test.const', async (_input, params) => ({
  output: { action: params.value, score: typeof params.score === 'number' ? params.score : 0.5 },
  score: typeof params.score === 'number' ? params.score : 0.5,
  confidence: 0.9,
  explanation: [`constant ${String(params.value)}`],
  features: { constant: true },
}));

registerImplementation('test.slow', async (_input, params) => {
  await sleep(Number(params.ms ?? 200));
  return { output: { action: 'slow' }, score: 0.1 };
});

registerImplementation('test.throws', async () => {
  throw new Error('model exploded');
});

/** Scores drawn from the input (a number), so tests control the distribution. */
registerImplementation<{ x: number }, unknown>('test.echo-score', async (input) => ({
  output: { score: input.x },
  score: input.x,
}));

registerImplementation('test.rejects', async () => {
  throw new InvalidError('cartCents must be positive');
});
