import { useEffect, useState } from 'react';
import { Button, Input, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { EnterpriseResponse } from '../../../shared/registry.schemas.ts';
import { api, toQuery } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';

interface Page {
  items: EnterpriseResponse[];
  total: number;
  nextCursor: string | null;
}

/** Enterprises in the selected region (registered there or running a mine there). */
export function EnterpriseListPage() {
  const { t } = useI18n();
  const { region } = useRegion();
  const [q, setQ] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  usePageTitle(t('enterprise.listTitle'));
  useEffect(() => setCursors([undefined]), [q, region]);
  const cursor = cursors[cursors.length - 1];
  const { data, error, isFetching } = useQuery({
    queryKey: ['enterprises', region, q, cursor],
    queryFn: () => api<Page>('GET', `/api/enterprises${toQuery({ region, q, cursor, limit: 50 })}`),
    placeholderData: keepPreviousData,
  });
  if (error) return <QueryError error={error} />;
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
      <div className="page-header" style={{ marginTop: 12 }}>
        <Typography.Text>{t('common.total', { count: data?.total ?? 0 })}</Typography.Text>
        <Space>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('common.previous')}
          </Button>
          <Button
            disabled={!data?.nextCursor}
            onClick={() => setCursors((c) => [...c, data?.nextCursor ?? undefined])}
          >
            {t('common.next')}
          </Button>
        </Space>
      </div>
    </div>
  );
}
