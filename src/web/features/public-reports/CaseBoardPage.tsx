/**
 * 举报办理: the 举报 of the jurisdiction with their state and the date the next step is due (overdue in
 * red), and a drawer per case (opened from the address too: ?case=<id>) with its content, photos, the reporter (named only for the handling unit's
 * administrators), the timeline with internal notes, and the next step for the handling unit.
 */
import { Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { accountabilityApi } from '../../../shared/accountability.api.ts';
import type { PublicReportSummaryResponse } from '../../../shared/accountability.schemas.ts';
import { caseStates, publicReportCategories } from '../../../shared/public-reports.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegionName } from '../../app/region.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { FilterBar, useUrlFilters, type FilterField } from '../../components/FilterBar.tsx';
import { CaseDrawer } from './CaseDrawer.tsx';

export function CaseBoardPage() {
  const { t, v, formatDateTime } = useI18n();
  const regionName = useRegionName();
  usePageTitle(t('nav.publicReports'));
  const fields: FilterField[] = [
    { kind: 'search', key: 'q', label: t('common.searchCase') },
    {
      kind: 'select',
      key: 'state',
      label: t('publicReports.state'),
      options: caseStates.map((s) => ({ value: s, label: v(s) })),
      width: 160,
    },
    {
      kind: 'select',
      key: 'category',
      label: t('publicReports.category'),
      options: publicReportCategories.map((s) => ({ value: s, label: v(s) })),
      width: 160,
    },
    { kind: 'dates', label: t('publicReports.receivedAt') },
    { kind: 'check', key: 'overdue', label: t('common.onlyOverdue') },
  ];
  const filters = useUrlFilters(fields);
  // The open case is in the address (?case=<id>), so a notification can link to it.
  const [params, setParams] = useSearchParams();
  const open = params.get('case');
  const setOpen = (id: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id) {
          next.set('case', id);
        } else {
          next.delete('case');
        }
        return next;
      },
      { replace: !id },
    );
  const { data, error, isLoading } = useQuery({
    queryKey: ['public-reports', filters.query],
    queryFn: () => call(accountabilityApi.publicReports, { query: filters.query }),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <div>
      <div className="page-header">
        <h1>{t('nav.publicReports')}</h1>
      </div>
      <FilterBar fields={fields} filters={filters} exportPath="/api/public-reports/export" />
      <Table<PublicReportSummaryResponse>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data ?? []}
        pagination={{ pageSize: 50 }}
        data-testid="case-table"
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('publicReports.code'), dataIndex: 'trackingCode', width: 150 },
          {
            title: t('publicReports.receivedAt'),
            dataIndex: 'receivedAt',
            width: 160,
            render: (x: string) => formatDateTime(x),
          },
          {
            title: t('publicReports.category'),
            dataIndex: 'category',
            width: 150,
            render: (x: string) => v(x),
          },
          {
            title: t('publicReports.county'),
            dataIndex: 'countyCode',
            width: 100,
            render: (code: string) => regionName(code),
          },
          { title: t('publicReports.location'), dataIndex: 'location' },
          {
            title: t('publicReports.state'),
            dataIndex: 'state',
            width: 100,
            render: (x: string) => <Tag>{v(x)}</Tag>,
          },
          {
            title: t('publicReports.nextBy'),
            dataIndex: 'dueOn',
            width: 110,
            render: (d: string | null, r) => (r.overdue ? <Tag color="red">{d}</Tag> : (d ?? '—')),
          },
        ]}
      />
      <CaseDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
