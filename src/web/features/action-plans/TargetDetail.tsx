/**
 * One indicator in a drawer: its value at the end of each of the last 12 months with the goals as
 * lines (ECharts), and the mines that hold the figure back with the reason for each.
 */
import { useMemo } from 'react';
import { Drawer, Empty, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { actionPlansApi } from '../../../shared/action-plans.api.ts';
import type { HoldingBackResponse } from '../../../shared/action-plans.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegionName } from '../../app/region.tsx';
import { Chart } from '../../components/Chart.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import type { Indicator } from './TargetBoard.tsx';
import { goalTags, hasFigures } from './targets.ts';

export function TargetDetail({
  indicator,
  region,
  onClose,
}: {
  indicator: Indicator | null;
  region: string | undefined;
  onClose: () => void;
}) {
  const { t, v } = useI18n();
  const regionName = useRegionName();
  const key = indicator?.key;
  const trend = useQuery({
    queryKey: ['target-trend', key, region],
    enabled: Boolean(key),
    queryFn: () =>
      call(actionPlansApi.targetTrend, { params: { key: key ?? '' }, query: { region } }),
  });
  const mines = useQuery({
    queryKey: ['target-mines', key, region],
    enabled: Boolean(key),
    queryFn: () =>
      call(actionPlansApi.targetMines, { params: { key: key ?? '' }, query: { region } }),
  });
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: (trend.data?.points ?? []).map((p) => p.date.slice(0, 7)) },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'line',
          name: indicator?.name ?? '',
          data: (trend.data?.points ?? []).map((p) => p.value),
          connectNulls: false,
          markLine: {
            symbol: 'none',
            data: goalTags(indicator?.targets ?? []).map((g) => ({
              yAxis: g.goal,
              name: `${g.year}`,
              label: { formatter: `${g.year}: ${g.goal}%` },
            })),
          },
        },
      ],
    }),
    [trend.data, indicator],
  );
  return (
    <Drawer
      open={Boolean(indicator)}
      onClose={onClose}
      width={760}
      title={indicator ? v(indicator.name) : undefined}
      destroyOnHidden
    >
      {(trend.error || mines.error) && <QueryError error={trend.error ?? mines.error} />}
      <Typography.Paragraph type="secondary">
        {t('plans.source')}: {indicator?.source}
      </Typography.Paragraph>
      <h3>{t('plans.trend')}</h3>
      {trend.data &&
        (hasFigures(trend.data.points) ? (
          <Chart option={option} label={t('plans.trend')} height={240} />
        ) : (
          <Empty description={t('plans.noTrend')} data-testid="trend-empty" />
        ))}
      <h3 style={{ marginTop: 16 }}>{t('plans.holdingBack')}</h3>
      <Table<HoldingBackResponse>
        size="small"
        rowKey="mineId"
        loading={mines.isLoading}
        dataSource={mines.data?.mines ?? []}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: t('plans.noneHolding') }}
        data-testid="holding-back"
        columns={[
          {
            title: t('plans.mine'),
            dataIndex: 'mineName',
            render: (n: string, m) => <Link to={`/mines/${m.mineId}`}>{n}</Link>,
          },
          {
            title: t('mine.county'),
            dataIndex: 'countyCode',
            width: 100,
            render: (code: string) => regionName(code),
          },
          {
            title: `${t('plans.value')}`,
            key: 'nd',
            width: 90,
            render: (_: unknown, m) => `${m.numerator}/${m.denominator}`,
          },
          { title: t('plans.note'), dataIndex: 'note' },
        ]}
      />
    </Drawer>
  );
}
