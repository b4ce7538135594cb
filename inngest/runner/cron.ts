// A five-field cron (minute hour day-of-month month day-of-week, UTC) for `triggers: [{ cron }]`.
// Supports `*`, `*/n`, `a-b`, `a-b/n` and lists; enough for the schedules functions declare.
const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

function parseField(field: string, [min, max]: [number, number]): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepStr] = part.split('/');
    const step = stepStr ? Number(stepStr) : 1;
    let lo = min;
    let hi = max;
    if (range && range !== '*') {
      const [a, b] = range.split('-');
      lo = Number(a);
      hi = b === undefined ? (stepStr ? max : lo) : Number(b);
    }
    if (![lo, hi, step].every(Number.isInteger) || lo < min || hi > max || step < 1) {
      throw new Error(`invalid cron field "${field}"`);
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export type CronSchedule = { minutes: Set<number>; hours: Set<number>; days: Set<number>; months: Set<number>; weekdays: Set<number>; anyDay: boolean; anyWeekday: boolean };

export function parseCron(expression: string): CronSchedule {
  const fields = expression.replace(/^TZ=\S+\s+/, '').trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron "${expression}" must have 5 fields`);
  const [mi, h, d, mo, wd] = fields as [string, string, string, string, string];
  const weekdays = parseField(wd.replace(/\b7\b/g, '0'), RANGES[4]!);
  return {
    minutes: parseField(mi, RANGES[0]!),
    hours: parseField(h, RANGES[1]!),
    days: parseField(d, RANGES[2]!),
    months: parseField(mo, RANGES[3]!),
    weekdays,
    anyDay: d === '*',
    anyWeekday: wd === '*',
  };
}

function dayMatches(s: CronSchedule, t: Date): boolean {
  const dom = s.days.has(t.getUTCDate());
  const dow = s.weekdays.has(t.getUTCDay());
  // Vixie cron: when both day fields are restricted, either may match.
  if (!s.anyDay && !s.anyWeekday) return dom || dow;
  return dom && dow;
}

/** The first minute strictly after `after` that the schedule matches. */
export function nextCronTime(expression: string, after: Date): Date {
  const s = parseCron(expression);
  const t = new Date(after);
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  for (let guard = 0; guard < 600_000; guard++) {
    if (!s.months.has(t.getUTCMonth() + 1) || !dayMatches(s, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!s.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
    } else if (!s.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
    } else {
      return t;
    }
  }
  throw new Error(`cron "${expression}" never fires`);
}
