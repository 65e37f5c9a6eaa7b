/**
 * 企业主体责任: each leader's days in a month against the minimum of their role (《拉萨市关于加强非煤矿山安全生产工作的实施意见》
 * 二(二)1: 主要负责人带班下井 ≥ 5, 实际控制人 ≥ 10, 安全工程师 ≥ 15 个工作日; counted on the server from positioning or
 * the filed records), the months below it, the filed records, and the 矿长安全生产记分 with each principal's
 * year total against the threshold.
 */
import { useState } from 'react';
import { Button, DatePicker, Space, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { dutyApi } from '../../../shared/duty.api.ts';
import type {
  DutyMonthResponse,
  DutyRecordResponse,
  ScoreResponse,
  ScoreTotalResponse,
} from '../../../shared/duty.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { DutyRecordForm, ScoreForm } from './DutyForms.tsx';

const lastMonth = () => dayjs().subtract(1, 'month').format('YYYY-MM');

export function DutyPage() {
  const { t, v } = useI18n();
  const { region } = useRegion();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('nav.duty'));
  const [month, setMonth] = useState(lastMonth());
  const [filing, setFiling] = useState<'record' | 'score' | null>(null);
  const months = useQuery({
    queryKey: ['duty-months', region, month],
    queryFn: () => call(dutyApi.months, { query: { region, month } }),
  });
  const findings = useQuery({
    queryKey: ['duty-findings', region],
    queryFn: () => call(dutyApi.findings, { query: { region } }),
  });
  const records = useQuery({
    queryKey: ['duty-records', region, month],
    queryFn: () => call(dutyApi.records, { query: { region, month } }),
  });
  const totals = useQuery({
    queryKey: ['duty-score-totals', region],
    queryFn: () => call(dutyApi.scoreTotals, { query: { region } }),
  });
  const scores = useQuery({
    queryKey: ['duty-scores', region],
    queryFn: () => call(dutyApi.scores, { query: { region } }),
  });
  if (months.error) {
    return <QueryError error={months.error} />;
  }
  const monthColumns = [
    { title: t('duty.mine'), dataIndex: 'mineName' },
    { title: t('duty.county'), dataIndex: 'countyName', width: 110 },
    { title: t('duty.person'), dataIndex: 'personName', width: 110 },
    { title: t('duty.role'), dataIndex: 'role', width: 110, render: (r: string) => v(r) },
    { title: t('duty.month'), dataIndex: 'month', width: 90 },
    {
      title: t('duty.days'),
      key: 'days',
      width: 110,
      render: (_: unknown, m: DutyMonthResponse) =>
        t('duty.daysOf', { days: m.days, min: m.minDays }),
    },
    { title: t('duty.source'), dataIndex: 'source', width: 100, render: (s: string) => v(s) },
    {
      title: t('duty.result'),
      dataIndex: 'short',
      width: 90,
      render: (short: boolean) =>
        short ? <Tag color="red">{t('duty.short')}</Tag> : <Tag color="green">{t('duty.met')}</Tag>,
    },
  ];
  return (
    <div>
      <div className="page-header">
        <h1>{t('nav.duty')}</h1>
        <Space>
          {can('duty.file') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setFiling('record')}
              data-testid="file-duty"
            >
              {t('duty.fileRecord')}
            </Button>
          )}
          {can('duty.score') && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setFiling('score')}
              data-testid="file-score"
            >
              {t('duty.fileScore')}
            </Button>
          )}
        </Space>
      </div>
      <Tabs
        activeKey={params.get('tab') ?? 'months'}
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={[
          {
            key: 'months',
            label: t('duty.tabMonths'),
            children: (
              <>
                <DatePicker
                  picker="month"
                  allowClear={false}
                  value={dayjs(`${month}-01`)}
                  onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
                  data-testid="duty-month"
                />
                <Table<DutyMonthResponse>
                  size="small"
                  rowKey={(m) => `${m.personId}:${m.role}:${m.month}`}
                  loading={months.isLoading}
                  dataSource={months.data ?? []}
                  pagination={{ pageSize: 50 }}
                  data-testid="duty-months"
                  columns={monthColumns}
                />
              </>
            ),
          },
          {
            key: 'findings',
            label: t('duty.tabFindings'),
            children: (
              <Table<DutyMonthResponse>
                size="small"
                rowKey={(m) => `${m.personId}:${m.role}:${m.month}`}
                loading={findings.isLoading}
                dataSource={findings.data ?? []}
                pagination={{ pageSize: 50 }}
                data-testid="duty-findings"
                columns={monthColumns}
              />
            ),
          },
          {
            key: 'records',
            label: t('duty.tabRecords'),
            children: (
              <Table<DutyRecordResponse>
                size="small"
                rowKey="id"
                loading={records.isLoading}
                dataSource={records.data ?? []}
                pagination={{ pageSize: 50 }}
                data-testid="duty-records"
                columns={[
                  { title: t('duty.dutyOn'), dataIndex: 'dutyOn', width: 110 },
                  { title: t('duty.mine'), dataIndex: 'mineName' },
                  { title: t('duty.person'), dataIndex: 'personName', width: 110 },
                  {
                    title: t('duty.kind'),
                    dataIndex: 'kind',
                    width: 100,
                    render: (k: string) => v(k),
                  },
                  { title: t('duty.note'), dataIndex: 'note' },
                  { title: t('duty.filedBy'), dataIndex: 'filedBy', width: 120 },
                ]}
              />
            ),
          },
          {
            key: 'scores',
            label: t('duty.tabScores'),
            children: (
              <>
                <Table<ScoreTotalResponse>
                  size="small"
                  rowKey="personId"
                  loading={totals.isLoading}
                  dataSource={totals.data ?? []}
                  pagination={false}
                  data-testid="duty-score-totals"
                  columns={[
                    { title: t('duty.mine'), dataIndex: 'mineName' },
                    { title: t('duty.person'), dataIndex: 'personName', width: 110 },
                    { title: t('duty.year'), dataIndex: 'year', width: 80 },
                    {
                      title: t('duty.total'),
                      key: 'total',
                      width: 140,
                      render: (_: unknown, s: ScoreTotalResponse) =>
                        s.overThreshold ? (
                          <Tag color="red">
                            {t('duty.totalOver', { total: s.total, threshold: s.threshold })}
                          </Tag>
                        ) : (
                          t('duty.totalOf', { total: s.total, threshold: s.threshold })
                        ),
                    },
                  ]}
                />
                <Table<ScoreResponse>
                  size="small"
                  rowKey="id"
                  loading={scores.isLoading}
                  dataSource={scores.data ?? []}
                  pagination={{ pageSize: 50 }}
                  data-testid="duty-scores"
                  columns={[
                    { title: t('duty.deductedOn'), dataIndex: 'deductedOn', width: 110 },
                    { title: t('duty.mine'), dataIndex: 'mineName' },
                    { title: t('duty.person'), dataIndex: 'personName', width: 110 },
                    { title: t('duty.points'), dataIndex: 'points', width: 70 },
                    { title: t('duty.reason'), dataIndex: 'reason' },
                    { title: t('duty.filedBy'), dataIndex: 'filedBy', width: 120 },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
      <DutyRecordForm open={filing === 'record'} onClose={() => setFiling(null)} />
      <ScoreForm open={filing === 'score'} onClose={() => setFiling(null)} />
    </div>
  );
}
