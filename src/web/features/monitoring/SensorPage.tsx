/**
 * One monitoring point: its newest value and colour, the chart of its readings with the threshold bands
 * and the alarms marked, the mine's own definition when the point came from its upload files, its alarms, the threshold editor (for those who manage monitoring) and the
 * audited history of its changes.
 */
import { useMemo, useState } from 'react';
import { Alert, Card, Descriptions, Segmented, Skeleton, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { monitoringApi } from '../../../shared/monitoring.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { AuditHistory } from '../../components/AuditHistory.tsx';
import { Chart } from '../../components/Chart.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { AlarmBoard, BOARD_REFRESH_MS } from './AlarmBoardPage.tsx';
import { LevelTag } from './LevelTag.tsx';
import { sensorOption } from './sensorChart.ts';
import { ThresholdEditor } from './ThresholdEditor.tsx';
import { CoalPointCard } from '../coal/CoalPointCard.tsx';
import { BackLink } from '../../components/BackLink.tsx';

const HOUR = 3_600_000;
/** The windows the chart offers; past a day it reads the 5-minute statistics. */
const windows = {
  '1h': HOUR,
  '6h': 6 * HOUR,
  '24h': 24 * HOUR,
  '7d': 168 * HOUR,
  '30d': 720 * HOUR,
};
type Window = keyof typeof windows;

export function SensorPage() {
  const { id = '' } = useParams();
  const { t, v, formatDateTime, formatInZone } = useI18n();
  const { can } = useSession();
  const [span, setSpan] = useState<Window>('6h');
  const sensor = useQuery({
    queryKey: ['sensor', id],
    queryFn: () => call(monitoringApi.sensor, { params: { id } }),
    refetchInterval: BOARD_REFRESH_MS,
  });
  const series = useQuery({
    queryKey: ['series', id, span],
    queryFn: () => {
      const to = new Date(Date.now() + 60_000);
      const from = new Date(to.getTime() - windows[span]);
      const resolution = windows[span] > 24 * HOUR ? '5m' : 'raw';
      return call(monitoringApi.readings, {
        params: { id },
        query: { from: from.toISOString(), to: to.toISOString(), resolution },
      });
    },
    refetchInterval: BOARD_REFRESH_MS * 2,
  });
  const names = useMemo(
    () => ({
      value: t('monitoring.value'),
      min: t('monitoring.min'),
      max: t('monitoring.max'),
      level: (l: string) => v(l),
      time: (ms: number, long: boolean) =>
        formatInZone(
          ms,
          long ? 'YYYY-MM-DD HH:mm:ss' : windows[span] > 24 * HOUR ? 'MM-DD HH:mm' : 'HH:mm',
        ),
    }),
    [t, v, span, formatInZone],
  );
  const option = useMemo(
    () => (series.data ? sensorOption(series.data, names) : undefined),
    [series.data, names],
  );
  const s = sensor.data;
  usePageTitle(s ? `${t('monitoring.sensor')}: ${s.code}` : t('monitoring.sensor'));
  if (sensor.error) {
    return <QueryError error={sensor.error} />;
  }
  if (!s) {
    return <Skeleton active />;
  }
  return (
    <div>
      <BackLink to={`/mines/${s.mineId}`} label={t('monitoring.toMine')} />
      <div className="page-header">
        <h1>
          {s.code} · {s.name} <LevelTag level={s.level} offline={s.offline} />
        </h1>
      </div>
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('monitoring.quantity')}>
          {v(s.quantity)} ({s.unit})
        </Descriptions.Item>
        <Descriptions.Item label={t('monitoring.item')}>{s.item}</Descriptions.Item>
        <Descriptions.Item label={t('monitoring.location')}>{s.location ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('monitoring.lastValue')}>
          {s.lastValue === null ? '—' : `${s.lastValue} ${s.unit}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('monitoring.lastReadingAt')}>
          {s.lastReadingAt ? formatDateTime(s.lastReadingAt) : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Card
        size="small"
        title={t('monitoring.chart')}
        style={{ marginBottom: 16 }}
        extra={
          <Segmented
            value={span}
            onChange={(value) => setSpan(value as Window)}
            options={Object.keys(windows)}
          />
        }
      >
        {series.error ? (
          <QueryError error={series.error} />
        ) : !option || !series.data ? (
          <Skeleton active />
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            {series.data.truncated && <Alert type="info" message={t('monitoring.truncated')} />}
            <div data-testid="sensor-chart" data-points={series.data.points.length}>
              <Chart option={option} label={t('monitoring.chart')} height={360} />
            </div>
          </Space>
        )}
      </Card>
      {can('coal_upload.read') && <CoalPointCard sensorId={s.id} unit={s.unit} />}
      <Card size="small" title={t('monitoring.alarms')} style={{ marginBottom: 16 }}>
        <AlarmBoard sensorId={s.id} />
      </Card>
      {can('monitoring.manage') && <ThresholdEditor key={s.version} sensor={s} />}
      <Card size="small" title={t('monitoring.history')} style={{ marginTop: 16 }}>
        <AuditHistory entityType="sensor" entityId={s.id} />
      </Card>
    </div>
  );
}
