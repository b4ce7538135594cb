// Liveness: the process is up and serving. No database call, so a database outage never
// makes an orchestrator restart healthy app instances.
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok', uptimeS: Math.round(process.uptime()) }, { headers: { 'cache-control': 'no-store' } });
}
