/**
 * Durations as people say them: the two largest units, "3 天 5 小时", "2 小时 10 分钟", "45 分钟"
 * ("3 d 5 h" in English), never a raw count of minutes.
 */
import { useI18n } from './i18n.tsx';

export interface DurationUnits {
  day: string;
  hour: string;
  minute: string;
}

/** A duration in whole minutes (rounded up), in its two largest units; a zero second unit is left out. */
export function formatDuration(ms: number, units: DurationUnits): string {
  const minutes = Math.max(0, Math.ceil(ms / 60_000));
  const parts: [number, string][] = [
    [Math.floor(minutes / 1440), units.day],
    [Math.floor((minutes % 1440) / 60), units.hour],
    [minutes % 60, units.minute],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) {
    return `0 ${units.minute}`;
  }
  return parts
    .slice(first, first + 2)
    .filter(([n], i) => i === 0 || n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ');
}

/** `formatDuration` in the active language. */
export function useFormatDuration(): (ms: number) => string {
  const { t } = useI18n();
  const units = {
    day: t('duration.day'),
    hour: t('duration.hour'),
    minute: t('duration.minute'),
  };
  return (ms) => formatDuration(ms, units);
}
