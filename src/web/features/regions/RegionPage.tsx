import { Button, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { registryApi } from '../../../shared/registry.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';

/** The sub-regions of the selected region with their mine counts; pick one to narrow every page. */
export function RegionPage() {
  const { t } = useI18n();
  const { region, regions, setRegion } = useRegion();
  const navigate = useNavigate();
  usePageTitle(t('regionPage.title'));
  const { data, error, isLoading } = useQuery({
    queryKey: ['registry-summary', region],
    queryFn: () => call(registryApi.summary, { query: { region } }),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  const current = regions.find((r) => r.code === region);
  return (
    <div>
      <div className="page-header">
        <h1>
          {t('regionPage.title')}: {current ? `${current.name} (${current.code})` : t('region.all')}
        </h1>
      </div>
      <Table
        rowKey="code"
        loading={isLoading}
        dataSource={data?.byRegion ?? []}
        pagination={false}
        columns={[
          { title: t('regionPage.code'), dataIndex: 'code' },
          { title: t('regionPage.name'), dataIndex: 'name' },
          { title: t('regionPage.mines'), dataIndex: 'count' },
          {
            title: t('common.actions'),
            render: (_: unknown, r: { code: string }) => (
              <Button
                size="small"
                onClick={() => {
                  setRegion(r.code);
                  void navigate('/mines');
                }}
              >
                {t('regionPage.select')}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
