import { inngest } from '@/inngest/client';
import { searchRerankEvalRequested } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { runRerankEvaluation } from '@/server/modules/search/eval/nightly-rerank-eval';

/**
 * Nightly (and on request from the console): the personalized re-ranking replayed on the last
 * weeks of logged searches; registered as a search_ranking version only when it beats the
 * serving ranking by the margin (server/modules/search/eval/nightly-rerank-eval.ts).
 * One at a time: a console request during the nightly run waits for it.
 */
export const searchRerankEval = inngest.createFunction(
  {
    id: 'search-rerank-eval',
    name: 'Search re-ranking evaluation gate',
    triggers: [{ cron: '0 4 * * *' }, searchRerankEvalRequested],
    retries: 1,
    concurrency: { limit: 1 },
  },
  async ({ event, step }) => {
    const trigger = event.name === searchRerankEvalRequested.name ? `console:${(event.data as { requestedBy: string }).requestedBy}` : 'cron';
    return step.run('replay-and-gate', () => runRerankEvaluation(getDb(), { trigger }));
  },
);
