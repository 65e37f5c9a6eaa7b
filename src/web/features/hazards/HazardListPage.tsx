/**
 * The hazard ledger of the selected region: search, filters by state, source, dates, overdue and
 * 挂牌督办 (kept in the URL, e.g. `/hazards?overdue=true`), and the xlsx export of what it shows.
 */
import { Button, Table, Tag } from 'antd';
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
import { FilterBar, useUrlFilters, type FilterField } from '../../components/FilterBar.tsx';
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
  const options = (values: readonly string[]) =>
    values.map((value) => ({ value, label: v(value) }));
  const { can } = useSession();
  const fields: FilterField[] = [
    { kind: 'search', key: 'q', label: t('common.searchHazard') },
    {
      kind: 'select',
      key: 'state',
      label: t('hazard.state'),
      options: options(hazardStates),
      multiple: true,
      width: 160,
    },
    {
      kind: 'select',
      key: 'source',
      label: t('hazard.source'),
      options: options(hazardSources),
      multiple: true,
      width: 160,
    },
    { kind: 'dates', label: t('hazard.foundOn') },
    { kind: 'check', key: 'overdue', label: t('hazard.onlyOverdue') },
    { kind: 'check', key: 'supervised', label: t('hazard.onlySupervised') },
  ];
  const filters = useUrlFilters(fields);
  const query = { region, mineId, ...filters.query };
  const pages = useCursorPages(JSON.stringify(query));
  const { data, error, isFetching } = useQuery({
    queryKey: ['hazards', query, pages.cursor],
    queryFn: () => call(hazardsApi.list, { query: { ...query, cursor: pages.cursor, limit: 50 } }),
    placeholderData: keepPreviousData,
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <div>
      <div className="page-header">
        {mineId ? <span /> : <h1>{t('hazard.listTitle')}</h1>}
        {can('hazards.report') && (
          <Link to={mineId ? `/hazards/new?mineId=${mineId}` : '/hazards/new'}>
            <Button type="primary" data-testid="hazard-new">
              {t('hazard.reportNew')}
            </Button>
          </Link>
        )}
      </div>
      <FilterBar
        fields={fields}
        filters={filters}
        exportPath="/api/hazards/export"
        exportQuery={{ region, mineId }}
      />
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
