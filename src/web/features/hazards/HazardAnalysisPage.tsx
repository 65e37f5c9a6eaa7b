/**
 * Dynamic analysis of the major-hazard database for the selected region (《2024年矿山安全生产工作要点》第20条):
 * totals, breakdowns by criterion category, mine kind, source and age, the monthly trend, the
 * slowest rectifications, repeat offenders and the stock targets of 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条;
 * exported as xlsx.
 */
import { useMemo } from 'react';
import { Button, Card, Col, Row, Skeleton, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { Breakdown } from '../../../shared/hazard-analysis.schemas.ts';
import { hazardsApi } from '../../../shared/hazards.api.ts';
import { call, toQuery } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { usePageTitle } from '../../app/title.ts';
import { Chart, barOption, pieOption, trendOption } from '../../components/Chart.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';

const statusColour: Record<string, string> = { 已完成: 'green', 进行中: 'blue', 未完成: 'red' };

export function HazardAnalysisPage() {
  const { t, v } = useI18n();
  const { region } = useRegion();
  usePageTitle(t('hazard.analysisTitle'));
  const { data: a, error } = useQuery({
    queryKey: ['hazard-analysis', region],
    queryFn: () => call(hazardsApi.analysis, { query: { region } }),
  });
  const charts = useMemo(() => {
    if (!a) {
      return undefined;
    }
    const bars = (rows: Breakdown[], name: (b: Breakdown) => string = (b) => v(b.label)) =>
      barOption(rows.slice(0, 12).map((b) => ({ name: name(b), count: b.total })));
    return {
      category: bars(a.byCategory, (b) => b.key),
      kind: bars(a.byMineKind),
      source: pieOption(
        a.bySource.map((b) => ({ key: b.key, count: b.total })),
        v,
      ),
      age: bars(a.byAge, (b) => b.label),
      monthly: trendOption(
        a.monthly.map((m) => m.month),
        [
          { name: t('hazard.found'), data: a.monthly.map((m) => m.found) },
          { name: t('hazard.closed'), data: a.monthly.map((m) => m.closed) },
        ],
      ),
    };
  }, [a, t, v]);
  if (error) {
    return <QueryError error={error} />;
  }
  if (!a || !charts) {
    return <Skeleton active />;
  }
  const chartCard = (title: string, option: Parameters<typeof Chart>[0]['option']) => (
    <Col xs={24} lg={12}>
      <Card size="small" title={title} style={{ marginBottom: 16 }}>
        <Chart option={option} label={title} />
      </Card>
    </Col>
  );
  return (
    <div>
      <div className="page-header">
        <h1>{t('hazard.analysisTitle')}</h1>
        <Button
          icon={<DownloadOutlined />}
          href={`/api/hazards/analysis/export${toQuery({ region })}`}
          data-testid="analysis-export"
        >
          {t('common.export')} xlsx
        </Button>
      </div>
      <Card size="small" style={{ marginBottom: 16 }} data-testid="analysis-totals">
        <Row gutter={16}>
          <Col span={6}>
            <Statistic title={t('hazard.total')} value={a.totals.total} />
          </Col>
          <Col span={6}>
            <Statistic title={t('hazard.open')} value={a.totals.open} />
          </Col>
          <Col span={6}>
            <Statistic
              title={t('hazard.overdue')}
              value={a.totals.overdue}
              valueStyle={{ color: a.totals.overdue ? '#cf1322' : undefined }}
            />
          </Col>
          <Col span={6}>
            <Statistic title={t('hazard.closed')} value={a.totals.closed} />
          </Col>
        </Row>
      </Card>
      {/* 原平第8条's targets: the server gives them only for an analysis of 原平. */}
      {a.stockTargets.length > 0 && (
        <Card size="small" title={t('hazard.stockTargets')} style={{ marginBottom: 16 }}>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={a.stockTargets}
            columns={[
              { title: t('hazard.target'), dataIndex: 'label' },
              { title: t('hazard.dueOn'), dataIndex: 'dueOn' },
              {
                title: t('hazard.status'),
                dataIndex: 'status',
                render: (s: string) => <Tag color={statusColour[s]}>{v(s)}</Tag>,
              },
              { title: t('hazard.explanation'), dataIndex: 'explanation' },
            ]}
          />
        </Card>
      )}
      <Row gutter={16}>
        {chartCard(t('hazard.monthly'), charts.monthly)}
        {chartCard(t('hazard.byCategory'), charts.category)}
        {chartCard(t('hazard.byKind'), charts.kind)}
        {chartCard(t('hazard.bySource'), charts.source)}
        {chartCard(t('hazard.byAge'), charts.age)}
      </Row>
      <Card size="small" title={t('hazard.slowest')} style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={a.slowest}
          columns={[
            {
              title: t('hazard.mine'),
              dataIndex: 'mineName',
              render: (name: string, h) => <Link to={`/hazards/${h.id}`}>{name}</Link>,
            },
            { title: t('mine.county'), dataIndex: 'countyName' },
            { title: t('hazard.criterion'), dataIndex: 'criterionCode' },
            { title: t('hazard.state'), dataIndex: 'state', render: (s: string) => v(s) },
            { title: t('hazard.foundOn'), dataIndex: 'foundOn' },
            { title: t('hazard.deadline'), dataIndex: 'deadline' },
            { title: t('hazard.daysOpen'), dataIndex: 'daysOpen' },
            {
              title: t('hazard.daysOverdue'),
              dataIndex: 'daysOverdue',
              render: (d: number) => (d ? <Tag color="red">{d}</Tag> : 0),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('hazard.repeatOffenders')}>
        <Table
          size="small"
          rowKey="mineId"
          pagination={false}
          dataSource={a.repeatOffenders}
          columns={[
            {
              title: t('hazard.mine'),
              dataIndex: 'mineName',
              render: (name: string, m) => <Link to={`/mines/${m.mineId}`}>{name}</Link>,
            },
            { title: t('mine.county'), dataIndex: 'countyName' },
            { title: t('hazard.repeats'), dataIndex: 'repeats' },
            { title: t('hazard.hazardCount'), dataIndex: 'hazards' },
            { title: t('hazard.open'), dataIndex: 'open' },
          ]}
        />
      </Card>
    </div>
  );
}
