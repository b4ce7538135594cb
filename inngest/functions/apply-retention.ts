import { inngest } from '@/inngest/client';
import { getDb } from '@/server/db/client';
import { applyRetentionRule, RETENTION_RULES } from '@/server/modules/privacy/retention';

/** Nightly: the data map's retention, one step per rule (a crash resumes at the next rule). */
export const applyRetentionFn = inngest.createFunction(
  { id: 'apply-retention', name: 'Data retention', triggers: [{ cron: '15 3 * * *' }], retries: 2 },
  async ({ step }) => {
    const rows: Record<string, number> = {};
    for (const r of RETENTION_RULES) {
      const out = await step.run(`retention-${r.key}`, () => applyRetentionRule(getDb(), r.key));
      rows[out.rule] = out.rows;
    }
    return rows;
  },
);
