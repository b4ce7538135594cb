// What the whole machine's CPUs did between two samples of /proc/stat: busy CPU per request
// (every process: app, Postgres, the load generator) and the share stolen by the hypervisor.
// On a shared VM the steal share says how much of a run's latency was not this machine's own
// work (ADR 038). Off Linux both are null.
import { readFileSync } from 'node:fs';

type Sample = { busy: number; steal: number; total: number } | null;

export function sampleCpu(): Sample {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    // cpu user nice system idle iowait irq softirq steal guest guest_nice (in clock ticks)
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number) as number[];
    const busy = user! + nice! + system! + irq! + softirq!;
    return { busy, steal: steal!, total: busy + idle! + iowait! + steal! };
  } catch {
    return null;
  }
}

/** Busy CPU ms per request across the machine, and the steal share (%) of the interval. */
export function cpuBetween(a: Sample, b: Sample, requests: number): { cpuMsPerRequest: number | null; stealPct: number | null } {
  if (!a || !b || b.total <= a.total) return { cpuMsPerRequest: null, stealPct: null };
  const tickMs = 10; // USER_HZ is 100 on Linux
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    cpuMsPerRequest: round(((b.busy - a.busy) * tickMs) / Math.max(1, requests)),
    stealPct: round((100 * (b.steal - a.steal)) / (b.total - a.total)),
  };
}
