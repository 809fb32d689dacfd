// rate() translations checked by simulation: cron-parser computes a year of fire times of each NCRONTAB expression
// the planner produces. An exact translation must fire at the Lambda interval every time; an inexact one must be
// flagged (exact: false, which the rules turn into a warning) and must really drift somewhere in that year.

import { CronExpressionParser } from 'cron-parser';
import { describe, expect, it } from 'vitest';
import { mapScheduleExpression } from '../../src/plan/schedule.js';

const START = new Date('2026-01-01T00:00:00Z');
const YEAR_MS = 366 * 24 * 3600 * 1000;
const MAX_FIRES = 600_000; // a year of minutes, the densest rate

/** Gaps between consecutive fire times over a year, in minutes (bounded: at most MAX_FIRES fires). */
function gaps(ncrontab: string): Set<number> {
  const it = CronExpressionParser.parse(ncrontab, { currentDate: new Date(START.getTime() - 1), tz: 'UTC' });
  const out = new Set<number>();
  let previous = it.next().getTime();
  for (let i = 0; i < MAX_FIRES; i++) {
    const t = it.next().getTime();
    if (t - START.getTime() > YEAR_MS) break;
    out.add((t - previous) / 60_000);
    previous = t;
  }
  return out;
}

const RATES = [
  ...[1, 2, 3, 4, 5, 6, 7, 10, 12, 15, 20, 25, 30, 45].map((n) => [`rate(${n} minute${n > 1 ? 's' : ''})`, n] as const),
  ...[1, 2, 3, 4, 5, 6, 7, 8, 12, 24, 48].map((n) => [`rate(${n} hour${n > 1 ? 's' : ''})`, n * 60] as const),
  ...[1, 2, 3, 5, 7, 10, 14, 30].map((n) => [`rate(${n} day${n > 1 ? 's' : ''})`, n * 1440] as const),
];

describe('rate() → NCRONTAB, simulated over a year', () => {
  it.each(RATES)('%s fires every interval when exact, and is flagged when it drifts', (expression, minutes) => {
    const t = mapScheduleExpression(expression);
    if (!t.ok) return; // not expressible: a blocker finding, covered by schedule.test.ts
    const seen = gaps(t.ncrontab);
    if (t.exact) expect([...seen], `${expression} → ${t.ncrontab}`).toEqual([minutes]);
    else expect(seen.size, `${expression} → ${t.ncrontab} is flagged but never drifts`).toBeGreaterThan(1);
  });

  it('keeps a weekly rate exact (a day-of-month step would fire on days 1, 8, 15, 22, 29 and restart monthly)', () => {
    const t = mapScheduleExpression('rate(7 days)');
    expect(t).toMatchObject({ ok: true, exact: true });
    expect(gaps('0 0 0 */7 * *').size).toBeGreaterThan(1);
  });
});
