// Readiness: 200 when this instance may take traffic, 503 with the reasons otherwise
// (database down, migrations pending, embedded runner not started, shutting down).
import path from 'node:path';
import { embeddedRunner } from '@/inngest/runner/runner-state';
import { inngestMode } from '@/inngest/mode';
import { getDb } from '@/server/db/client';
import { checkReadiness } from '@/server/db/readiness';
import { isShuttingDown } from '@/server/lib/graceful-shutdown';

export const dynamic = 'force-dynamic';

export async function GET() {
  const expected = inngestMode() === 'embedded' && process.env.INNGEST_RUNNER !== 'off';
  const result = await checkReadiness({
    db: getDb(),
    migrationsDir: path.join(process.cwd(), 'prisma', 'migrations'),
    runner: { expected, running: embeddedRunner()?.isRunning() ?? false },
    shuttingDown: isShuttingDown(),
  });
  return Response.json(result, { status: result.status === 'ready' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
