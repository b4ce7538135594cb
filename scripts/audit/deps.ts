// `npm run audit:deps`: runs `npm audit --omit=dev --json` and applies the policy in
// server/security/dependency-audit.ts (high/critical in production dependencies fail unless
// allowlisted with a reason and an expiry). When the registry's audit endpoint cannot be reached
// (offline CI, or a proxy that refuses it — this build machine answers 405), it says so loudly and
// exits 0 with `"status":"unavailable"`: a missing audit is reported, never passed off as clean.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { allowlistSchema, auditReportSchema, evaluateAudit } from '@/server/security/dependency-audit';

const run = promisify(execFile);

async function npmAudit(): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run('npm', ['audit', '--omit=dev', '--json'], { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    // npm audit exits 1 when it finds anything; its JSON is still on stdout.
    const failed = error as { stdout?: string; stderr?: string };
    return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const allowlist = allowlistSchema.parse(JSON.parse(await readFile('audit-allowlist.json', 'utf8')));
const { stdout, stderr } = await npmAudit();
let parsed: unknown = null;
try {
  parsed = JSON.parse(stdout);
} catch {
  parsed = null;
}
const report = auditReportSchema.safeParse(parsed);
if (!report.success) {
  // With --json, npm puts the registry's refusal on stdout as { message, statusCode }.
  const refusal = (parsed as { message?: unknown } | null)?.message;
  const reason = (
    (typeof refusal === 'string' && refusal) ||
    stderr.match(/audit \d{3}[^\n]*/)?.[0] ||
    stderr.split('\n').find((l) => l.trim()) ||
    'no audit report'
  ).trim();
  console.warn(`dependency audit UNAVAILABLE: ${reason}`);
  console.log(JSON.stringify({ status: 'unavailable', reason }));
  process.exit(0);
}

const verdict = evaluateAudit(report.data, allowlist, new Date());
for (const f of verdict.blocking) console.error(`BLOCKING ${f.severity} ${f.package}: ${f.title} ${f.advisory}`);
for (const f of verdict.allowed) console.warn(`allowed ${f.severity} ${f.package}: ${f.title} (see audit-allowlist.json)`);
for (const f of verdict.reported) console.log(`${f.severity} ${f.package}: ${f.title}`);
for (const a of verdict.staleAllowlist) console.warn(`stale allowlist entry (no longer reported): ${a}`);
for (const a of verdict.expiredAllowlist) console.warn(`expired allowlist entry: ${a}`);
console.log(
  JSON.stringify({
    status: verdict.ok ? 'pass' : 'fail',
    blocking: verdict.blocking.length,
    allowed: verdict.allowed.length,
    reported: verdict.reported.length,
  }),
);
process.exit(verdict.ok ? 0 : 1);
