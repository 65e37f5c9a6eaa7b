// @vitest-environment jsdom
import '../../test-setup.ts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeResponse } from '../../../shared/access.schemas.ts';
import { App } from '../../app/App.tsx';

/** A 监管查看员 of 忻州市, whose city has no plan and carries no task of the province's. */
const viewer: MeResponse = {
  id: 'b250febf-f9dc-48c8-916b-5ab62c05afbf',
  username: 'xz.viewer',
  displayName: '忻州市监管查看员',
  role: 'regulator_viewer',
  organisationId: 'f296db9e-c12a-4c72-9d8f-b91ae22c39df',
  organisationName: '忻州市应急管理局',
  locale: 'zh-CN',
  permissions: ['plans.read', 'registry.read'],
  scope: { kind: 'region', regionCode: '140900' },
};

const json = (body: unknown, status = 200) =>
  Promise.resolve(new Response(JSON.stringify(body), { status }));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('攻坚清单 without a plan', () => {
  it('says why the task list is empty and who makes a plan, instead of an empty table', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) => {
        if (url === '/api/auth/me') {
          return json(viewer);
        }
        if (url.startsWith('/api/regions')) {
          return json([{ code: '140900', name: '忻州市', level: 2, parentCode: '140000' }]);
        }
        if (url === '/api/work-plans') {
          return json([]);
        }
        return json({ code: 'NOT_FOUND', message: '不存在', details: [] }, 404);
      }),
    );
    window.history.pushState({}, '', '/plans');
    render(<App />);
    const empty = await screen.findByTestId('no-plans', {}, { timeout: 5000 });
    expect(empty.textContent).toContain(
      '本级尚未制定攻坚方案, 上级方案中也没有由本单位牵头或配合的任务。',
    );
    expect(empty.textContent).toContain('方案由本级监管部门的管理员建立');
    expect(screen.queryByTestId('task-table')).toBeNull();
  });
});
