/**
 * One mine's power against headcount against production (and the other factors) on one time axis
 * (issue 6 §4): the regulator's view for 逐因素分析比对, with the mine's status changes marked.
 */
import { useState } from 'react';
import { Card, Segmented, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { factorNames } from '../../../shared/leads.enums.ts';
import { minesApi } from '../../../shared/registry.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageTitle } from '../../app/title.ts';
import { ComparisonChart } from './ComparisonChart.tsx';
import { BackLink } from '../../components/BackLink.tsx';

const ranges = { days7: 7, days30: 30, days90: 90 } as const;

export function MineComparisonPage() {
  const { id = '' } = useParams();
  const { t, v } = useI18n();
  const [range, setRange] = useState<keyof typeof ranges>('days30');
  const [factors, setFactors] = useState<string[]>(['用电量', '井下人数', '产量']);
  const { data: mine } = useQuery({
    queryKey: ['mine', id],
    queryFn: () => call(minesApi.get, { params: { id } }),
  });
  const title = t('leads.comparisonTitle', { mine: mine?.name ?? '' });
  usePageTitle(title);
  // Whole hours, so the query key is stable between renders.
  const to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const from = new Date(to.getTime() - ranges[range] * 86_400_000);
  return (
    <div>
      <BackLink to={`/mines/${id}`} label={mine?.name ?? t('nav.mines')} />
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={range}
            onChange={(r) => setRange(r)}
            options={(Object.keys(ranges) as (keyof typeof ranges)[]).map((r) => ({
              value: r,
              label: t(`leads.${r}`),
            }))}
          />
          <Select
            mode="multiple"
            style={{ minWidth: 320 }}
            value={factors}
            onChange={(f) => setFactors(f.slice(0, 5))}
            options={factorNames.map((f) => ({ value: f, label: v(f) }))}
            aria-label={t('leads.factor')}
          />
        </Space>
        <div data-testid="comparison-chart">
          <ComparisonChart
            mineId={id}
            from={from.toISOString()}
            to={to.toISOString()}
            granularity={range === 'days90' ? 'day' : 'hour'}
            factors={factors}
            height={420}
          />
        </div>
      </Card>
    </div>
  );
}
