/**
 * 执法检查: the region's inspections, its yearly inspection schedule, the mines' risk classes, penalties and the
 * enforcement statistics, one tab each (the tab is kept in the address).
 */
import { Button, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import type { InspectionRowResponse } from '../../../shared/inspections.schemas.ts';
import { inspectionsApi } from '../../../shared/inspections.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { FilterBar, useUrlFilters, type FilterField } from '../../components/FilterBar.tsx';
import { inspectionKinds } from '../../../shared/inspections.enums.ts';
import { PenaltyTable } from './PenaltyTable.tsx';
import { RiskTable } from './RiskTable.tsx';
import { ScheduleCalendar } from './ScheduleCalendar.tsx';
import { StatsPanel } from './StatsPanel.tsx';

function InspectionTable({ region }: { region: string | undefined }) {
  const { t, v } = useI18n();
  const fields: FilterField[] = [
    { kind: 'search', key: 'q', label: t('common.searchMine') },
    {
      kind: 'select',
      key: 'kind',
      label: t('enforcement.kind'),
      options: inspectionKinds.map((k) => ({ value: k, label: v(k) })),
    },
    {
      kind: 'select',
      key: 'announced',
      label: t('enforcement.manner'),
      options: [
        { value: 'false', label: v('四不两直') },
        { value: 'true', label: v('事先告知') },
      ],
    },
    { kind: 'dates', label: t('enforcement.inspectedOn') },
    { kind: 'check', key: 'typical', label: t('enforcement.typical') },
  ];
  const filters = useUrlFilters(fields);
  const query = { region, ...filters.query };
  const { data, error, isLoading } = useQuery({
    queryKey: ['inspections', query],
    queryFn: () => call(inspectionsApi.listInspections, { query }),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <>
      <FilterBar
        fields={fields}
        filters={filters}
        exportPath="/api/inspections/export"
        exportQuery={{ region }}
      />
      <Table<InspectionRowResponse>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 50 }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('enforcement.inspectedOn'), dataIndex: 'inspectedOn', width: 110 },
          {
            title: t('enforcement.mine'),
            dataIndex: 'mineName',
            render: (name: string, r) => <Link to={`/inspections/${r.id}`}>{name}</Link>,
          },
          { title: t('enforcement.kind'), dataIndex: 'kind', render: (k: string) => v(k) },
          {
            title: t('enforcement.manner'),
            render: (_: unknown, r) =>
              r.announcedReason === null ? (
                v('四不两直')
              ) : (
                <Tag color="orange">
                  {v('事先告知')}: {v(r.announcedReason)}
                </Tag>
              ),
          },
          {
            title: t('enforcement.team'),
            dataIndex: 'team',
            render: (m: string[]) => m.join('、'),
          },
          { title: t('enforcement.findingsCount'), dataIndex: 'findings', width: 90 },
          { title: t('enforcement.penaltyCount'), dataIndex: 'penalties', width: 90 },
          { title: t('enforcement.recheckOn'), dataIndex: 'recheckOn', width: 110 },
          {
            title: t('enforcement.typical'),
            dataIndex: 'typical',
            width: 90,
            render: (x: boolean) => (x ? <Tag color="gold">{t('enforcement.typical')}</Tag> : null),
          },
        ]}
      />
    </>
  );
}

export function InspectionsPage() {
  const { t } = useI18n();
  const { region } = useRegion();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('enforcement.title'));
  const tab = params.get('tab') ?? 'records';
  return (
    <div>
      <div className="page-header">
        <h1>{t('enforcement.title')}</h1>
        {can('inspections.write') && (
          <Link to="/inspections/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="new-inspection">
              {t('enforcement.newInspection')}
            </Button>
          </Link>
        )}
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={[
          {
            key: 'records',
            label: t('enforcement.tabRecords'),
            children: <InspectionTable region={region} />,
          },
          // The tab keeps its key 'plan': it is in addresses users keep.
          { key: 'plan', label: t('enforcement.tabSchedule'), children: <ScheduleCalendar /> },
          { key: 'risk', label: t('enforcement.tabRisk'), children: <RiskTable region={region} /> },
          {
            key: 'penalties',
            label: t('enforcement.tabPenalties'),
            children: <PenaltyTable region={region} />,
          },
          {
            key: 'stats',
            label: t('enforcement.tabStats'),
            children: <StatsPanel region={region} />,
          },
        ]}
      />
    </div>
  );
}
