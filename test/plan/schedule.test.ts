import { describe, expect, it } from 'vitest';
import { mapScheduleExpression } from '../../src/plan/schedule.js';

describe('mapScheduleExpression', () => {
  it.each([
    ['rate(1 minute)', '0 * * * * *'],
    ['rate(5 minutes)', '0 */5 * * * *'],
    ['rate(15 minutes)', '0 */15 * * * *'],
    ['rate(30 minutes)', '0 */30 * * * *'],
    ['rate(60 minutes)', '0 0 * * * *'],
    ['rate(1 hour)', '0 0 * * * *'],
    ['rate(2 hours)', '0 0 */2 * * *'],
    ['rate(12 hours)', '0 0 */12 * * *'],
    ['rate(120 minutes)', '0 0 */2 * * *'],
    ['rate(1 day)', '0 0 0 * * *'],
    ['rate(24 hours)', '0 0 0 * * *'],
    ['cron(0 12 * * ? *)', '0 0 12 * * *'],
    ['cron(15 10 ? * 6L 2002-2005)', null],
    ['cron(0 18 ? * MON-FRI *)', '0 0 18 * * 1-5'],
    ['cron(0 8 1 * ? *)', '0 0 8 1 * *'],
    ['cron(0/15 * * * ? *)', '0 0-59/15 * * * *'],
    ['cron(0/10 * ? * MON-FRI *)', '0 0-59/10 * * * 1-5'],
    ['cron(5,35 14 * * ? *)', '0 5,35 14 * * *'],
    ['cron(30 9 ? * 2 *)', '0 30 9 * * 1'],
    ['cron(30 9 ? * 1,7 *)', '0 30 9 * * 0,6'],
    ['cron(30 9 ? * 2-6 *)', '0 30 9 * * 1-5'],
    ['cron(0 9 ? * SUN *)', '0 0 9 * * 0'],
    ['cron(0 0 1 JAN ? *)', '0 0 0 1 1 *'],
    ['cron(0 0 1 JAN-MAR ? *)', '0 0 0 1 1-3 *'],
    ['cron(0 10 ? * MON#1 *)', null],
    ['cron(0 10 L * ? *)', null],
    ['cron(0 10 15W * ? *)', null],
    ['cron(0 10 * * ? 2030)', null],
    ['cron(0 10 * *)', null],
    ['at(2026-01-01T00:00:00)', null],
    ['rate(90 seconds)', null],
    ['rate(90 minutes)', null],
  ])('%s → %s', (expr, expected) => {
    const r = mapScheduleExpression(expr);
    if (expected === null) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(10);
    } else {
      expect(r).toMatchObject({ ok: true, ncrontab: expected });
    }
  });

  it.each([
    ['rate(7 minutes)', '0 */7 * * * *'],
    ['rate(5 hours)', '0 0 */5 * * *'],
    ['rate(3 days)', '0 0 0 */3 * *'],
  ])('%s is approximate (%s) and says why', (expr, ncrontab) => {
    const r = mapScheduleExpression(expr);
    expect(r).toMatchObject({ ok: true, exact: false, ncrontab });
    if (r.ok) expect(r.note).toBeTruthy();
  });

  it('always produces 6 NCRONTAB fields', () => {
    for (const e of ['rate(2 minutes)', 'cron(0 0 ? * SAT *)', 'cron(1-5 * * * ? *)']) {
      const r = mapScheduleExpression(e);
      expect(r.ok && r.ncrontab.split(' ')).toHaveLength(6);
    }
  });
});
