// POST /api/webhooks/payments/:provider — signed payment-provider webhooks (local, stripe).
// Verify the signature on the raw body, validate the event, store it in the inbox once,
// acknowledge; the process-payment-webhook function applies it.
import { httpError } from '@/server/api/errors';
import { getDb } from '@/server/db/client';
import { resolveRequestId } from '@/server/lib/request-id';
import { paymentProvider } from '@/server/modules/payments/providers';
import { recordWebhook } from '@/server/modules/payments/receive-webhook';
import { parseWebhookEvent, UnsupportedWebhookTypeError } from '@/server/modules/payments/webhook-event.schema';
import { WebhookSignatureError } from '@/server/modules/payments/webhook-signature';

export const dynamic = 'force-dynamic';

export async function POST(req: Request, ctx: { params: Promise<{ provider: string }> }): Promise<Response> {
  const requestId = resolveRequestId(req.headers.get('x-request-id'));
  const headers = { 'x-request-id': requestId, 'cache-control': 'no-store' };
  const fail = (status: number, code: string, message: string) =>
    Response.json({ error: { code, message, requestId } }, { status, headers });
  const { provider: name } = await ctx.params;
  const provider = paymentProvider(name);
  if (!provider) return fail(404, 'NOT_FOUND', `no payment provider '${name}' is configured here`);
  // The signature covers the exact bytes sent: read the raw text, never re-serialised JSON.
  const raw = await req.text();
  try {
    const json = provider.verifyWebhook(raw, req.headers);
    const event = parseWebhookEvent(json);
    const result = await recordWebhook(getDb(), provider.name, event, json);
    return Response.json(
      { received: true, duplicate: result.duplicate, inboxId: result.inboxId, requestId },
      { headers },
    );
  } catch (err) {
    if (err instanceof WebhookSignatureError)
      return fail(400, 'INVALID_SIGNATURE', `signature verification failed: ${err.message}`);
    if (err instanceof UnsupportedWebhookTypeError) return fail(422, 'UNSUPPORTED_EVENT_TYPE', err.message);
    const { status, body } = httpError(err, requestId);
    return Response.json(body, { status, headers });
  }
}
