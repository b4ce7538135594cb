// A real HTTP server around the webhook route handler (tests and the webhook bench): the
// local provider posts to it over a socket exactly as it posts to the running app.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (req: Request, ctx: { params: Promise<{ provider: string }> }) => Promise<Response>;

export type RouteServer = {
  url: string;
  /** Every request seen: event id, provider, status answered, time (ms since epoch). */
  requests: { eventId: string | null; status: number; at: number }[];
  close: () => Promise<void>;
};

/** `intercept` may answer first (e.g. 500 to exercise the sender's retries). */
export async function startRouteServer(
  handler: RouteHandler,
  intercept?: (eventId: string | null) => number | null,
): Promise<RouteServer> {
  const requests: RouteServer['requests'] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let eventId: string | null = null;
    try {
      eventId = (JSON.parse(body) as { id?: string }).id ?? null;
    } catch {
      // not JSON: the route will say so
    }
    const forced = intercept?.(eventId) ?? null;
    if (forced) {
      requests.push({ eventId, status: forced, at: Date.now() });
      res.writeHead(forced, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'forced by test' }));
      return;
    }
    const match = /^\/api\/webhooks\/payments\/([^/?]+)/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const response = await handler(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body }), {
      params: Promise.resolve({ provider: decodeURIComponent(match[1]!) }),
    });
    requests.push({ eventId, status: response.status, at: Date.now() });
    res.writeHead(response.status, { 'content-type': 'application/json' }).end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
