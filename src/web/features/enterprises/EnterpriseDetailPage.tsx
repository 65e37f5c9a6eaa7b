import { Descriptions, Skeleton, Table, Tabs } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { enterprisesApi, minesApi } from '../../../shared/registry.api.ts';
import type { MineResponse } from '../../../shared/registry.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageTitle } from '../../app/title.ts';
import { AuditHistory } from '../../components/AuditHistory.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { BackLink } from '../../components/BackLink.tsx';

/** One enterprise: its facts, its mines and its change history. */
export function EnterpriseDetailPage() {
  const { id = '' } = useParams();
  const { t, v } = useI18n();
  const ent = useQuery({
    queryKey: ['enterprise', id],
    queryFn: () => call(enterprisesApi.get, { params: { id } }),
  });
  const mines = useQuery({
    queryKey: ['enterprise', id, 'mines'],
    queryFn: () => call(minesApi.list, { query: { enterpriseId: id, limit: 500 } }),
  });
  usePageTitle(ent.data?.name ?? t('nav.enterprises'));
  if (ent.error) {
    return <QueryError error={ent.error} />;
  }
  const e = ent.data;
  if (!e) {
    return <Skeleton active />;
  }
  return (
    <div>
      <BackLink to="/enterprises" label={t('nav.enterprises')} />
      <div className="page-header">
        <h1>{e.name}</h1>
      </div>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('enterprise.creditCode')}>{e.creditCode}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.region')}>{e.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.legalRepresentative')}>
          {e.legalRepresentative ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.parentCompany')}>
          {e.parentCompany ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.address')}>{e.address ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          {
            key: 'mines',
            label: t('enterprise.mines'),
            children: (
              <Table<MineResponse>
                size="small"
                rowKey="id"
                loading={mines.isLoading}
                dataSource={mines.data?.items ?? []}
                pagination={false}
                columns={[
                  {
                    title: t('mine.name'),
                    dataIndex: 'name',
                    render: (name: string, m) => <Link to={`/mines/${m.id}`}>{name}</Link>,
                  },
                  { title: t('mine.county'), dataIndex: 'countyName' },
                  { title: t('mine.kind'), dataIndex: 'kind', render: (k: string) => v(k) },
                  {
                    title: t('mine.status'),
                    dataIndex: 'status',
                    render: (s: string) => <StatusTag status={s} />,
                  },
                ]}
              />
            ),
          },
          {
            key: 'audit',
            label: t('mine.tabAudit'),
            children: <AuditHistory entityType="enterprise" entityId={e.id} />,
          },
        ]}
      />
    </div>
  );
}
