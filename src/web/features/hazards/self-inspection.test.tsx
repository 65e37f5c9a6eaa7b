// @vitest-environment jsdom
import '../../test-setup.ts';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeResponse } from '../../../shared/access.schemas.ts';
import { App } from '../../app/App.tsx';

const inspector: MeResponse = {
  id: 'b250febf-f9dc-48c8-916b-5ab62c05afbf',
  username: 'yp.inspector',
  displayName: '原平市执法人员',
  role: 'inspector',
  organisationId: 'f296db9e-c12a-4c72-9d8f-b91ae22c39df',
  organisationName: '原平市应急管理局',
  locale: 'zh-CN',
  permissions: ['hazards.read', 'registry.read'],
  scope: { kind: 'region', regionCode: '140981' },
};

/** One mine of 原平 that has not filed its parent company's quarterly inspection. */
const missing = [
  {
    mineId: 'm1',
    mineName: '原平一矿',
    countyCode: '140981',
    countyName: '原平市',
    status: '生产',
    dueOn: '2026-10-15',
    overdue: true,
  },
];

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the quarterly parent-company inspection tab', () => {
  it('speaks of the quarter, not the month, and has one 状态 column', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) => {
        const body =
          url === '/api/auth/me'
            ? inspector
            : url.includes('missing')
              ? missing
              : ([] as unknown[]);
        return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
      }),
    );
    window.history.pushState({}, '', '/self-inspection?tab=quarterly&period=2026-Q3');
    render(<App />);
    const table = await screen.findByTestId('reports-missing', {}, { timeout: 5000 });
    await within(table).findByText('原平一矿', {}, { timeout: 5000 });
    const headers = [...table.querySelectorAll('th')].map((th) => th.textContent);
    expect(headers).toEqual(['矿山', '所在县', '状态', '截止日', '报送状态']);
    const panel = screen.getByRole('tabpanel');
    expect(panel.textContent).toContain('季度');
    expect(panel.textContent).not.toMatch(/月份|本月/);
    const filedHeaders = [...screen.getByTestId('reports-filed').querySelectorAll('th')].map(
      (th) => th.textContent,
    );
    expect(filedHeaders).toContain('本季度隐患数');
  });
});
