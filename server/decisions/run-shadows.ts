// Shadow versions see the same input as the served one, after the response: their outputs
// are recorded against the served output, their failures are counted and swallowed.
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import type { ModelKindName } from '@/server/modules/models/model-kinds';
import { logShadow, trackBackground } from './decision-log';
import { runWithBudget } from './run-with-budget';
import { agreement } from './shadow-agreement';

export const shadowStats = { runs: 0, failures: 0 };

type ShadowJob = {
  kind: ModelKindName;
  decisionId: string;
  input: unknown;
  requestId: string | null;
  served: unknown;
  shadows: { id: string | null; label: string; implementationKey: string; params: Record<string, unknown> }[];
  budgetMs: number;
};

export function runShadows(db: Db, job: ShadowJob): void {
  const work = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
    for (const shadow of job.shadows) {
      shadowStats.runs += 1;
      try {
        const attempt = await runWithBudget(
          shadow.implementationKey,
          job.input,
          shadow.params,
          { db, requestId: job.requestId },
          job.budgetMs,
        );
        if (!attempt.ok) shadowStats.failures += 1;
        const output = attempt.ok ? (attempt.result.logOutput ?? attempt.result.output) : null;
        logShadow(db, {
          id: newId('dsh'),
          decisionId: job.decisionId,
          kind: job.kind,
          modelVersionId: shadow.id!,
          modelVersion: shadow.label,
          output,
          score: attempt.ok ? (attempt.result.score ?? null) : null,
          latencyMs: Math.round(attempt.latencyMs * 1000) / 1000,
          agreement: attempt.ok ? agreement(job.served, output) : null,
          errorClass: attempt.ok ? null : attempt.errorClass,
          createdAt: new Date(),
        });
      } catch {
        // Nothing a shadow does may reach the shopper, not even a bug in this bookkeeping.
        shadowStats.failures += 1;
      }
    }
  });
  trackBackground(work);
}
