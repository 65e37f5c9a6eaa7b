/**
 * 区域风险分级 (国家矿山安全监察局 2024 年简报, 地方经验做法·福建省): the regions below the selected one ranked by their risk
 * coefficient for a month — live for the current month, as kept at month end for past ones — with
 * the formula and a bar chart coloured by level.
 */
import { useMemo, useState } from 'react';
import { Alert, DatePicker, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { actionPlansApi } from '../../../shared/action-plans.api.ts';
import type { RegionalGradeResponse } from '../../../shared/action-plans.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Chart } from '../../components/Chart.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';

export const levelColors: Record<string, string> = {
  重大风险: '#cf1322',
  较大风险: '#fa8c16',
  一般风险: '#d4b106',
  低风险: '#1677ff',
};

export function RegionalRiskTab({ region }: { region: string | undefined }) {
  const { t, v } = useI18n();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const { data, error, isLoading } = useQuery({
    queryKey: ['regional-risk', region, month],
    queryFn: () => call(actionPlansApi.regionalRisk, { query: { region, month } }),
  });
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 48 },
      xAxis: {
        type: 'category',
        data: (data?.regions ?? []).map((r) => r.regionName),
        axisLabel: { rotate: 30 },
      },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'bar',
          data: (data?.regions ?? []).map((r) => ({
            value: r.coefficient,
            itemStyle: { color: levelColors[r.level] ?? '#1677ff' },
          })),
        },
      ],
    }),
    [data],
  );
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <div data-testid="regional-risk">
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          aria-label={t('plans.month')}
        />
        {data && <Tag>{data.live ? t('plans.live') : t('plans.stored')}</Tag>}
      </Space>
      {data && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          message={`${t('plans.formula')}: ${data.formula}`}
          description={data.model.levels
            .map((l) => `${v(l.name)} ≥ ${l.min}`)
            .slice(0, -1)
            .concat(`${t('plans.highMines')}: ${data.model.highClasses.join('、')}`)
            .join(' · ')}
        />
      )}
      {data && data.regions.length > 0 && (
        <Chart option={option} label={t('plans.tabRisk')} height={220} />
      )}
      <Table<RegionalGradeResponse>
        size="small"
        rowKey="regionCode"
        loading={isLoading}
        dataSource={data?.regions ?? []}
        pagination={false}
        columns={[
          { title: t('plans.rank'), dataIndex: 'rank', width: 70 },
          { title: t('plans.region'), dataIndex: 'regionName' },
          { title: t('plans.coefficient'), dataIndex: 'coefficient', width: 110 },
          {
            title: t('plans.level'),
            dataIndex: 'level',
            width: 120,
            render: (l: string) => <Tag color={levelColors[l]}>{v(l)}</Tag>,
          },
          { title: t('plans.mines'), dataIndex: 'mines', width: 90 },
          { title: t('plans.highMines'), dataIndex: 'highMines', width: 110 },
          { title: t('plans.meanScore'), dataIndex: 'meanScore', width: 110 },
        ]}
      />
    </div>
  );
}
