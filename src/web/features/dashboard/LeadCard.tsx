/**
 * The home dashboard's leads card: open leads of the region, how many wait for an inspector, how many
 * are new this week, and the open leads by rule.
 */
import { useMemo } from 'react';
import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { leadsApi } from '../../../shared/leads.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Chart } from '../../components/Chart.tsx';

export function LeadCard({ region }: { region: string | undefined }) {
  const { t, v } = useI18n();
  const { data } = useQuery({
    queryKey: ['lead-summary', region],
    queryFn: () => call(leadsApi.summary, { query: { region } }),
  });
  const option = useMemo(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 16, top: 16, bottom: 40 },
        xAxis: {
          type: 'category',
          data: data.byRule.map((r) => v(r.rule)),
          axisLabel: { rotate: 20 },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { type: 'bar', data: data.byRule.map((r) => r.open), itemStyle: { color: '#d4380d' } },
        ],
      },
    [data, v],
  );
  return (
    <Card
      title={t('dashboard.leads')}
      size="small"
      data-testid="lead-card"
      extra={<Link to="/leads">{t('leads.listTitle')}</Link>}
    >
      {!data || !option ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={8}>
            <Col span={8}>
              <Statistic title={t('leads.open')} value={data.open} />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('leads.unassigned')}
                value={data.unassigned}
                valueStyle={{ color: data.unassigned ? '#cf1322' : undefined }}
              />
            </Col>
            <Col span={8}>
              <Statistic title={t('leads.newLast7Days')} value={data.newLast7Days} />
            </Col>
          </Row>
          <Chart option={option} label={t('leads.byRule')} />
        </>
      )}
    </Card>
  );
}
