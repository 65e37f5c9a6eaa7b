/**
 * The home dashboard's alarms card: open alarms of the region, how many nobody has acknowledged (叫应)
 * and for how long the oldest has waited, and the open alarms by colour.
 */
import { useMemo } from 'react';
import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { warningLevels } from '../../../shared/monitoring.enums.ts';
import { monitoringApi } from '../../../shared/monitoring.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Chart } from '../../components/Chart.tsx';
import { BOARD_REFRESH_MS, useFormatElapsed, useNow } from '../monitoring/elapsed.ts';
import { levelColors } from '../monitoring/LevelTag.tsx';

export function AlarmCard({ region }: { region: string | undefined }) {
  const { t, v } = useI18n();
  const now = useNow(5000);
  const elapsed = useFormatElapsed();
  const { data } = useQuery({
    queryKey: ['alarm-summary', region],
    queryFn: () => call(monitoringApi.alarmSummary, { query: { region } }),
    refetchInterval: BOARD_REFRESH_MS,
  });
  const option = useMemo(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 16, top: 16, bottom: 24 },
        xAxis: { type: 'category', data: warningLevels.map((l) => v(l)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            type: 'bar',
            data: warningLevels.map((l) => ({
              value: data.byLevel[l] ?? 0,
              itemStyle: { color: levelColors[l] },
            })),
          },
        ],
      },
    [data, v],
  );
  return (
    <Card
      title={t('dashboard.alarms')}
      size="small"
      data-testid="alarm-card"
      extra={<Link to="/monitoring">{t('monitoring.boardTitle')}</Link>}
    >
      {!data || !option ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={8}>
            <Col span={8}>
              <Statistic title={t('dashboard.alarmsOpen')} value={data.open} />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('dashboard.alarmsUnanswered')}
                value={data.unanswered}
                valueStyle={{ color: data.unanswered ? '#cf1322' : undefined }}
              />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('dashboard.alarmsLongestWait')}
                value={
                  data.oldestUnansweredAt ? elapsed(now - Date.parse(data.oldestUnansweredAt)) : '—'
                }
              />
            </Col>
          </Row>
          <Chart option={option} label={t('dashboard.alarms')} />
        </>
      )}
    </Card>
  );
}
