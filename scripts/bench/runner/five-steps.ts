// The function `npm run bench:runner` executes: five trivial steps, so the figure is the
// runner's own overhead (SDK call + Postgres round trips), not the work.
import { Inngest } from 'inngest';
import { embeddedFetch } from '@/inngest/runner/event-store';

export const STEPS = 5;
const quiet = { info() {}, warn() {}, error() {}, debug() {} };
export const benchClient = new Inngest({ id: 'bench', isDev: true, fetch: embeddedFetch, logger: quiet });

export const fiveSteps = benchClient.createFunction({ id: 'five-steps', triggers: [{ event: 'bench/go' }] }, async ({ event, step }) => {
  let acc = Number(event.data.n);
  for (let i = 0; i < STEPS; i++) acc = await step.run(`s${i}`, () => acc + 1);
  return acc;
});
