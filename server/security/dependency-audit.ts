// Dependency audit policy (issue 9). `npm audit --omit=dev --json` reports advisories for the
// packages a production install ships; this decides whether CI fails on them.
//
// Policy: a high or critical advisory in a production dependency fails the build, unless it is
// listed in `audit-allowlist.json` with a reason and an expiry date that has not passed. Moderate
// and lower advisories are printed, not fatal. An allowlist entry that no longer matches any
// advisory is reported as stale so the list shrinks over time.
import { z } from 'zod';

const severities = ['info', 'low', 'moderate', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

const advisorySchema = z.object({
  source: z.number().optional(),
  name: z.string(),
  title: z.string().optional(),
  url: z.string().optional(),
  severity: z.enum(severities),
});

// The subset of npm's audit report v2 this policy reads.
export const auditReportSchema = z.object({
  auditReportVersion: z.literal(2),
  vulnerabilities: z.record(
    z.string(),
    z.object({
      name: z.string(),
      severity: z.enum(severities),
      isDirect: z.boolean().optional(),
      // Either an advisory object or the name of the dependency that carries it.
      via: z.array(z.union([advisorySchema, z.string()])),
      fixAvailable: z.union([z.boolean(), z.object({}).passthrough()]).optional(),
    }),
  ),
});
export type AuditReport = z.infer<typeof auditReportSchema>;

export const allowlistSchema = z.array(
  z.object({
    // The advisory URL (GHSA link), which is stable across npm versions.
    advisory: z.string().url(),
    package: z.string().min(1),
    reason: z.string().min(10),
    expires: z.iso.date(),
  }),
);
export type Allowlist = z.infer<typeof allowlistSchema>;

export type Finding = { package: string; severity: Severity; title: string; advisory: string };
export type AuditVerdict = {
  ok: boolean;
  blocking: Finding[];
  allowed: Finding[];
  reported: Finding[];
  staleAllowlist: string[];
  expiredAllowlist: string[];
};

const BLOCKING: ReadonlySet<Severity> = new Set(['high', 'critical']);

export function evaluateAudit(report: AuditReport, allowlist: Allowlist, now: Date): AuditVerdict {
  const findings = new Map<string, Finding>();
  for (const vulnerability of Object.values(report.vulnerabilities)) {
    for (const via of vulnerability.via) {
      if (typeof via === 'string') continue; // the advisory is listed under that package itself
      const advisory = via.url ?? `npm:${via.source ?? via.title ?? via.name}`;
      findings.set(`${via.name}|${advisory}`, {
        package: via.name,
        severity: via.severity,
        title: via.title ?? '',
        advisory,
      });
    }
  }

  const today = now.toISOString().slice(0, 10);
  const live = allowlist.filter((entry) => entry.expires >= today);
  const expiredAllowlist = allowlist.filter((entry) => entry.expires < today).map((e) => e.advisory);
  const isAllowed = (finding: Finding) =>
    live.some((entry) => entry.advisory === finding.advisory && entry.package === finding.package);

  const blocking: Finding[] = [];
  const allowed: Finding[] = [];
  const reported: Finding[] = [];
  for (const finding of findings.values()) {
    if (!BLOCKING.has(finding.severity)) reported.push(finding);
    else if (isAllowed(finding)) allowed.push(finding);
    else blocking.push(finding);
  }
  const matched = new Set([...findings.values()].map((f) => f.advisory));
  const staleAllowlist = live.filter((entry) => !matched.has(entry.advisory)).map((e) => e.advisory);
  return { ok: blocking.length === 0, blocking, allowed, reported, staleAllowlist, expiredAllowlist };
}
