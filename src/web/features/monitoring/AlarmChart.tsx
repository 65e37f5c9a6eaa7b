/**
 * The point's chart around one alarm: from 30 minutes before it started to 30 minutes after it ended
 * (or now), with the threshold lines and the alarm's span shaded; the readings endpoint and sensorChart.ts
 * as on the point's page.
 */
import { useMemo } from 'react';
import { Alert, Card, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { monitoringApi } from '../../../shared/monitoring.api.ts';
import type { AlarmResponse } from '../../../shared/monitoring.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Chart } from '../../components/Chart.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { BOARD_REFRESH_MS } from './elapsed.ts';
import { sensorOption } from './sensorChart.ts';

const MARGIN = 30 * 60_000;
/** Past a day the chart reads the 5-minute statistics, as on the point's page. */
const RAW_LIMIT = 24 * 3_600_000;

/** The chart's window: 30 minutes either side of the alarm, ending now at the latest. */
export function alarmWindow(
  a: Pick<AlarmResponse, 'triggeredAt' | 'closedAt'>,
  now: number,
): { from: number; to: number; end: number } {
  const start = Date.parse(a.triggeredAt);
  const end = a.closedAt ? Math.min(Date.parse(a.closedAt), now) : now;
  const to = Math.min(end + MARGIN, now + 60_000);
  // The readings endpoint serves at most 800 days at once; a longer alarm shows its latest part.
  return { from: Math.max(start - MARGIN, to - 799 * 86_400_000), to, end };
}

export function AlarmChart({
  alarm,
}: {
  alarm: Pick<AlarmResponse, 'id' | 'sensorId' | 'triggeredAt' | 'closedAt' | 'peakLevel'>;
}) {
  const { t, v, formatInZone } = useI18n();
  const sensorId = alarm.sensorId ?? '';
  const series = useQuery({
    queryKey: ['series', sensorId, 'alarm', alarm.id, alarm.closedAt],
    queryFn: async () => {
      const w = alarmWindow(alarm, Date.now());
      const data = await call(monitoringApi.readings, {
        params: { id: sensorId },
        query: {
          from: new Date(w.from).toISOString(),
          to: new Date(w.to).toISOString(),
          resolution: w.to - w.from > RAW_LIMIT ? '5m' : 'raw',
        },
      });
      return { data, window: w };
    },
    enabled: sensorId !== '',
    refetchInterval: alarm.closedAt ? false : BOARD_REFRESH_MS * 2,
  });
  const option = useMemo(() => {
    if (!series.data) {
      return undefined;
    }
    const { data, window: w } = series.data;
    return sensorOption(
      data,
      {
        value: t('monitoring.value'),
        min: t('monitoring.min'),
        max: t('monitoring.max'),
        level: (l: string) => v(l),
        time: (ms: number, long: boolean) =>
          formatInZone(ms, long ? 'YYYY-MM-DD HH:mm:ss' : 'MM-DD HH:mm'),
      },
      {
        name: t('monitoring.alarmSpan'),
        from: alarm.triggeredAt,
        to: new Date(w.end).toISOString(),
        level: alarm.peakLevel,
        view: { from: w.from, to: w.to },
      },
    );
  }, [series.data, alarm.triggeredAt, alarm.peakLevel, t, v, formatInZone]);
  if (!alarm.sensorId) {
    return null;
  }
  return (
    <Card size="small" title={t('monitoring.alarmChart')} style={{ marginBottom: 16 }}>
      {series.error ? (
        <QueryError error={series.error} />
      ) : !option || !series.data ? (
        <Skeleton active />
      ) : (
        <>
          {series.data.data.truncated && <Alert type="info" message={t('monitoring.truncated')} />}
          <div data-testid="alarm-chart" data-points={series.data.data.points.length}>
            <Chart option={option} label={t('monitoring.alarmChart')} height={300} />
          </div>
        </>
      )}
    </Card>
  );
}
