/**
 * @module Report periods of the periodic inspections (《2024年矿山安全生产工作要点》第19条), shared by the
 * server's calendars and the web's period pickers: a month 'YYYY-MM' or a quarter 'YYYY-Qn'.
 */

/** The first day of a period: 'YYYY-MM' → that month, 'YYYY-Qn' → the quarter's first month. */
export function periodFirstDay(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) {
    return `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  }
  return `${period}-01`;
}

/** The quarter 'YYYY-Qn' that contains a date 'YYYY-MM-DD'. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}
