import { inngest } from '@/inngest/client';
import { getDb } from '@/server/db/client';
import { evaluateGuardrails } from '@/server/modules/models/evaluate-guardrails';
import { MODEL_KINDS } from '@/server/modules/models/model-kinds';

/**
 * Every five minutes: guardrails and drift for each decision kind. A breaching canary is
 * rolled back (with the reason on record) before more shoppers see it.
 */
export const evaluateModelGuardrails = inngest.createFunction(
  { id: 'evaluate-model-guardrails', triggers: [{ cron: '*/5 * * * *' }], retries: 1, concurrency: { limit: 1 } },
  async ({ step }) => {
    const reports = [];
    for (const kind of MODEL_KINDS) {
      // One step per kind: a failure in one kind's check is retried alone.
      const report = await step.run(`evaluate-${kind}`, async () => {
        const r = await evaluateGuardrails(getDb(), kind);
        return { kind, rolledBack: r.canary?.rolledBack ?? false, breaches: r.canary?.breaches ?? [], drift: r.drift.length };
      });
      reports.push(report);
    }
    return { reports };
  },
);
