// @vitest-environment jsdom
import '../../test-setup.ts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeResponse } from '../../../shared/access.schemas.ts';
import type { RegistrySummary } from '../../../shared/registry.schemas.ts';
import { App } from '../../app/App.tsx';

const countyAdmin: MeResponse = {
  id: 'b250febf-f9dc-48c8-916b-5ab62c05afbf',
  username: 'yp.admin',
  displayName: '原平市管理员',
  role: 'regulator_admin',
  organisationId: 'f296db9e-c12a-4c72-9d8f-b91ae22c39df',
  organisationName: '原平市应急管理局',
  locale: 'zh-CN',
  permissions: ['registry.read'],
  scope: { kind: 'region', regionCode: '140981' },
};

/** 原平市 and its ancestors; its summary has no sub-regions. */
const regions = [
  { code: '140000', name: '山西省', level: 1, parentCode: null },
  { code: '140900', name: '忻州市', level: 2, parentCode: '140000' },
  { code: '140981', name: '原平市', level: 3, parentCode: '140900' },
];
const summary: RegistrySummary = {
  totalMines: 21,
  byKind: [],
  byStatus: [],
  byScale: [],
  byStandardization: [],
  byRegion: [],
  licenceWarningDays: 90,
  licencesExpiring: { total: 0, items: [] },
  licencesExpired: { total: 0, items: [] },
  suspended: { total: 0, items: [] },
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('行政区划 of a county', () => {
  it('lists the county itself with its mines and says it has no sub-regions', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) => {
        const body =
          url === '/api/auth/me'
            ? countyAdmin
            : url.startsWith('/api/regions')
              ? regions
              : url.startsWith('/api/registry/summary')
                ? summary
                : [];
        return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
      }),
    );
    window.history.pushState({}, '', '/regions');
    render(<App />);
    const note = await screen.findByTestId('region-lowest', {}, { timeout: 10_000 });
    expect(note.textContent).toBe('原平市是县级行政区, 没有下级区划; 下表为本县及其矿山数。');
    const row = document.querySelector('tr[data-row-key="140981"]');
    expect(row?.textContent).toContain('原平市');
    expect(row?.textContent).toContain('21');
  });
});
