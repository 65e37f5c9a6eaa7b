/**
 * 数据接入: every coal mine of the selected region with its MT/T 1201 uploads — each type's newest file,
 * its delay, files per hour and the files refused with their reasons — the mines not uploading first
 * (the server's order); and the 井下人数 of every coal mine.
 */
import { useState } from 'react';
import { Alert, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { coalUploadApi } from '../../../shared/coal-upload.api.ts';
import type {
  CoalMineFeedsResponse,
  CoalUndergroundMineResponse,
} from '../../../shared/coal-upload.schemas.ts';
import { call } from '../../app/api.ts';
import { useFormatDuration } from '../../app/duration.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion, useRegionName } from '../../app/region.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { countByState, feedStateColors, newestDelay, notUploading } from './coal.ts';
import { MineFeeds } from './MineFeeds.tsx';

const REFRESH_MS = 60_000;

/** The mines and their feeds, with a switch to the ones not uploading. */
export function FeedsTable({
  mines,
  regionName,
}: {
  mines: CoalMineFeedsResponse[];
  regionName: (code: string) => string;
}) {
  const { t, v, formatDateTime } = useI18n();
  const duration = useFormatDuration();
  const [only, setOnly] = useState<'all' | 'bad'>('all');
  const counts = countByState(mines);
  const shown = only === 'bad' ? mines.filter((m) => notUploading.includes(m.state)) : mines;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented
          data-testid="feeds-filter"
          value={only}
          onChange={(value) => setOnly(value as 'all' | 'bad')}
          options={[
            { value: 'all', label: t('coal.allMines', { count: mines.length }) },
            {
              value: 'bad',
              label: t('coal.notUploading', {
                count: mines.filter((m) => notUploading.includes(m.state)).length,
              }),
            },
          ]}
        />
        {[...counts].map(([state, n]) => (
          <Tag key={state} color={feedStateColors[state]}>
            {v(state)} {n}
          </Tag>
        ))}
      </Space>
      <Table<CoalMineFeedsResponse>
        data-testid="feeds-table"
        size="small"
        rowKey="mineId"
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        expandable={{
          expandedRowRender: (m) => <MineFeeds mine={m} />,
          rowExpandable: (m) => m.coalCode !== null,
        }}
        columns={[
          {
            title: t('coal.mine'),
            dataIndex: 'mineName',
            render: (name: string, m) => <Link to={`/mines/${m.mineId}`}>{name}</Link>,
          },
          {
            title: t('coal.county'),
            dataIndex: 'countyCode',
            render: (c: string) => regionName(c),
          },
          {
            title: t('coal.state'),
            dataIndex: 'state',
            render: (s: CoalMineFeedsResponse['state'], m) => (
              <Space size={4} wrap>
                <Tag color={feedStateColors[s]} data-testid="feed-state">
                  {v(s)}
                </Tag>
                {s === '上传延迟' && (
                  <Typography.Text type="secondary">
                    {m.feeds
                      .filter((f) => f.stale)
                      .map((f) => t(`coalTypes.${f.type}` as 'coalTypes.CDSS'))
                      .join('、')}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('coal.lastFile'),
            dataIndex: 'lastFileAt',
            render: (at: string | null, m) =>
              at ? (
                <span title={formatDateTime(at)}>
                  {t('coal.ago', { time: duration(newestDelay(m) * 1000) })}
                </span>
              ) : (
                '—'
              ),
          },
          { title: t('coal.filesLastHour'), dataIndex: 'filesLastHour', align: 'right' },
          {
            title: t('coal.refusedLastDay'),
            dataIndex: 'refusedLastDay',
            align: 'right',
            render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n),
          },
        ]}
      />
    </Space>
  );
}

function FeedsTab() {
  const { region } = useRegion();
  const regionName = useRegionName();
  const { t } = useI18n();
  const { data, error, isLoading } = useQuery({
    queryKey: ['coal', 'feeds', region],
    queryFn: () => call(coalUploadApi.regionFeeds, { query: { region } }),
    refetchInterval: REFRESH_MS,
  });
  if (error) {
    return <QueryError error={error} />;
  }
  if (isLoading || !data) {
    return <Table loading size="small" dataSource={[]} />;
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('coal.feedsHint')} />
      <FeedsTable mines={data} regionName={regionName} />
    </Space>
  );
}

function UndergroundOverviewTab() {
  const { region } = useRegion();
  const { t, formatDateTime } = useI18n();
  const regionName = useRegionName();
  const { data, error, isLoading } = useQuery({
    queryKey: ['coal', 'underground', region],
    queryFn: () => call(coalUploadApi.undergroundOverview, { query: { region } }),
    refetchInterval: REFRESH_MS,
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <Table<CoalUndergroundMineResponse>
      data-testid="underground-overview"
      size="small"
      rowKey="mineId"
      loading={isLoading}
      dataSource={data ?? []}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        {
          title: t('coal.mine'),
          dataIndex: 'mineName',
          render: (name: string, m) => (
            <Link to={`/mines/${m.mineId}?tab=underground`}>{name}</Link>
          ),
        },
        { title: t('coal.county'), dataIndex: 'countyCode', render: (c: string) => regionName(c) },
        {
          title: t('coal.total'),
          dataIndex: 'total',
          align: 'right',
          sorter: (a, b) => a.total - b.total,
          // No positioning data yet: nobody is known to be down, which is not 0 people.
          render: (n: number, m) => (m.asOf ? n : '—'),
        },
        {
          title: t('coal.leaders'),
          dataIndex: 'leaders',
          align: 'right',
          render: (n: number, m) => (m.asOf ? n : '—'),
        },
        {
          title: t('coal.areasOverQuota'),
          dataIndex: 'areasOverQuota',
          align: 'right',
          render: (n: number, m) => (!m.asOf ? '—' : n > 0 ? <Tag color="red">{n}</Tag> : n),
        },
        {
          title: t('coal.asOf'),
          dataIndex: 'asOf',
          render: (at: string | null, m) => (
            <Space size={4}>
              {at ? formatDateTime(at) : t('coal.noPositioning')}
              {at && m.stale && <Tag color="orange">{t('coal.staleTag')}</Tag>}
            </Space>
          ),
        },
      ]}
    />
  );
}

export function CoalFeedsPage() {
  const { t } = useI18n();
  usePageTitle(t('coal.title'));
  return (
    <div>
      <div className="page-header">
        <h1>{t('coal.title')}</h1>
      </div>
      <Tabs
        items={[
          { key: 'feeds', label: t('coal.tabFeeds'), children: <FeedsTab /> },
          {
            key: 'underground',
            label: t('coal.tabUnderground'),
            children: <UndergroundOverviewTab />,
          },
        ]}
      />
    </div>
  );
}
