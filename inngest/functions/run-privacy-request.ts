// A data subject's export or erasure as a durable job: resolve the subject, then one named
// step per table of the data map (progress recorded on the request), then finish and audit.
// Steps return row counts only, so no personal data is memoised in the run's step records.
import { inngest } from '@/inngest/client';
import { privacyRequestCreated } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import {
  failPrivacyRequest,
  finishPrivacyRequest,
  runPrivacyStep,
  startPrivacyRequest,
} from '@/server/modules/privacy/privacy-requests';

export const runPrivacyRequest = inngest.createFunction(
  {
    id: 'run-privacy-request',
    name: 'Privacy request (export / erasure)',
    triggers: [privacyRequestCreated],
    retries: 3,
    idempotency: 'event.data.requestId',
    onFailure: async ({ event, error, step }) => {
      const requestId = (event.data.event.data as { requestId: string }).requestId;
      await step.run('mark-failed', () => failPrivacyRequest(getDb(), requestId, error.message));
    },
  },
  async ({ event, step }) => {
    const requestId = event.data.requestId;
    const { type, steps } = await step.run('start', () => startPrivacyRequest(getDb(), requestId));
    for (const key of steps) await step.run(key, () => runPrivacyStep(getDb(), requestId, key));
    const done = await step.run('finish', async () => {
      const r = await finishPrivacyRequest(getDb(), requestId);
      return { status: r.status, result: r.result };
    });
    return { requestId, type, ...done };
  },
);
