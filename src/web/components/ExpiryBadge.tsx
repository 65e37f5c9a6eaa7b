import { Tag } from 'antd';
import { useI18n } from '../app/i18n.tsx';

/** Days from `today` to `date` (both YYYY-MM-DD). */
export function daysUntil(date: string, today: string): number {
  return Math.round(
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}

/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
export function todayInShanghai(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Red when expired, orange when expiring within `warnDays`, green otherwise. */
export function ExpiryBadge({
  date,
  warnDays = 90,
  today = todayInShanghai(),
}: {
  date: string;
  warnDays?: number;
  today?: string;
}) {
  const { t } = useI18n();
  const days = daysUntil(date, today);
  if (days < 0) {
    return <Tag color="red">{`${date} ${t('common.expired')}`}</Tag>;
  }
  if (days <= warnDays) {
    return <Tag color="orange">{`${date} · ${t('common.expiresIn', { days })}`}</Tag>;
  }
  return <Tag color="green">{date}</Tag>;
}
