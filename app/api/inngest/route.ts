// Inngest's door. With Inngest keys configured, Inngest Cloud or a self-hosted server calls
// this (signed) to register and run functions. Embedded, the functions run in-process, so
// there is nothing to call from outside: 404, rather than an unsigned execution endpoint.
import type { NextRequest } from 'next/server';
import { serve } from 'inngest/next';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/index';
import { inngestMode } from '@/inngest/mode';

export const dynamic = 'force-dynamic';

const handler = serve({ client: inngest, functions });

function embedded(): Response {
  return Response.json(
    { error: 'Inngest runs embedded in this app. Set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY to serve functions to Inngest.' },
    { status: 404 },
  );
}

export function GET(req: NextRequest): Promise<Response> | Response {
  return inngestMode() === 'embedded' ? embedded() : handler.GET(req, undefined);
}
export function POST(req: NextRequest): Promise<Response> | Response {
  return inngestMode() === 'embedded' ? embedded() : handler.POST(req, undefined);
}
export function PUT(req: NextRequest): Promise<Response> | Response {
  return inngestMode() === 'embedded' ? embedded() : handler.PUT(req, undefined);
}
