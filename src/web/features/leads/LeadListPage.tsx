/**
 * The leads of the selected region, newest first: rule, status, score, window and summary, with
 * filters, keyset pages and the xlsx export (the evidence attached as its own sheet).
 */
import { Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { leadRules, leadStatuses } from '../../../shared/leads.enums.ts';
import { leadsApi } from '../../../shared/leads.api.ts';
import type { LeadResponse } from '../../../shared/leads.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { usePageTitle } from '../../app/title.ts';
import { CursorPager, useCursorPages } from '../../components/CursorPager.tsx';
import { FilterBar, useUrlFilters, type FilterField } from '../../components/FilterBar.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { LeadRuleTag, LeadStatusTag } from './LeadStatusTag.tsx';

export function LeadListPage() {
  const { t, v, formatDateTime } = useI18n();
  const { region } = useRegion();
  usePageTitle(t('leads.listTitle'));
  const fields: FilterField[] = [
    { kind: 'search', key: 'q', label: t('common.searchLead') },
    {
      kind: 'select',
      key: 'rule',
      label: t('leads.rule'),
      options: leadRules.map((r) => ({ value: r, label: v(r) })),
      multiple: true,
      width: 200,
    },
    {
      kind: 'select',
      key: 'status',
      label: t('leads.status'),
      options: leadStatuses.map((s) => ({ value: s, label: v(s) })),
      multiple: true,
      width: 200,
    },
    {
      kind: 'select',
      key: 'open',
      label: t('leads.openOnly'),
      clearable: false,
      options: [
        { value: 'true', label: t('leads.openOnly') },
        { value: 'all', label: t('leads.all') },
      ],
    },
    { kind: 'dates', label: t('leads.detectedAt') },
  ];
  // Open leads unless the URL asks for all (`open=all`).
  const filters = useUrlFilters(fields, { open: 'true' });
  const { open, ...rest } = filters.query;
  const query = { region, ...rest, open: open === 'all' ? undefined : open };
  const pages = useCursorPages(JSON.stringify(query));
  const { data, error, isLoading } = useQuery({
    queryKey: ['leads', query, pages.cursor],
    queryFn: () => call(leadsApi.list, { query: { ...query, cursor: pages.cursor, limit: 50 } }),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <div>
      <div className="page-header">
        <h1>{t('leads.listTitle')}</h1>
      </div>
      <FilterBar
        fields={fields}
        filters={filters}
        exportPath="/api/leads/export"
        exportQuery={query}
      />
      <Table<LeadResponse>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('leads.mine'),
            dataIndex: 'mineName',
            render: (name: string, l) => <Link to={`/leads/${l.id}`}>{name}</Link>,
          },
          {
            title: t('leads.rule'),
            dataIndex: 'rule',
            render: (r: string) => <LeadRuleTag rule={r} />,
          },
          {
            title: t('leads.status'),
            dataIndex: 'status',
            render: (s: string) => <LeadStatusTag status={s} />,
          },
          { title: t('leads.score'), dataIndex: 'score', width: 70 },
          {
            title: t('leads.window'),
            render: (_: unknown, l) =>
              `${formatDateTime(l.windowStart)} ~ ${formatDateTime(l.windowEnd)}`,
          },
          { title: t('leads.summary'), dataIndex: 'summary', ellipsis: true },
          { title: t('leads.assignee'), dataIndex: 'assigneeName' },
          {
            title: t('leads.detectedAt'),
            dataIndex: 'detectedAt',
            render: (at: string) => formatDateTime(at),
          },
        ]}
      />
      <CursorPager pages={pages} total={data?.total} nextCursor={data?.nextCursor} />
    </div>
  );
}
