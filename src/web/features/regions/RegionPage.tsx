import { Button, Table, Typography } from 'antd';
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
  // A county has no sub-regions: it is listed itself, with its mines, and the page says why.
  const lowest = Boolean(data && data.byRegion.length === 0 && current);
  const rows =
    lowest && current && data
      ? [{ code: current.code, name: current.name, count: data.totalMines }]
      : (data?.byRegion ?? []);
  return (
    <div>
      <div className="page-header">
        <h1>
          {t('regionPage.title')}: {current ? `${current.name} (${current.code})` : t('region.all')}
        </h1>
      </div>
      {lowest && current && (
        <Typography.Paragraph type="secondary" data-testid="region-lowest">
          {t('regionPage.lowest', { name: current.name })}
        </Typography.Paragraph>
      )}
      <Table
        rowKey="code"
        loading={isLoading}
        dataSource={rows}
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
