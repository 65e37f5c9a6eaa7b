/**
 * Time since an alarm's call, ticking: "3 分 05 秒" / "3m 05s".
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';

/** How often the live alarm views (the board, an alarm, a point, the home's card) refresh. */
export const BOARD_REFRESH_MS = 5000;

/** The current time, refreshed every `ms`. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Whole days, hours, minutes and seconds between two instants, largest two units shown. */
export function formatElapsed(ms: number, units: { d: string; h: string; m: string; s: string }) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const parts: [number, string][] = [
    [Math.floor(total / 86_400), units.d],
    [Math.floor((total % 86_400) / 3600), units.h],
    [Math.floor((total % 3600) / 60), units.m],
    [total % 60, units.s],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  const shown = first === -1 ? parts.slice(3) : parts.slice(first, first + 2);
  return shown.map(([n, u], i) => `${i > 0 ? String(n).padStart(2, '0') : n}${u}`).join(' ');
}

/** `formatElapsed` with the active language's units. */
export function useFormatElapsed(): (ms: number) => string {
  const { t } = useI18n();
  const units = {
    d: t('monitoring.unitDay'),
    h: t('monitoring.unitHour'),
    m: t('monitoring.unitMinute'),
    s: t('monitoring.unitSecond'),
  };
  return (ms) => formatElapsed(ms, units);
}
