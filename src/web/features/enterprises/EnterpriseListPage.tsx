import { useState } from 'react';
import { Button, Input, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { EnterpriseResponse } from '../../../shared/registry.schemas.ts';
import { enterprisesApi } from '../../../shared/registry.api.ts';
import { call, toQuery } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { usePageTitle } from '../../app/title.ts';
import { CursorPager, useCursorPages } from '../../components/CursorPager.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';

/** Enterprises in the selected region (registered there or running a mine there). */
export function EnterpriseListPage() {
  const { t } = useI18n();
  const { region } = useRegion();
  const [q, setQ] = useState('');
  usePageTitle(t('enterprise.listTitle'));
  const pages = useCursorPages(`${region ?? ''}|${q}`);
  const cursor = pages.cursor;
  const { data, error, isFetching } = useQuery({
    queryKey: ['enterprises', region, q, cursor],
    queryFn: () => call(enterprisesApi.list, { query: { region, q, cursor, limit: 50 } }),
    placeholderData: keepPreviousData,
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <div>
      <div className="page-header">
        <h1>{t('enterprise.listTitle')}</h1>
        <Space wrap>
          <Input.Search
            aria-label={t('common.search')}
            placeholder={t('enterprise.name')}
            allowClear
            onSearch={setQ}
            style={{ width: 240 }}
          />
          <Button
            icon={<DownloadOutlined />}
            href={`/api/enterprises/export${toQuery({ region, q, format: 'xlsx' })}`}
          >
            {t('common.export')}
          </Button>
        </Space>
      </div>
      <Table<EnterpriseResponse>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('enterprise.name'),
            dataIndex: 'name',
            render: (name: string, e) => <Link to={`/enterprises/${e.id}`}>{name}</Link>,
          },
          { title: t('enterprise.creditCode'), dataIndex: 'creditCode' },
          { title: t('enterprise.region'), dataIndex: 'regionName' },
          { title: t('enterprise.legalRepresentative'), dataIndex: 'legalRepresentative' },
          { title: t('enterprise.parentCompany'), dataIndex: 'parentCompany' },
        ]}
      />
      <CursorPager pages={pages} total={data?.total} nextCursor={data?.nextCursor} />
    </div>
  );
}
