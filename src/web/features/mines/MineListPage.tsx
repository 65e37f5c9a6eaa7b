/**
 * The mine list: every filter of the API, sortable columns, keyset pagination, export and import.
 */
import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { MineResponse } from '../../../shared/registry.schemas.ts';
import {
  mineKinds,
  mineScales,
  mineStatuses,
  standardizationLevels,
} from '../../../shared/registry.enums.ts';
import { minesApi } from '../../../shared/registry.api.ts';
import { call, toQuery } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { CursorPager, useCursorPages } from '../../components/CursorPager.tsx';
import { ExpiryBadge } from '../../components/ExpiryBadge.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { mineFilterQuery, useMineFilters } from './useMineFilters.ts';

export function MineListPage() {
  const { t, v, formatDateTime } = useI18n();
  const { region } = useRegion();
  const { can } = useSession();
  const [filters, setFilters] = useMineFilters();
  const [importOpen, setImportOpen] = useState(false);
  const [search, setSearch] = useState(filters.q);
  usePageTitle(t('mine.listTitle'));
  const query = mineFilterQuery(filters, region);
  const queryKey = JSON.stringify(query);
  // A new filter, sort, page size or region starts again at the first page.
  const pages = useCursorPages(`${queryKey}|${filters.limit}`);
  const cursor = pages.cursor;
  const { data, error, isFetching } = useQuery({
    queryKey: ['mines', query, filters.limit, cursor],
    queryFn: () => call(minesApi.list, { query: { ...query, limit: filters.limit, cursor } }),
    placeholderData: keepPreviousData,
  });
  if (error) {
    return <QueryError error={error} />;
  }
  const options = (values: readonly string[]) =>
    values.map((value) => ({ value, label: v(value) }));
  const sortOrder = (key: 'name' | 'updatedAt') =>
    filters.sort === key
      ? ('ascend' as const)
      : filters.sort === `-${key}`
        ? ('descend' as const)
        : null;
  const onChange: TableProps<MineResponse>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.field === 'updatedAt' ? 'updatedAt' : 'name';
    setFilters({ sort: s?.order === 'descend' ? `-${field}` : field });
  };
  const exportHref = (format: 'csv' | 'xlsx') =>
    `/api/mines/export${toQuery({ ...query, format })}`;
  return (
    <div>
      <div className="page-header">
        <h1>{t('mine.listTitle')}</h1>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={exportHref('xlsx')}>
            {t('common.export')} xlsx
          </Button>
          <Button icon={<DownloadOutlined />} href={exportHref('csv')}>
            {t('common.export')} CSV
          </Button>
          {can('registry.import') && (
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              {t('common.import')}
            </Button>
          )}
          {can('registry.mine.create') && (
            <Link to="/mines/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('common.create')}
              </Button>
            </Link>
          )}
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search
            aria-label={t('common.search')}
            placeholder={t('mine.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(q) => setFilters({ q })}
            style={{ width: 220 }}
            allowClear
          />
          <Select
            mode="multiple"
            aria-label={t('mine.kind')}
            data-testid="filter-kind"
            placeholder={t('mine.kind')}
            value={filters.kind}
            onChange={(kind: string[]) => setFilters({ kind })}
            options={options(mineKinds)}
            style={{ minWidth: 180 }}
            maxTagCount="responsive"
          />
          <Select
            mode="multiple"
            aria-label={t('mine.status')}
            placeholder={t('mine.status')}
            value={filters.status}
            onChange={(status: string[]) => setFilters({ status })}
            options={options(mineStatuses)}
            style={{ minWidth: 150 }}
            maxTagCount="responsive"
          />
          <Select
            mode="multiple"
            aria-label={t('mine.scale')}
            placeholder={t('mine.scale')}
            value={filters.scale}
            onChange={(scale: string[]) => setFilters({ scale })}
            options={options(mineScales)}
            style={{ minWidth: 120 }}
            maxTagCount="responsive"
          />
          <Select
            mode="multiple"
            aria-label={t('mine.standardizationLevel')}
            placeholder={t('mine.standardizationLevel')}
            value={filters.standardizationLevel}
            onChange={(standardizationLevel: string[]) => setFilters({ standardizationLevel })}
            options={options(standardizationLevels)}
            style={{ minWidth: 150 }}
            maxTagCount="responsive"
          />
          <InputNumber
            aria-label={t('mine.licenceExpiringWithinDays')}
            placeholder={t('mine.licenceExpiringWithinDays')}
            min={0}
            max={3650}
            value={filters.licenceExpiringWithinDays}
            onChange={(d) => setFilters({ licenceExpiringWithinDays: d ?? undefined })}
            style={{ width: 190 }}
          />
          <Checkbox
            checked={filters.licenceExpired}
            onChange={(e) => setFilters({ licenceExpired: e.target.checked })}
          >
            {t('mine.licenceExpired')}
          </Checkbox>
          <Button
            onClick={() => {
              setSearch('');
              setFilters({
                kind: [],
                status: [],
                scale: [],
                standardizationLevel: [],
                licenceExpiringWithinDays: undefined,
                licenceExpired: false,
                q: '',
              });
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Card>
      <Table<MineResponse>
        data-testid="mine-table"
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        onChange={onChange}
        pagination={false}
        scroll={{ x: 1400 }}
        columns={[
          {
            title: t('mine.name'),
            dataIndex: 'name',
            width: 220,
            sorter: true,
            sortOrder: sortOrder('name'),
            render: (name: string, m) => <Link to={`/mines/${m.id}`}>{name}</Link>,
          },
          {
            title: t('mine.enterprise'),
            dataIndex: 'enterpriseName',
            width: 220,
            render: (name: string, m) => <Link to={`/enterprises/${m.enterpriseId}`}>{name}</Link>,
          },
          { title: t('mine.county'), dataIndex: 'countyName' },
          { title: t('mine.kind'), dataIndex: 'kind', render: (k: string) => v(k) },
          { title: t('mine.scale'), dataIndex: 'scale', render: (s: string) => v(s) },
          {
            title: t('mine.status'),
            dataIndex: 'status',
            render: (s: string) => <StatusTag status={s} />,
          },
          {
            title: t('mine.standardizationLevel'),
            dataIndex: 'standardizationLevel',
            render: (s: string) => <Tag>{v(s)}</Tag>,
          },
          {
            title: t('mine.licences'),
            dataIndex: 'licences',
            render: (ls: MineResponse['licences']) => {
              const first = [...ls].sort((a, b) => a.expiresOn.localeCompare(b.expiresOn))[0];
              return first ? (
                <ExpiryBadge date={first.expiresOn} />
              ) : (
                <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
              );
            },
          },
          {
            title: t('mine.updatedAt'),
            dataIndex: 'updatedAt',
            sorter: true,
            sortOrder: sortOrder('updatedAt'),
            render: (d: string) => formatDateTime(d),
          },
        ]}
      />
      <CursorPager pages={pages} total={data?.total} nextCursor={data?.nextCursor}>
        <Select
          aria-label={t('common.perPage')}
          value={filters.limit}
          onChange={(limit: number) => setFilters({ limit })}
          options={[20, 50, 100, 200].map((n) => ({
            value: n,
            label: `${n} / ${t('common.perPage')}`,
          }))}
        />
      </CursorPager>
      <ImportDialog open={importOpen} onClose={() => setImportOpen(false)} />
    </div>
  );
}
