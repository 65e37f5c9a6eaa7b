/** Accident statistics of the selected region: by year (chart), kind, grade and the regions below. */
import { useMemo, useState } from 'react';
import { InputNumber, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { accountabilityApi } from '../../../shared/accountability.api.ts';
import type { AccidentTallyResponse } from '../../../shared/accountability.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Chart } from '../../components/Chart.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';

/** A row of a tally table: a year, kind or region (regions carry their name). */
type Tally = AccidentTallyResponse & { name?: string };

export function AccidentStats({ region }: { region: string | undefined }) {
  const { t, v } = useI18n();
  const thisYear = new Date().getFullYear();
  const [fromYear, setFrom] = useState(thisYear - 2);
  const { data, error } = useQuery({
    queryKey: ['accident-stats', region, fromYear, thisYear],
    queryFn: () =>
      call(accountabilityApi.accidentStats, { query: { region, fromYear, toYear: thisYear } }),
  });
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 48 },
      xAxis: { type: 'category', data: (data?.byYear ?? []).map((y) => y.key) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('accidents.count'),
          data: (data?.byYear ?? []).map((y) => y.accidents),
        },
        {
          type: 'bar',
          name: t('accidents.deaths'),
          data: (data?.byYear ?? []).map((y) => y.deaths),
        },
      ],
    }),
    [data, t],
  );
  if (error) {
    return <QueryError error={error} />;
  }
  const columns = (label: string, name: (r: Tally) => string) => [
    { title: label, key: 'k', render: (_: unknown, r: Tally) => name(r) },
    { title: t('accidents.count'), dataIndex: 'accidents', width: 90 },
    { title: t('accidents.deaths'), dataIndex: 'deaths', width: 90 },
    { title: t('accidents.injuries'), dataIndex: 'injuries', width: 90 },
    {
      title: t('accidents.loss'),
      dataIndex: 'lossYuan',
      width: 140,
      render: (n: number) => n.toLocaleString(),
    },
  ];
  return (
    <div data-testid="accident-stats">
      <Space style={{ marginBottom: 12 }}>
        {t('accidents.fromYear')}
        <InputNumber min={1990} max={thisYear} value={fromYear} onChange={(x) => x && setFrom(x)} />
        — {thisYear}
      </Space>
      {data && <Chart option={option} label={t('accidents.tabStats')} height={240} />}
      <h3>{t('accidents.byKind')}</h3>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={data?.byKind ?? []}
        columns={columns(t('accidents.kind'), (r) => v(r.key))}
      />
      <h3 style={{ marginTop: 16 }}>{t('accidents.byRegion')}</h3>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={data?.byRegion ?? []}
        columns={columns(t('plans.region'), (r) => r.name ?? r.key)}
      />
      <h3 style={{ marginTop: 16 }}>{t('accidents.byGrade')}</h3>
      <Table
        size="small"
        rowKey="grade"
        pagination={false}
        dataSource={data?.byGrade ?? []}
        columns={[
          { title: t('accidents.grade'), dataIndex: 'grade', render: (g: string) => v(g) },
          { title: t('accidents.count'), dataIndex: 'accidents', width: 90 },
        ]}
      />
    </div>
  );
}
