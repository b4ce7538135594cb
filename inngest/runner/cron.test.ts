import { describe, expect, it } from 'vitest';
import { nextCronTime } from './cron';
import { durationMs } from './start-run';

const at = (iso: string) => new Date(iso);

describe('nextCronTime (UTC)', () => {
  it('finds the next matching minute strictly after the given time', () => {
    expect(nextCronTime('15 3 * * *', at('2026-11-27T03:15:00Z')).toISOString()).toBe('2026-11-28T03:15:00.000Z');
    expect(nextCronTime('15 3 * * *', at('2026-11-27T03:14:59Z')).toISOString()).toBe('2026-11-27T03:15:00.000Z');
    expect(nextCronTime('*/5 * * * *', at('2026-11-27T10:07:30Z')).toISOString()).toBe('2026-11-27T10:10:00.000Z');
    expect(nextCronTime('0 9 * * 1-5', at('2026-11-27T10:00:00Z')).toISOString()).toBe('2026-11-30T09:00:00.000Z'); // Fri → Mon
    expect(nextCronTime('0 0 1 1 *', at('2026-11-27T00:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(nextCronTime('TZ=UTC 30 12 * * *', at('2026-11-27T00:00:00Z')).toISOString()).toBe('2026-11-27T12:30:00.000Z');
  });

  it('rejects malformed schedules', () => {
    expect(() => nextCronTime('61 * * * *', new Date())).toThrow(/invalid cron field/);
    expect(() => nextCronTime('* * *', new Date())).toThrow(/5 fields/);
  });
});

describe('durationMs', () => {
  it('reads Inngest durations', () => {
    expect(durationMs('1s')).toBe(1000);
    expect(durationMs('1h30m')).toBe(5_400_000);
    expect(durationMs('2d')).toBe(172_800_000);
    expect(durationMs('250ms')).toBe(250);
  });
});
