// POST /api/v1/events: batched shopper events from the storefront.
import { inngest } from '@/inngest/client';
import { inngestMode } from '@/inngest/mode';
import { httpError } from '@/server/api/errors';
import { instrumentRoute } from '@/server/api/rest';
import { getDb } from '@/server/db/client';
import { clientIp, createTokenBucket } from '@/server/lib/rate-limit';
import { countRejections, ingestEvents } from '@/server/modules/events/ingest-events';
import { ingestBatchInput } from '@/server/modules/events/ingest-events.schema';

export const dynamic = 'force-dynamic';

// Per IP: bursts of 300 events, 50 events/s sustained.
const limiter = createTokenBucket({
  capacity: Number(process.env.EVENTS_RATE_BURST ?? 300),
  refillPerSec: Number(process.env.EVENTS_RATE_PER_SEC ?? 50),
});

export const POST = instrumentRoute('/api/v1/events', async (req, requestId) => {
  const headers = { 'x-request-id': requestId, 'cache-control': 'no-store' };
  try {
    const body = ingestBatchInput.parse(await req.json().catch(() => ({})));
    const limit = limiter.take(clientIp(req.headers), body.events.length);
    if (!limit.ok) {
      await countRejections(getDb(), body.events.map(() => 'rate_limited'));
      return Response.json(
        { error: { code: 'RATE_LIMITED', message: 'Too many events; retry later', requestId }, rejected: body.events.length },
        { status: 429, headers: { ...headers, 'retry-after': String(Math.ceil(limit.retryAfterMs / 1000)) } },
      );
    }
    const publish = inngestMode() === 'inngest' ? (events: Parameters<typeof inngest.send>[0]) => inngest.send(events) : undefined;
    const result = await ingestEvents(getDb(), body.events, { publish });
    return Response.json({ ...result, requestId }, { headers });
  } catch (err) {
    const { status, body } = httpError(err, requestId);
    return Response.json(body, { status, headers });
  }
});
