import { describe, expect, it } from 'vitest';
import { auditReportSchema, evaluateAudit, type Allowlist } from './dependency-audit';

// Shaped exactly like `npm audit --json` (report v2): the advisory sits under the vulnerable
// package, and packages that depend on it point at it by name.
const report = auditReportSchema.parse({
  auditReportVersion: 2,
  vulnerabilities: {
    semver: {
      name: 'semver',
      severity: 'high',
      isDirect: false,
      via: [
        {
          source: 1096482,
          name: 'semver',
          dependency: 'semver',
          title: 'semver vulnerable to Regular Expression Denial of Service',
          url: 'https://github.com/advisories/GHSA-c2qf-rxjj-qqgw',
          severity: 'high',
          cwe: ['CWE-1333'],
          cvss: { score: 5.3, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' },
          range: '>=7.0.0 <7.5.2',
        },
      ],
      effects: ['make-dir'],
      range: '7.0.0 - 7.5.1',
      nodes: ['node_modules/semver'],
      fixAvailable: true,
    },
    'make-dir': {
      name: 'make-dir',
      severity: 'high',
      isDirect: false,
      via: ['semver'],
      effects: [],
      range: '3.0.0 - 3.1.0',
      nodes: ['node_modules/make-dir'],
      fixAvailable: true,
    },
    postcss: {
      name: 'postcss',
      severity: 'moderate',
      isDirect: false,
      via: [
        {
          source: 1094544,
          name: 'postcss',
          title: 'PostCSS line return parsing error',
          url: 'https://github.com/advisories/GHSA-7fh5-64p2-3v2j',
          severity: 'moderate',
        },
      ],
      effects: [],
      fixAvailable: false,
    },
  },
  metadata: { vulnerabilities: { high: 2, moderate: 1, total: 3 } },
});

const semverEntry = (expires: string): Allowlist[number] => ({
  advisory: 'https://github.com/advisories/GHSA-c2qf-rxjj-qqgw',
  package: 'semver',
  reason: 'Only reached from a build-time tool; no user input reaches semver ranges.',
  expires,
});
const now = new Date('2026-11-27T12:00:00Z');

describe('dependency audit policy', () => {
  it('fails on a high advisory, counted once although two packages carry it', () => {
    const verdict = evaluateAudit(report, [], now);
    expect(verdict.ok).toBe(false);
    expect(verdict.blocking).toEqual([
      expect.objectContaining({ package: 'semver', severity: 'high', advisory: 'https://github.com/advisories/GHSA-c2qf-rxjj-qqgw' }),
    ]);
    expect(verdict.reported.map((f) => f.package)).toEqual(['postcss']);
  });

  it('passes when the high advisory is allowlisted and the entry has not expired', () => {
    const verdict = evaluateAudit(report, [semverEntry('2026-12-31')], now);
    expect(verdict.ok).toBe(true);
    expect(verdict.allowed).toHaveLength(1);
    expect(verdict.staleAllowlist).toEqual([]);
  });

  it('an expired allowlist entry no longer excuses the advisory', () => {
    const verdict = evaluateAudit(report, [semverEntry('2026-11-26')], now);
    expect(verdict.ok).toBe(false);
    expect(verdict.expiredAllowlist).toEqual(['https://github.com/advisories/GHSA-c2qf-rxjj-qqgw']);
  });

  it('reports allowlist entries that match nothing as stale', () => {
    const entry = { ...semverEntry('2027-01-31'), advisory: 'https://github.com/advisories/GHSA-xxxx-yyyy-zzzz' };
    const verdict = evaluateAudit(report, [entry], now);
    expect(verdict.staleAllowlist).toEqual(['https://github.com/advisories/GHSA-xxxx-yyyy-zzzz']);
    expect(verdict.ok).toBe(false);
  });

  it('a clean report passes with nothing to say', () => {
    const clean = auditReportSchema.parse({ auditReportVersion: 2, vulnerabilities: {} });
    expect(evaluateAudit(clean, [], now)).toMatchObject({ ok: true, blocking: [], reported: [] });
  });
});
