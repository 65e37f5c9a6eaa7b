// @vitest-environment jsdom
import '../test-setup.ts';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeResponse } from '../../shared/access.schemas.ts';
import { App } from '../app/App.tsx';

/** A signed-in 监管查看员 of 忻州市: reads everything of the city, writes nothing. */
const viewer: MeResponse = {
  id: 'b250febf-f9dc-48c8-916b-5ab62c05afbf',
  username: 'xz.viewer',
  displayName: '忻州市监管查看员',
  role: 'regulator_viewer',
  organisationId: 'f296db9e-c12a-4c72-9d8f-b91ae22c39df',
  organisationName: '忻州市应急管理局',
  locale: 'zh-CN',
  permissions: ['hazards.read', 'inspections.read', 'registry.read'],
  scope: { kind: 'region', regionCode: '140900' },
};

/** The API as the app sees it: who is signed in; nothing else is found (a 404 is not the page's 403). */
function fakeApi(me: MeResponse) {
  return vi.fn((url: string) =>
    Promise.resolve(
      url === '/api/auth/me'
        ? new Response(JSON.stringify(me), { status: 200 })
        : new Response(JSON.stringify({ code: 'NOT_FOUND', message: '不存在', details: [] }), {
            status: 404,
          }),
    ),
  );
}

beforeEach(() => {
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('write pages opened by their address', () => {
  const pages = ['/inspections/new', '/hazards/new', '/mines/new', '/mines/1/edit'];

  it.each(pages)(
    '%s shows the 403 page, not a form, to a user without the permission',
    async (path) => {
      vi.stubGlobal('fetch', fakeApi(viewer));
      window.history.pushState({}, '', path);
      render(<App />);
      expect(await screen.findByText('没有权限访问此页面')).toBeTruthy();
      expect(document.querySelector('form')).toBeNull();
    },
  );

  it('shows the form to a user who holds the permission', async () => {
    // The app keeps its query cache (the signed-in user among it) for the module's life: a fresh one.
    vi.resetModules();
    const { App: FreshApp } = await import('../app/App.tsx');
    vi.stubGlobal(
      'fetch',
      fakeApi({ ...viewer, permissions: [...viewer.permissions, 'hazards.report'] }),
    );
    window.history.pushState({}, '', '/hazards/new');
    render(<FreshApp />);
    await vi.waitFor(() => expect(document.querySelector('form')).not.toBeNull());
    expect(screen.queryByText('没有权限访问此页面')).toBeNull();
  });
});

describe('forms submitted empty', () => {
  // A rejection left uncaught fails the run (vitest reports it as an unhandled error).
  it('the public 举报 form marks its missing fields and leaves no rejection uncaught', async () => {
    const fetch = fakeApi(viewer);
    vi.stubGlobal('fetch', fetch);
    // The page is loaded on demand: after the module reset above, the App it renders in must be of the
    // same module graph (one i18n context).
    vi.resetModules();
    const { App: FreshApp } = await import('../app/App.tsx');
    window.history.pushState({}, '', '/report');
    render(<FreshApp />);
    fireEvent.click(await screen.findByTestId('report-submit'));
    await vi.waitFor(() =>
      expect(document.querySelectorAll('.ant-form-item-explain-error').length).toBeGreaterThan(0),
    );
    expect(fetch.mock.calls.some(([url]) => String(url).startsWith('/api/public/reports'))).toBe(
      false,
    );
  });
});
