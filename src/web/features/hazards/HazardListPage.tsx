/**
 * The hazard ledger of the selected region: filters by state, source, overdue and 挂牌督办.
 */
import { useState } from 'react';
import { Button, Checkbox, Select, Space, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { hazardSources, hazardStates } from '../../../shared/hazard.enums.ts';
import type { HazardResponse } from '../../../shared/hazard.schemas.ts';
import { hazardsApi } from '../../../shared/hazards.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { CursorPager, useCursorPages } from '../../components/CursorPager.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { HazardStateTag } from './HazardStateTag.tsx';

export function HazardListPage() {
  const { t } = useI18n();
  usePageTitle(t('hazard.listTitle'));
  return <HazardLedger />;
}

/** The ledger with its filters; for one mine (on the mine's page) when `mineId` is given. */
export function HazardLedger({ mineId }: { mineId?: string }) {
  const { t, v } = useI18n();
  const { region: selectedRegion } = useRegion();
  const region = mineId ? undefined : selectedRegion;
  const { can } = useSession();
  const [state, setState] = useState<string[]>([]);
  const [source, setSource] = useState<string[]>([]);
  const [overdue, setOverdue] = useState(false);
  const [supervised, setSupervised] = useState(false);
  const query = {
    region,
    mineId,
    state,
    source,
    overdue: overdue || undefined,
    supervised: supervised || undefined,
  };
  const pages = useCursorPages(JSON.stringify(query));
  const { data, error, isFetching } = useQuery({
    queryKey: ['hazards', query, pages.cursor],
    queryFn: () => call(hazardsApi.list, { query: { ...query, cursor: pages.cursor, limit: 50 } }),
    placeholderData: keepPreviousData,
  });
  if (error) {
    return <QueryError error={error} />;
  }
  const options = (values: readonly string[]) =>
    values.map((value) => ({ value, label: v(value) }));
  return (
    <div>
      <div className="page-header">
        {mineId ? <span /> : <h1>{t('hazard.listTitle')}</h1>}
        <Space wrap>
          {can('hazards.report') && (
            <Link to={mineId ? `/hazards/new?mineId=${mineId}` : '/hazards/new'}>
              <Button type="primary" data-testid="hazard-new">
                {t('hazard.reportNew')}
              </Button>
            </Link>
          )}
          <Select
            mode="multiple"
            aria-label={t('hazard.state')}
            placeholder={t('hazard.state')}
            value={state}
            onChange={setState}
            options={options(hazardStates)}
            style={{ minWidth: 160 }}
          />
          <Select
            mode="multiple"
            aria-label={t('hazard.source')}
            placeholder={t('hazard.source')}
            value={source}
            onChange={setSource}
            options={options(hazardSources)}
            style={{ minWidth: 160 }}
          />
          <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
            {t('hazard.onlyOverdue')}
          </Checkbox>
          <Checkbox checked={supervised} onChange={(e) => setSupervised(e.target.checked)}>
            {t('hazard.onlySupervised')}
          </Checkbox>
        </Space>
      </div>
      <Table<HazardResponse>
        data-testid="hazard-table"
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 1200 }}
        columns={[
          { title: t('hazard.foundOn'), dataIndex: 'foundOn', width: 110 },
          {
            title: t('hazard.mine'),
            dataIndex: 'mineName',
            width: 200,
            render: (name: string, h) => <Link to={`/hazards/${h.id}`}>{name}</Link>,
          },
          { title: t('mine.county'), dataIndex: 'countyName', width: 90 },
          {
            title: t('hazard.criterion'),
            render: (_: unknown, h) => `${h.criterion.code} ${h.criterion.text}`,
            ellipsis: true,
          },
          {
            title: t('hazard.source'),
            dataIndex: 'source',
            width: 120,
            render: (s: string) => v(s),
          },
          {
            title: t('hazard.state'),
            width: 200,
            render: (_: unknown, h) => <HazardStateTag hazard={h} />,
          },
          { title: t('hazard.deadline'), dataIndex: 'deadline', width: 110 },
          {
            title: t('hazard.repeat'),
            dataIndex: 'repeatOf',
            width: 90,
            render: (r: string | null) =>
              r ? <Tag color="volcano">{t('hazard.repeat')}</Tag> : null,
          },
        ]}
      />
      <CursorPager pages={pages} total={data?.total} nextCursor={data?.nextCursor} />
    </div>
  );
}
