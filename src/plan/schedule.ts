// AWS schedule expressions (rate(), 6-field cron with year, at()) → Azure Functions 6-field NCRONTAB.
// What NCRONTAB cannot express is returned as a reason, which the rules turn into a finding.

export type ScheduleTranslation =
  | { ok: true; ncrontab: string; exact: boolean; note?: string }
  | { ok: false; reason: string };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const translations = new Map<string, ScheduleTranslation>();
/** The translation of one expression, computed once per process (an estate repeats a few schedules many times). */
export function mapScheduleExpression(expression: string): ScheduleTranslation {
  let t = translations.get(expression);
  if (!t) {
    t = Object.freeze(translate(expression));
    if (translations.size < 10_000) translations.set(expression, t);
  }
  return t;
}

function translate(expression: string): ScheduleTranslation {
  const expr = expression.trim();
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.exec(expr);
  if (rate) return mapRate(Number(rate[1]), rate[2]!.toLowerCase());
  const cron = /^cron\((.*)\)$/i.exec(expr);
  if (cron) return mapCron(cron[1]!.trim());
  if (/^at\(/i.test(expr)) return { ok: false, reason: `one-time schedule ${expr} has no NCRONTAB form (a timer fires repeatedly)` };
  return { ok: false, reason: `unrecognised schedule expression ${expr}` };
}

function mapRate(n: number, unit: string): ScheduleTranslation {
  if (n < 1) return { ok: false, reason: `rate(${n} ${unit}) is not a valid interval` };
  let minutes = unit.startsWith('minute') ? n : unit.startsWith('hour') ? n * 60 : n * 1440;
  if (minutes < 60) {
    if (60 % minutes === 0) return { ok: true, exact: true, ncrontab: minutes === 1 ? '0 * * * * *' : `0 */${minutes} * * * *` };
    return { ok: true, exact: false, ncrontab: `0 */${minutes} * * * *`, note: `every ${minutes} minutes does not divide an hour; NCRONTAB restarts the step at each hour` };
  }
  if (minutes % 60 !== 0) {
    return { ok: false, reason: `rate(${n} ${unit}) is not a whole number of hours and cannot be expressed as NCRONTAB` };
  }
  const hours = minutes / 60;
  if (hours < 24) {
    if (24 % hours === 0) return { ok: true, exact: true, ncrontab: hours === 1 ? '0 0 * * * *' : `0 0 */${hours} * * *` };
    return { ok: true, exact: false, ncrontab: `0 0 */${hours} * * *`, note: `every ${hours} hours does not divide a day; NCRONTAB restarts the step at midnight` };
  }
  if (hours % 24 !== 0) return { ok: false, reason: `rate(${n} ${unit}) is not a whole number of days and cannot be expressed as NCRONTAB` };
  const days = hours / 24;
  minutes = 0;
  if (days === 1) return { ok: true, exact: true, ncrontab: '0 0 0 * * *' };
  // A week is the one multi-day interval NCRONTAB keeps exactly: the same weekday (a day-of-month step restarts monthly).
  if (days === 7) return { ok: true, exact: true, ncrontab: '0 0 0 * * 0' };
  return { ok: true, exact: false, ncrontab: `0 0 0 */${days} * *`, note: `every ${days} days restarts at the start of each month in NCRONTAB` };
}

class Untranslatable extends Error {}

/** Expand `a/n` (AWS: from a, every n) to `a-max/n`, which every cron dialect reads the same way. */
function normaliseStep(field: string, max: number): string {
  return field
    .split(',')
    .map((part) => {
      const m = /^(\d+)\/(\d+)$/.exec(part);
      return m ? `${m[1]}-${max}/${m[2]}` : part;
    })
    .join(',');
}

function checkPlain(field: string, name: string): void {
  if (!/^[\d*,/-]+$/.test(field)) throw new Untranslatable(`${name} field '${field}' uses syntax NCRONTAB does not have`);
}

function replaceNames(field: string, names: string[], offset: number): string {
  return field.toUpperCase().replace(/[A-Z]{3}/g, (n) => {
    const i = names.indexOf(n);
    if (i < 0) throw new Untranslatable(`unknown name '${n}'`);
    return String(i + offset);
  });
}

function mapDayOfWeek(field: string): string {
  if (field === '?' || field === '*') return '*';
  if (/[L#]/i.test(field)) throw new Untranslatable(`day-of-week '${field}' (last or nth weekday of the month) has no NCRONTAB form`);
  // AWS numbers days 1-7 from Sunday; NCRONTAB 0-6 from Sunday. Names are mapped straight to NCRONTAB numbers.
  const numeric = field.replace(/\d+/g, (d) => {
    const v = Number(d);
    if (v < 1 || v > 7) throw new Untranslatable(`day-of-week value ${v} is outside AWS's 1-7`);
    return String(v - 1);
  });
  const named = replaceNames(numeric, DAYS, 0);
  checkPlain(named, 'day-of-week');
  return normaliseStep(named, 6);
}

function mapCron(body: string): ScheduleTranslation {
  const fields = body.split(/\s+/);
  if (fields.length !== 6) return { ok: false, reason: `cron(${body}) must have 6 fields (minutes hours day-of-month month day-of-week year)` };
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  try {
    if (year !== '*' && year !== '?') throw new Untranslatable(`year '${year}' cannot be expressed (NCRONTAB has no year field)`);
    if (dom !== '?' && dow !== '?' && dom !== '*' && dow !== '*') throw new Untranslatable('AWS requires ? in day-of-month or day-of-week');
    checkPlain(min, 'minutes');
    checkPlain(hour, 'hours');
    let day = dom === '?' ? '*' : dom;
    if (/[LW]/i.test(day)) throw new Untranslatable(`day-of-month '${dom}' (last day or nearest weekday) has no NCRONTAB form`);
    checkPlain(day, 'day-of-month');
    day = normaliseStep(day, 31);
    const mon = normaliseStep(replaceNames(month, MONTHS, 1), 12);
    checkPlain(mon, 'month');
    const weekday = mapDayOfWeek(dow);
    return { ok: true, exact: true, ncrontab: ['0', normaliseStep(min, 59), normaliseStep(hour, 23), day, mon, weekday].join(' ') };
  } catch (e) {
    if (e instanceof Untranslatable) return { ok: false, reason: `cron(${body}): ${e.message}` };
    throw e;
  }
}
