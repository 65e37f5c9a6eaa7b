/** The leads pages' pure parts: the steps a status allows, the evidence range, the chart option. */
import { describe, expect, it } from 'vitest';
import { allowedLeadSteps, evidenceRange } from './LeadDetailPage.tsx';
import { comparisonOption, withGaps } from './seriesChart.ts';
import type { SeriesResponse } from '../../../shared/leads.schemas.ts';

describe('lead steps', () => {
  const admin = () => true;
  const inspector = (p: string) => p !== 'leads.assign';
  it('follow the status: assign, verify, convert, dismiss while open', () => {
    expect(allowedLeadSteps('新线索', admin)).toEqual(['assign', 'dismiss']);
    expect(allowedLeadSteps('已指派', inspector)).toEqual(['verify', 'dismiss']);
    expect(allowedLeadSteps('已核查', inspector)).toEqual(['convert', 'dismiss']);
    expect(allowedLeadSteps('已排除', admin)).toEqual([]);
    expect(allowedLeadSteps('新线索', () => false)).toEqual([]);
  });
});

describe('evidence chart', () => {
  it('shows a short window hourly with context, a long one daily within the read limit', () => {
    const short = evidenceRange({
      windowStart: '2026-11-12T16:00:00.000Z',
      windowEnd: '2026-11-13T16:00:00.000Z',
    });
    expect(short).toEqual({
      from: '2026-11-07T16:00:00.000Z',
      to: '2026-11-15T16:00:00.000Z',
      daily: false,
    });
    const long = evidenceRange({
      windowStart: '2026-01-01T00:00:00.000Z',
      windowEnd: '2026-11-01T00:00:00.000Z',
    });
    expect(long.daily).toBe(true);
    expect(Date.parse(long.to) - Date.parse(long.from)).toBe(92 * 86_400_000);
    // 停产迎检 compares day values: by day, with its baseline's three weeks before the drop.
    const dodge = evidenceRange({
      rule: '停产迎检',
      windowStart: '2026-11-14T16:00:00.000Z',
      windowEnd: '2026-11-17T16:00:00.000Z',
    });
    expect(dodge).toEqual({
      from: '2026-10-24T16:00:00.000Z',
      to: '2026-11-24T16:00:00.000Z',
      daily: true,
    });
  });

  it('breaks the line at a meter gap', () => {
    const h = (i: number) => new Date(Date.UTC(2026, 10, 1, i)).toISOString();
    expect(
      withGaps([
        [h(0), 1],
        [h(1), 2],
        [h(2), 3],
        [h(6), 4],
      ]),
    ).toEqual([
      [h(0), 1],
      [h(1), 2],
      [h(2), 3],
      [h(3), null],
      [h(6), 4],
    ]);
  });

  it('shades breaches and draws the baseline and threshold on their factor', () => {
    const data: SeriesResponse = {
      mineId: 'm',
      granularity: 'hour',
      from: '',
      to: '',
      series: [
        {
          factor: '用电量',
          area: '',
          unit: 'kWh',
          granularity: 'hour',
          points: [['2026-11-01T00:00:00.000Z', 100]],
        },
        {
          factor: '产量',
          area: '',
          unit: 't',
          granularity: 'day',
          points: [['2026-10-31T16:00:00.000Z', 900]],
        },
      ],
      statusChanges: [{ date: '2026-11-01', status: '停产整顿' }],
    };
    const option = comparisonOption(data, {
      factors: ['用电量', '产量'],
      name: (f) => f,
      time: (iso) => iso,
      breaches: [
        { factor: '用电量', from: 'a', to: 'b', peak: 400, threshold: 170, baseline: 100 },
      ],
      labels: { baseline: '基线', threshold: '阈值', statusChange: '状态变更' },
    }) as {
      series: {
        markArea?: { data: unknown[] };
        markLine: { data: { yAxis?: number; xAxis?: string }[] };
        step?: string;
      }[];
      yAxis: unknown[];
    };
    expect(option.yAxis).toHaveLength(2);
    expect(option.series[0]?.markArea?.data).toEqual([[{ xAxis: 'a' }, { xAxis: 'b' }]]);
    expect(option.series[0]?.markLine.data.map((d) => d.yAxis ?? d.xAxis)).toEqual([
      100,
      170,
      '2026-11-01T00:00:00+08:00',
    ]);
    // Production is reported per day: a step line on the hourly axis.
    expect(option.series[1]?.step).toBe('start');
  });
});
