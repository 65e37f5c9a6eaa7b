/**
 * The home dashboard's hazards card: totals, open, overdue and supervised hazards of the region, and
 * their states.
 */
import { useMemo } from 'react';
import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { hazardsApi } from '../../../shared/hazards.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Chart, pieOption } from '../../components/Chart.tsx';

export function HazardCard({ region }: { region: string | undefined }) {
  const { t, v } = useI18n();
  const { data } = useQuery({
    queryKey: ['hazard-summary', region],
    queryFn: () => call(hazardsApi.summary, { query: { region } }),
  });
  const option = useMemo(() => (data ? pieOption(data.byState, v) : undefined), [data, v]);
  return (
    <Card title={t('dashboard.hazards')} size="small" data-testid="hazard-card">
      {!data || !option ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={8}>
            <Col span={6}>
              <Statistic title={t('dashboard.hazardsTotal')} value={data.total} />
            </Col>
            <Col span={6}>
              <Statistic title={t('dashboard.hazardsOpen')} value={data.open} />
            </Col>
            <Col span={6}>
              <Statistic
                title={t('dashboard.hazardsOverdue')}
                value={data.overdue}
                valueStyle={{ color: data.overdue ? '#cf1322' : undefined }}
              />
            </Col>
            <Col span={6}>
              <Statistic title={t('dashboard.hazardsSupervised')} value={data.supervised} />
            </Col>
          </Row>
          <Chart option={option} label={t('dashboard.hazards')} />
        </>
      )}
    </Card>
  );
}
