/** Loads a mine's series for a range and draws them on one time axis (with a lead's evidence). */
import { useMemo } from 'react';
import { Empty, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { leadsApi } from '../../../shared/leads.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Chart } from '../../components/Chart.tsx';
import { comparisonOption } from './seriesChart.ts';
import type { Breach } from '../../../shared/leads.schemas.ts';

export function ComparisonChart(props: {
  mineId: string;
  from: string;
  to: string;
  granularity: 'hour' | 'day';
  factors: string[];
  breaches?: Breach[];
  height?: number;
}) {
  const { t, v, formatInZone } = useI18n();
  const { data, isLoading } = useQuery({
    queryKey: ['series', props.mineId, props.from, props.to, props.granularity, props.factors],
    queryFn: () =>
      call(leadsApi.mineSeries, {
        params: { id: props.mineId },
        query: {
          from: props.from,
          to: props.to,
          granularity: props.granularity,
          factors: props.factors,
        },
      }),
  });
  const option = useMemo(
    () =>
      data &&
      comparisonOption(data, {
        factors: props.factors,
        name: v,
        time: (iso) => formatInZone(iso, props.granularity === 'day' ? 'MM-DD' : 'MM-DD HH:mm'),
        breaches: props.breaches,
        labels: {
          baseline: t('leads.baseline'),
          threshold: t('leads.threshold'),
          statusChange: t('leads.statusChange'),
        },
      }),
    [data, props.factors, props.breaches, props.granularity, v, t, formatInZone],
  );
  if (isLoading) {
    return <Skeleton active />;
  }
  if (!data || !option || data.series.length === 0) {
    return <Empty description={t('leads.noSeries')} />;
  }
  return <Chart option={option} label={t('leads.evidence')} height={props.height ?? 360} />;
}
