/**
 * 攻坚目标: each indicator of the selected region computed from live data today, how it was counted
 * (numerator / denominator), and the targets that apply there with a traffic light; a drawer per
 * indicator with its trend over 12 months and the mines that hold the figure back.
 */
import { useState } from 'react';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { actionPlansApi } from '../../../shared/action-plans.api.ts';
import type { IndicatorWithTargetsResponse } from '../../../shared/action-plans.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { useRegionName } from '../../app/region.tsx';
import { goalTags } from './targets.ts';
import { TargetDetail } from './TargetDetail.tsx';

/** An indicator with the targets that apply to the region. */
export type Indicator = IndicatorWithTargetsResponse;

export function TargetBoard({ region }: { region: string | undefined }) {
  const { t, v } = useI18n();
  const regionName = useRegionName();
  const [open, setOpen] = useState<Indicator | null>(null);
  const { data, error, isLoading } = useQuery({
    queryKey: ['targets', region],
    queryFn: () => call(actionPlansApi.targetBoard, { query: { region } }),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <>
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
            render: (n: string, i) => <Tooltip title={i.source}>{v(n)}</Tooltip>,
          },
          {
            title: `${t('plans.value')} (${data?.date ?? ''})`,
            dataIndex: 'value',
            width: 190,
            // Nothing to count (0/0): said, not a bare dash beside the goal.
            render: (v: number | null, i) =>
              v === null ? (
                <Typography.Text type="secondary">{t('plans.nothingToCount')}</Typography.Text>
              ) : (
                `${v}% (${i.numerator}/${i.denominator})`
              ),
          },
          {
            title: t('plans.targets'),
            dataIndex: 'targets',
            render: (ts: Indicator['targets'], i) =>
              ts.length === 0
                ? t('plans.noTarget')
                : goalTags(ts).map((g) => (
                    <Tooltip
                      key={`${g.year}:${g.goal}`}
                      title={g.setBy.map((x) => `${regionName(x.region)}: ${x.source}`).join('；')}
                    >
                      <Tag color={g.met === null ? 'default' : g.met ? 'green' : 'red'}>
                        {g.year}: {i.direction === 'atMost' ? '≤' : '≥'}
                        {g.goal}%
                      </Tag>
                    </Tooltip>
                  )),
          },
          {
            title: '',
            key: 'detail',
            width: 120,
            render: (_: unknown, i) => (
              <Button size="small" onClick={() => setOpen(i)} data-testid={`drill-${i.key}`}>
                {t('plans.detail')}
              </Button>
            ),
          },
        ]}
      />
      <TargetDetail indicator={open} region={region} onClose={() => setOpen(null)} />
    </>
  );
}
