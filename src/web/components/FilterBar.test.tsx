// @vitest-environment jsdom
import '../test-setup.ts';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { I18nProvider } from '../app/i18n.tsx';
import { FilterBar, useUrlFilters, type FilterField } from './FilterBar.tsx';

afterEach(cleanup);

const fields: FilterField[] = [
  { kind: 'search', key: 'q', label: '搜索矿山' },
  {
    kind: 'select',
    key: 'open',
    label: '范围',
    clearable: false,
    options: [
      { value: 'true', label: '未解除' },
      { value: 'all', label: '全部' },
    ],
  },
  { kind: 'check', key: 'overdue', label: '只看逾期' },
  { kind: 'dates', label: '发现日期' },
];

/** A list page in miniature: the bar, the URL it keeps, and the API query it would send. */
function Harness() {
  const filters = useUrlFilters(fields, { open: 'true' });
  const location = useLocation();
  return (
    <>
      <FilterBar
        fields={fields}
        filters={filters}
        exportPath="/api/hazards/export"
        exportQuery={{ region: '140981' }}
      />
      <output data-testid="url">{location.search}</output>
      <output data-testid="query">{JSON.stringify(filters.query)}</output>
    </>
  );
}

const renderAt = (url: string) =>
  render(
    <I18nProvider locale="zh-CN">
      <MemoryRouter initialEntries={[url]}>
        <Harness />
      </MemoryRouter>
    </I18nProvider>,
  );

describe('FilterBar', () => {
  it('reads its filters from the URL, so a home page can link to a filtered list', () => {
    renderAt('/hazards?overdue=true&q=a%E7%85%A4%E7%9F%BF&from=2026-01-01&tab=list');
    expect(JSON.parse(screen.getByTestId('query').textContent ?? '')).toEqual({
      q: 'a煤矿',
      open: 'true',
      overdue: 'true',
      from: '2026-01-01',
    });
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: '只看逾期' }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: '搜索矿山' }).value).toBe(
      'a煤矿',
    );
    // The export asks for what the list shows: the same filters, the page's region, as xlsx.
    const href = screen.getByTestId('export-xlsx').getAttribute('href') ?? '';
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe('/api/hazards/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: 'a煤矿',
      open: 'true',
      overdue: 'true',
      from: '2026-01-01',
      region: '140981',
      format: 'xlsx',
    });
    expect(screen.getByTestId('export-xlsx').textContent).toContain('导出 Excel');
  });

  it('writes a change into the URL, keeps parameters that are not its own, and leaves defaults out', () => {
    renderAt('/hazards?tab=list');
    fireEvent.click(screen.getByRole('checkbox', { name: '只看逾期' }));
    const search = screen.getByRole('searchbox', { name: '搜索矿山' });
    fireEvent.change(search, { target: { value: ' 原平 ' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    const params = new URLSearchParams(screen.getByTestId('url').textContent ?? '');
    expect(Object.fromEntries(params)).toEqual({ tab: 'list', overdue: 'true', q: '原平' });
    // Unchecking removes the parameter again.
    fireEvent.click(screen.getByRole('checkbox', { name: '只看逾期' }));
    expect(new URLSearchParams(screen.getByTestId('url').textContent ?? '').has('overdue')).toBe(
      false,
    );
  });
});
