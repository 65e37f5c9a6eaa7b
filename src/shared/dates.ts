/**
 * @module Calendar dates and instants, one way for server, web and CLI: a date is 'YYYY-MM-DD' on the
 * Beijing calendar (Asia/Shanghai, UTC+8 all year — China keeps no daylight saving), a month 'YYYY-MM',
 * an instant a Date or epoch milliseconds. Date arithmetic is calendar arithmetic on the string's own
 * day, never on a local time zone of the machine.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Asia/Shanghai (China Standard Time) is UTC+8 all year. */
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

const utcDay = (date: string) => new Date(`${date.slice(0, 10)}T00:00:00Z`);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The Beijing date of an instant. */
export function shanghaiDate(at: Date | number): string {
  return isoDay(new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS));
}

/** Today's Beijing date by a clock, or the date `offsetDays` from today. */
export function todayIn(clock: () => Date, offsetDays = 0): string {
  return shanghaiDate(clock().getTime() + offsetDays * DAY_MS);
}

/** An instant as Beijing wall-clock time, 'YYYY-MM-DD HH:mm:ss'. */
export function shanghaiDateTime(at: Date | number | string): string {
  const ms = typeof at === 'string' ? Date.parse(at) : new Date(at).getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The instant a Beijing date begins (its midnight, 16:00 UTC the day before). */
export function shanghaiMidnight(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00+08:00`);
}

/** The Beijing midnight at or before an instant, in epoch milliseconds. */
export function shanghaiDayStart(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Adds (or with a negative number subtracts) calendar days to a date. */
export function addDays(date: string, days: number): string {
  const d = utcDay(date);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}

/** Adds calendar months to a date, clamping to the month's last day (11-30 + 3 → 02-28). */
export function addMonths(date: string, months: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return isoDay(target);
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to).getTime() - utcDay(from).getTime()) / DAY_MS);
}

/** The first day of the month of a date or of a month 'YYYY-MM'. */
export function monthStart(dateOrMonth: string): string {
  return `${dateOrMonth.slice(0, 7)}-01`;
}

/** The last day of the month of a date or of a month 'YYYY-MM'. */
export function monthEnd(dateOrMonth: string): string {
  return addDays(addMonths(monthStart(dateOrMonth), 1), -1);
}

/** How many days the month of a date or of a month 'YYYY-MM' has. */
export function daysInMonth(dateOrMonth: string): number {
  return Number(monthEnd(dateOrMonth).slice(8, 10));
}

/** The first day of the quarter of a date. */
export function quarterStart(date: string): string {
  const m = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
}

/** The last day of the quarter of a date. */
export function quarterEnd(date: string): string {
  return addDays(addMonths(quarterStart(date), 3), -1);
}
