// Delivers one outbox message (server/modules/mail): SMTP when SMTP_URL is set, else the dev
// mailbox. A failed SMTP attempt is retried with the runner's exponential backoff; after the
// last attempt the message is marked failed and stays readable in the console.
import { inngest } from '@/inngest/client';
import { mailQueued } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { deliverMail, markMailFailed } from '@/server/modules/mail/deliver-mail';

export const deliverMailFn = inngest.createFunction(
  {
    id: 'deliver-mail',
    name: 'Deliver mail',
    triggers: [mailQueued],
    retries: 5,
    idempotency: 'event.data.mailId',
    onFailure: async ({ event, error, step }) => {
      await step.run('mark-failed', () => markMailFailed(getDb(), event.data.event.data.mailId, error.message));
    },
  },
  async ({ event, step }) => step.run('deliver', () => deliverMail(getDb(), event.data.mailId)),
);
