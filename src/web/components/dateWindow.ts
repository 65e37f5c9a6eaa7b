/**
 * The date pickers' windows: the rule the server checks (shared/date-windows.ts), so that a form never
 * offers a date the server would refuse — a found-on date in the future, an inspection in 0001, a licence
 * ending in 9999.
 */
import type { Dayjs } from 'dayjs';
import { dateWindowBounds, type DateWindow } from '../../shared/date-windows.ts';
import { shanghaiDate } from '../../shared/dates.ts';

/** A DatePicker's `disabledDate` for a window: the days outside it (on today's Beijing date) are disabled. */
export function outsideWindow(window: DateWindow): (d: Dayjs) => boolean {
  return (d) => {
    const { earliest, latest } = dateWindowBounds(window, shanghaiDate(Date.now()));
    const day = d.format('YYYY-MM-DD');
    return day < earliest || day > latest;
  };
}
