// @vitest-environment jsdom
import '../test-setup.ts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../app/i18n.tsx';
import { ImportReport } from '../features/mines/ImportReport.tsx';
import { changedFields } from './AuditHistory.tsx';
import { QueryEmpty } from './QueryEmpty.tsx';
import { ApiError } from '../app/api.ts';
import { ExpiryBadge, daysUntil } from './ExpiryBadge.tsx';

afterEach(cleanup);

describe('ExpiryBadge', () => {
  const badge = (date: string, locale: 'zh-CN' | 'en-US' = 'zh-CN') =>
    render(
      <I18nProvider locale={locale}>
        <ExpiryBadge date={date} today="2026-11-22" warnDays={90} />
      </I18nProvider>,
    ).container.textContent;

  it('is red once the date has passed, orange within the warning window, green after it', () => {
    expect(badge('2026-11-21')).toBe('2026-11-21 已过期');
    expect(badge('2026-11-22')).toBe('2026-11-22 · 0 天后到期');
    expect(badge('2027-02-20')).toBe('2027-02-20 · 90 天后到期');
    expect(badge('2027-02-21')).toBe('2027-02-21');
    expect(badge('2026-11-21', 'en-US')).toBe('2026-11-21 Expired');
  });

  it('counts whole days between dates', () => {
    expect(daysUntil('2027-02-20', '2026-11-22')).toBe(90);
    expect(daysUntil('2026-11-21', '2026-11-22')).toBe(-1);
  });
});

describe('ImportReport', () => {
  it('shows the totals and every bad row with its column and problem', () => {
    render(
      <I18nProvider locale="zh-CN">
        <ImportReport
          report={{
            totalRows: 3,
            validRows: 1,
            invalidRows: 2,
            written: 0,
            enterprisesCreated: 0,
            dryRun: true,
            errors: [
              {
                row: 3,
                path: '统一社会信用代码',
                message: '校验码错误: 应为 N',
                value: '91140981MA0000000X',
              },
              { row: 4, path: '规模', message: '无效选项' },
            ],
          }}
        />
      </I18nProvider>,
    );
    expect(screen.getByText('共 3 行: 1 行正确, 2 行有错误')).toBeTruthy();
    expect(screen.getByText('尚未写入任何数据')).toBeTruthy();
    expect(screen.getByText('校验码错误: 应为 N')).toBeTruthy();
    expect(screen.getByText('91140981MA0000000X')).toBeTruthy();
    expect(screen.getByText('规模')).toBeTruthy();
  });
});

describe('changedFields', () => {
  it('lists only the fields whose values differ, ignoring bookkeeping', () => {
    expect(
      changedFields(
        { name: 'a', depthM: 100, version: 1, licences: [{ n: 1 }] },
        { name: 'a', depthM: 120, version: 2, licences: [{ n: 2 }], disasterGrade: '高瓦斯' },
      ),
    ).toEqual([
      { field: 'depthM', from: 100, to: 120 },
      { field: 'licences', from: [{ n: 1 }], to: [{ n: 2 }] },
      { field: 'disasterGrade', from: undefined, to: '高瓦斯' },
    ]);
  });
});

describe('QueryEmpty', () => {
  const text = (error: unknown) =>
    render(
      <I18nProvider locale="zh-CN">
        <QueryEmpty error={error}>没有修改记录</QueryEmpty>
      </I18nProvider>,
    ).container.textContent;

  it('a refused list says so with the server’s reason, never 暂无数据', () => {
    expect(text(new ApiError(403, 'FORBIDDEN', '矿山值班员无权执行此操作', []))).toBe(
      '无权查看: 矿山值班员无权执行此操作',
    );
  });

  it('a failed list says it failed; an empty one keeps its own words', () => {
    expect(text(new ApiError(500, 'INTERNAL', 'boom', []))).toBe('服务器出错了, 请稍后重试');
    expect(text(null)).toBe('没有修改记录');
  });
});

describe('pieOption', () => {
  it('lists every category with its count in a legend that wraps, never paged', async () => {
    const { pieOption } = await import('./Chart.tsx');
    const option = pieOption(
      [
        { key: '煤矿井工', count: 12 },
        { key: '金属非金属地下矿山', count: 3 },
        { key: '尾矿库', count: 0 },
      ],
      (k) => k,
    ) as { legend: { type: string; formatter: (n: string) => string } };
    expect(option.legend.type).toBe('plain');
    expect(option.legend.formatter('煤矿井工')).toBe('煤矿井工 12');
    expect(option.legend.formatter('尾矿库')).toBe('尾矿库 0');
  });
});
