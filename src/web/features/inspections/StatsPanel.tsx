/**
 * 执法统计 (issue 7 §5): per region one level down and per month — inspections, the 四不两直 share,
 * findings, penalties, rechecks on time — with the period's 零处罚 / 只检查不处罚 flags for regions and
 * inspectors, the ranking of the last month, and the typical cases export.
 */
import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Row, Space, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import type { EnforcementTotals as Totals } from '../../../shared/inspection-stats.schemas.ts';
import { inspectionsApi } from '../../../shared/inspections.api.ts';
import { call, toQuery } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Chart } from '../../components/Chart.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';

const pct = (n: number, d: number) => (d === 0 ? '—' : `${Math.round((100 * n) / d)}%`);

export function StatsPanel({ region }: { region: string | undefined }) {
  const { t, v } = useI18n();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const q = { region, from: range[0].format('YYYY-MM'), to: range[1].format('YYYY-MM') };
  const { data, error, isLoading } = useQuery({
    queryKey: ['enforcement-stats', q],
    queryFn: () => call(inspectionsApi.stats, { query: q }),
  });
  const charts = useMemo(() => {
    if (!data) {
      return undefined;
    }
    const months = [...new Set(data.months.map((m) => m.month))].sort();
    const sum = (key: keyof Totals) =>
      months.map((mo) => data.months.filter((m) => m.month === mo).reduce((a, m) => a + m[key], 0));
    return {
      regions: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 32, bottom: 40 },
        xAxis: { type: 'category', data: data.regions.map((r) => r.name) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: t('enforcement.inspections'),
            type: 'bar',
            data: data.regions.map((r) => r.inspections),
          },
          {
            name: t('enforcement.findingsCount'),
            type: 'bar',
            data: data.regions.map((r) => r.findings),
          },
          {
            name: t('enforcement.penaltyCount'),
            type: 'bar',
            data: data.regions.map((r) => r.penalties),
          },
        ],
      },
      months: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 32, bottom: 40 },
        xAxis: { type: 'category', data: months },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: t('enforcement.inspections'), type: 'line', data: sum('inspections') },
          { name: t('enforcement.unannounced'), type: 'line', data: sum('unannounced') },
          { name: t('enforcement.penaltyCount'), type: 'line', data: sum('penalties') },
        ],
      },
    };
  }, [data, t]);
  if (error) {
    return <QueryError error={error} />;
  }
  const flagTags = (flags: string[]) =>
    flags.map((f) => (
      <Tag color="red" key={f}>
        {v(f)}
      </Tag>
    ));
  return (
    <div data-testid="enforcement-stats">
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          picker="month"
          value={range}
          onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])}
          aria-label={t('enforcement.period')}
        />
        <Button
          icon={<DownloadOutlined />}
          href={`/api/inspections/typical-cases/export${toQuery({ region, format: 'xlsx' })}`}
        >
          {t('enforcement.exportTypical')}
        </Button>
      </Space>
      {charts && (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('enforcement.region')}>
              <Chart option={charts.regions} label={t('enforcement.region')} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('enforcement.byMonth')}>
              <Chart option={charts.months} label={t('enforcement.byMonth')} />
            </Card>
          </Col>
        </Row>
      )}
      <Table
        size="small"
        rowKey="code"
        loading={isLoading}
        style={{ marginTop: 12 }}
        dataSource={data?.regions ?? []}
        pagination={false}
        columns={[
          { title: t('enforcement.region'), dataIndex: 'name' },
          { title: t('enforcement.inspections'), dataIndex: 'inspections' },
          {
            title: t('enforcement.unannounced'),
            render: (_: unknown, r: Totals) => pct(r.unannounced, r.inspections),
          },
          { title: t('enforcement.announcedCount'), dataIndex: 'announced' },
          { title: t('enforcement.findingsCount'), dataIndex: 'findings' },
          { title: t('enforcement.penaltyCount'), dataIndex: 'penalties' },
          {
            title: t('enforcement.penaltyYuan'),
            dataIndex: 'penaltyYuan',
            render: (n: number) => n.toLocaleString(),
          },
          {
            title: t('enforcement.rechecksOnTime'),
            render: (_: unknown, r: Totals) => pct(r.rechecksOnTime, r.rechecksDue),
          },
          { title: t('enforcement.flags'), dataIndex: 'flags', render: flagTags },
        ]}
      />
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col xs={24} xl={12}>
          <Card size="small" title={`${t('enforcement.ranking')} ${data?.ranking.month ?? ''}`}>
            <Table
              size="small"
              rowKey="code"
              dataSource={data?.ranking.rows ?? []}
              pagination={false}
              columns={[
                { title: t('enforcement.rank'), dataIndex: 'rank', width: 60 },
                { title: t('enforcement.region'), dataIndex: 'name' },
                { title: t('enforcement.inspections'), dataIndex: 'inspections' },
                { title: t('enforcement.findingsCount'), dataIndex: 'findings' },
                { title: t('enforcement.penaltyCount'), dataIndex: 'penalties' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('enforcement.inspectors')}>
            <Table
              size="small"
              rowKey="userId"
              dataSource={data?.inspectors ?? []}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: t('enforcement.inspectors'), dataIndex: 'name' },
                { title: t('enforcement.inspections'), dataIndex: 'inspections' },
                { title: t('enforcement.findingsCount'), dataIndex: 'findings' },
                { title: t('enforcement.penaltyCount'), dataIndex: 'penalties' },
                { title: t('enforcement.flags'), dataIndex: 'flags', render: flagTags },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
