/**
 * 井下人员 of one coal mine, from its positioning files (MT/T 1201.3-2023): who is down now, per area
 * against its 核定人数 (over-staffed areas marked), leaders (是否矿领导) and special workers (是否特种人员)
 * marked; and each leader's 领导带班下井 days in a month against the days required.
 */
import { useState } from 'react';
import { Alert, Card, Col, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { coalUploadApi } from '../../../shared/coal-upload.api.ts';
import type {
  CoalLeaderDescentsResponse,
  CoalUndergroundResponse,
} from '../../../shared/coal-upload.schemas.ts';
import { todayIn } from '../../../shared/dates.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import type { z } from 'zod';
import { recentMonths } from './coal.ts';

type Area = CoalUndergroundResponse['areas'][number];
type Person = CoalUndergroundResponse['people'][number];
type Leader = z.infer<typeof CoalLeaderDescentsResponse>['leaders'][number];

/** Who is down now: totals, areas against 核定人数, the people. */
export function UndergroundNow({ data }: { data: CoalUndergroundResponse }) {
  const { t, formatDateTime } = useI18n();
  const areaName = new Map(data.areas.map((a) => [a.areaCode, a.name]));
  if (data.asOf === null) {
    return <Alert type="info" showIcon message={t('coal.noPositioning')} />;
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="underground-now">
      {data.stale && (
        <Alert
          type="warning"
          showIcon
          message={t('coal.positioningStale', { time: formatDateTime(data.asOf) })}
        />
      )}
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Statistic title={t('coal.total')} value={data.total} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('coal.leaders')} value={data.leaders} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('coal.special')} value={data.special} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('coal.asOf')} value={formatDateTime(data.asOf)} />
        </Col>
      </Row>
      <Card size="small" title={t('coal.areas')}>
        <Table<Area>
          size="small"
          rowKey="areaCode"
          pagination={false}
          dataSource={data.areas}
          columns={[
            {
              title: t('coal.area'),
              dataIndex: 'name',
              render: (n: string | null) => n ?? t('coal.unnamedArea'),
            },
            {
              title: t('coal.count'),
              dataIndex: 'count',
              align: 'right',
              render: (n: number, a) =>
                a.overQuota ? (
                  <Tag color="red" data-testid="over-quota">
                    {n} · {t('coal.overQuota')}
                  </Tag>
                ) : (
                  n
                ),
            },
            {
              title: t('coal.quota'),
              dataIndex: 'quota',
              align: 'right',
              render: (n: number | null) => n ?? '—',
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('coal.people')}>
        <Table<Person>
          size="small"
          rowKey="cardCode"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={data.people}
          columns={[
            {
              title: t('coal.personName'),
              dataIndex: 'name',
              render: (name: string, p) => (
                <Space size={4}>
                  {name}
                  {p.isLeader && <Tag color="blue">{t('coal.leaderTag')}</Tag>}
                  {p.isSpecial && <Tag color="purple">{t('coal.specialTag')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('coal.personTitle'),
              dataIndex: 'title',
              render: (x: string | null) => x ?? '—',
            },
            {
              title: t('coal.area'),
              dataIndex: 'areaCode',
              render: (c: string | null) =>
                (c === null ? null : areaName.get(c)) ?? t('coal.unnamedArea'),
            },
            {
              title: t('coal.inAt'),
              dataIndex: 'inAt',
              render: (at: string | null) => (at ? formatDateTime(at) : '—'),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** Each leader's days down in a month against the required days. */
export function LeaderDescents({ data }: { data: z.infer<typeof CoalLeaderDescentsResponse> }) {
  const { t } = useI18n();
  if (!data.judged) {
    return <Alert type="info" showIcon title={t('coal.noPositioningMonth')} />;
  }
  return (
    <Table<Leader>
      data-testid="leader-descents"
      size="small"
      rowKey="cardCode"
      pagination={false}
      dataSource={data.leaders}
      tableLayout="fixed"
      columns={[
        { title: t('coal.personName'), dataIndex: 'name', width: 110 },
        {
          title: t('coal.personTitle'),
          dataIndex: 'title',
          width: 120,
          render: (x: string | null) => x ?? '—',
        },
        {
          title: t('coal.descentDays'),
          dataIndex: 'days',
          align: 'right',
          width: 140,
          render: (n: number, l) => (
            <Space size={4}>
              {n}
              {l.short && <Tag color="red">{t('coal.short', { required: data.requiredDays })}</Tag>}
            </Space>
          ),
        },
        { title: t('coal.descents'), dataIndex: 'descents', align: 'right', width: 90 },
        {
          title: t('coal.descentDates'),
          dataIndex: 'dates',
          render: (ds: string[]) => ds.map((d) => d.slice(5)).join('、') || '—',
        },
      ]}
    />
  );
}

export function UndergroundTab({ mineId }: { mineId: string }) {
  const { t } = useI18n();
  const months = recentMonths(
    todayIn(() => new Date()),
    12,
  );
  const [month, setMonth] = useState(months[0] ?? '');
  const now = useQuery({
    queryKey: ['coal', 'underground', 'mine', mineId],
    queryFn: () => call(coalUploadApi.underground, { params: { id: mineId } }),
    refetchInterval: 60_000,
  });
  const leaders = useQuery({
    queryKey: ['coal', 'leader-descents', mineId, month],
    queryFn: () => call(coalUploadApi.leaderDescents, { params: { id: mineId }, query: { month } }),
  });
  if (now.error ?? leaders.error) {
    return <QueryError error={now.error ?? leaders.error} />;
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {now.data ? <UndergroundNow data={now.data} /> : <Card loading size="small" />}
      <Card
        size="small"
        title={
          leaders.data
            ? t('coal.leaderDescentsTitle', { required: leaders.data.requiredDays })
            : t('coal.leaderDescents')
        }
        extra={
          <Select
            aria-label={t('coal.month')}
            value={month}
            onChange={setMonth}
            style={{ width: 120 }}
            options={months.map((m) => ({ value: m, label: m }))}
          />
        }
      >
        {leaders.data ? <LeaderDescents data={leaders.data} /> : <Card loading size="small" />}
      </Card>
    </Space>
  );
}
