/**
 * 攻坚目标: each indicator of the selected region computed from live data today, how it was counted
 * (numerator / denominator), and the targets that apply there with a traffic light.
 */
import { Table, Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, toQuery } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';

interface Indicator {
  key: string;
  name: string;
  source: string;
  value: number | null;
  numerator: number;
  denominator: number;
  targets: { region: string; year: number; goal: number; source: string; met: boolean | null }[];
}

export function TargetBoard({ region }: { region: string | undefined }) {
  const { t } = useI18n();
  const { data, error, isLoading } = useQuery({
    queryKey: ['targets', region],
    queryFn: () =>
      api<{ date: string; indicators: Indicator[] }>('GET', `/api/targets${toQuery({ region })}`),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <Table<Indicator>
      size="small"
      rowKey="key"
      loading={isLoading}
      dataSource={data?.indicators ?? []}
      pagination={false}
      data-testid="target-board"
      columns={[
        {
          title: t('plans.indicator'),
          dataIndex: 'name',
          render: (n: string, i) => <Tooltip title={i.source}>{n}</Tooltip>,
        },
        {
          title: `${t('plans.value')} (${data?.date ?? ''})`,
          dataIndex: 'value',
          width: 160,
          render: (v: number | null, i) =>
            v === null ? '—' : `${v}% (${i.numerator}/${i.denominator})`,
        },
        {
          title: t('plans.targets'),
          dataIndex: 'targets',
          render: (ts: Indicator['targets']) =>
            ts.length === 0
              ? '—'
              : ts.map((x) => (
                  <Tooltip key={`${x.region}${x.year}`} title={x.source}>
                    <Tag color={x.met === null ? 'default' : x.met ? 'green' : 'red'}>
                      {x.year}: {x.goal}%
                    </Tag>
                  </Tooltip>
                )),
        },
      ]}
    />
  );
}
