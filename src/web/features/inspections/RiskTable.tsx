/** The mines' enforcement risk classes with the reasons behind each score (issue 7 §1), searchable and exportable. */
import { Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { MineRiskClassResponse as RiskRow } from '../../../shared/inspection-schedules.schemas.ts';
import { inspectionsApi } from '../../../shared/inspections.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { FilterBar, useUrlFilters, type FilterField } from '../../components/FilterBar.tsx';

const classColour: Record<string, string> = { A: 'red', B: 'orange', C: 'blue', D: 'green' };

export function RiskTable({ region }: { region: string | undefined }) {
  const { t } = useI18n();
  const fields: FilterField[] = [
    { kind: 'search', key: 'q', label: t('common.searchMine') },
    {
      kind: 'select',
      key: 'className',
      label: t('enforcement.class'),
      width: 100,
      options: Object.keys(classColour).map((c) => ({ value: c, label: c })),
    },
  ];
  const filters = useUrlFilters(fields);
  const query = { region, ...filters.query };
  const { data, error, isLoading } = useQuery({
    queryKey: ['inspection-risk', query],
    queryFn: () => call(inspectionsApi.riskClasses, { query }),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <>
      <FilterBar
        fields={fields}
        filters={filters}
        exportPath="/api/inspections/risk/export"
        exportQuery={{ region }}
      />
      <Table<RiskRow>
        size="small"
        rowKey="mineId"
        loading={isLoading}
        dataSource={data ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t('enforcement.mine'), dataIndex: 'mineName' },
          { title: t('enforcement.score'), dataIndex: 'score', width: 80 },
          {
            title: t('enforcement.class'),
            dataIndex: 'className',
            width: 80,
            render: (c: string) => <Tag color={classColour[c]}>{c}</Tag>,
          },
          { title: t('enforcement.perYear'), dataIndex: 'perYear', width: 110 },
          {
            title: t('enforcement.reasons'),
            dataIndex: 'reasons',
            render: (rs: RiskRow['reasons']) =>
              rs
                .map((r) => `${r.factor} ${r.fact} (${r.points > 0 ? '+' : ''}${r.points})`)
                .join('; '),
          },
        ]}
      />
    </>
  );
}
