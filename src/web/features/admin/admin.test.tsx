// @vitest-environment jsdom
import '../../test-setup.ts';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import { MemoryRouter } from 'react-router-dom';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  OrganisationResponse,
  TokenListItemResponse,
  UserListItemResponse,
} from '../../../shared/access.schemas.ts';
import type { AuditEntryResponse } from '../../../shared/platform.schemas.ts';
import { I18nProvider, type Locale } from '../../app/i18n.tsx';
import {
  filterUsers,
  groupSettings,
  isNumberSetting,
  rolesFor,
  settingHistory,
  valueShape,
  type Setting,
} from './admin.ts';
import { SettingHistoryTable } from './SettingDialogs.tsx';
import { SettingsGroup } from './SettingsPage.tsx';
import { TokensTable, tokenState } from './TokensPage.tsx';
import { UsersTable } from './UsersPage.tsx';

afterEach(cleanup);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ROLE_KEY = /regulator_|inspector|enterprise_admin|safety_officer|mine_duty|system_admin/;
const id = (n: number) => `7c1d5f0e-0000-4000-8000-${String(n).padStart(12, '0')}`;

function wrap(children: ReactNode, locale: Locale = 'zh-CN') {
  return render(
    <I18nProvider locale={locale}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <MemoryRouter>{children}</MemoryRouter>
      </ConfigProvider>
    </I18nProvider>,
  );
}

const orgs: OrganisationResponse[] = [
  {
    id: id(1),
    name: '原平市应急管理局',
    kind: 'regulator',
    regionCode: '140981',
    enterpriseId: null,
    createdAt: '2026-11-01T00:00:00.000Z',
  },
  {
    id: id(2),
    name: '原平煤业有限公司',
    kind: 'enterprise',
    regionCode: null,
    enterpriseId: id(9),
    createdAt: '2026-11-01T00:00:00.000Z',
  },
];

function user(n: number, over: Partial<UserListItemResponse>): UserListItemResponse {
  return {
    id: id(100 + n),
    username: `user${n}`,
    displayName: `用户${n}`,
    role: 'inspector',
    organisationId: id(1),
    organisationName: '原平市应急管理局',
    organisationKind: 'regulator',
    mineId: null,
    mineName: null,
    email: null,
    phone: null,
    disabled: false,
    createdAt: '2026-11-20T02:30:00.000Z',
    ...over,
  };
}

const users = [
  user(1, { displayName: '张执法', username: 'yp.zhang' }),
  user(2, {
    displayName: '李值班',
    role: 'mine_duty_officer',
    organisationId: id(2),
    organisationName: '原平煤业有限公司',
    organisationKind: 'enterprise',
    mineId: id(7),
    mineName: '原平一矿',
  }),
  user(3, { displayName: '王查看', role: 'regulator_viewer', disabled: true }),
];

describe('the user list', () => {
  it('filters by name or username, role, organisation and state', () => {
    expect(filterUsers(users, { q: '张' }).map((u) => u.displayName)).toEqual(['张执法']);
    expect(filterUsers(users, { q: 'YP.ZH' }).map((u) => u.displayName)).toEqual(['张执法']);
    expect(filterUsers(users, { role: 'mine_duty_officer' })).toHaveLength(1);
    expect(filterUsers(users, { organisationId: id(1) })).toHaveLength(2);
    expect(filterUsers(users, { state: 'disabled' }).map((u) => u.displayName)).toEqual(['王查看']);
    expect(filterUsers(users, { state: 'enabled', organisationId: id(1) })).toHaveLength(1);
  });

  it('offers only the roles that fit the organisation', () => {
    expect(rolesFor('regulator')).toEqual(['regulator_viewer', 'inspector', 'regulator_admin']);
    expect(rolesFor('enterprise')).toEqual([
      'enterprise_admin',
      'safety_officer',
      'mine_duty_officer',
    ]);
    expect(rolesFor(undefined)).toEqual([]);
  });

  it('shows roles, organisations and mines by name — no ids, no role keys — and searches', () => {
    const actions = {
      onEdit: () => undefined,
      onToggle: () => undefined,
      onReset: () => undefined,
    };
    wrap(<UsersTable users={users} organisations={orgs} actions={actions} />);
    const table = screen.getByTestId('users-table');
    expect(table.textContent).toContain('矿山值班员');
    expect(table.textContent).toContain('原平一矿');
    expect(table.textContent).toContain('已停用');
    expect(table.textContent).not.toMatch(UUID);
    expect(table.textContent).not.toMatch(ROLE_KEY);
    fireEvent.change(screen.getByPlaceholderText('按姓名或用户名搜索'), {
      target: { value: '李' },
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('李值班');
  });

  it('reads in English with the roles’ English names', () => {
    const actions = {
      onEdit: () => undefined,
      onToggle: () => undefined,
      onReset: () => undefined,
    };
    wrap(<UsersTable users={users} organisations={orgs} actions={actions} />, 'en-US');
    const table = screen.getByTestId('users-table');
    expect(table.textContent).toContain('Mine duty officer');
    expect(table.textContent).toContain('Disabled');
  });
});

const settings: Setting[] = [
  {
    key: 'registry.licenceExpiryWarningDays',
    description: '证照到期提醒天数',
    value: 60,
    default: 90,
    source: '省应急管理厅通知',
    verified: true,
    isDefault: false,
    updatedAt: '2026-11-20T02:30:00.000Z',
  },
  {
    key: 'leads.rules',
    description: '逐因素分析比对规则阈值',
    value: { nightPowerRatio: 0.3 },
    default: { nightPowerRatio: 0.3 },
    source: '待各地核实',
    verified: false,
    isDefault: true,
    updatedAt: null,
  },
  {
    key: 'registry.tailingsGradeTable',
    description: '尾矿库等别划分表',
    value: { rows: [] },
    default: { rows: [] },
    source: 'GB 39496-2020 第4.1条',
    verified: true,
    isDefault: true,
    updatedAt: null,
  },
];

describe('the rule settings', () => {
  it('are grouped by module in the server’s order; numbers get a number field', () => {
    expect(groupSettings(settings).map((g) => [g.module, g.settings.length])).toEqual([
      ['registry', 2],
      ['leads', 1],
    ]);
    expect(isNumberSetting(settings[0] as Setting)).toBe(true);
    expect(isNumberSetting(settings[1] as Setting)).toBe(false);
    expect(valueShape(60)).toEqual({ kind: 'scalar', text: '60' });
    expect(valueShape([{ region: '140981' }, {}])).toEqual({ kind: 'rows', count: 2 });
    expect(valueShape({ rows: [], source: 'x' })).toEqual({ kind: 'fields', count: 2 });
  });

  it('show what each governs, its source, 已核实/未核实, value and default; edit only for the admin', () => {
    const group = (canEdit: boolean) =>
      wrap(
        <SettingsGroup
          module="registry"
          settings={settings}
          canEdit={canEdit}
          onEdit={() => undefined}
          onHistory={() => undefined}
        />,
      );
    group(true);
    const card = screen.getByTestId('settings-group');
    expect(card.textContent).toContain('矿山登记');
    expect(card.textContent).toContain('证照到期提醒天数');
    expect(card.textContent).toContain('省应急管理厅通知');
    expect(card.textContent).toContain('已核实');
    expect(card.textContent).toContain('未核实');
    expect(card.textContent).not.toContain('registry.licenceExpiryWarningDays');
    // A structured value reads by its size; its JSON unfolds on request.
    expect(within(card).getAllByText('1 项参数').length).toBeGreaterThan(0);
    expect(within(card).getAllByRole('button', { name: '编辑' })).toHaveLength(3);
    cleanup();
    group(false);
    expect(screen.queryByRole('button', { name: '编辑' })).toBeNull();
    expect(screen.getAllByRole('button', { name: '修改记录' })).toHaveLength(3);
  });

  it('history: who, when, why, before → after, newest first', () => {
    const entries: AuditEntryResponse[] = [
      {
        seq: 1,
        at: '2026-11-10T02:00:00.000Z',
        actor: '系统管理员',
        type: 'settings.setting.updated',
        before: 90,
        after: { value: 45, source: 'x', verified: true, reason: '提前提醒' },
      },
      {
        seq: 2,
        at: '2026-11-20T02:30:00.000Z',
        actor: '省厅管理员',
        type: 'settings.setting.updated',
        before: 45,
        after: { value: 60, source: '省应急管理厅通知', verified: true, reason: '按省厅通知调整' },
      },
    ];
    const rows = settingHistory(entries);
    expect(rows.map((r) => [r.from, r.to, r.reason])).toEqual([
      [45, 60, '按省厅通知调整'],
      [90, 45, '提前提醒'],
    ]);
    wrap(<SettingHistoryTable rows={rows} />);
    const table = screen.getByTestId('setting-history');
    expect(table.textContent).toContain('省厅管理员');
    expect(table.textContent).toContain('2026-11-20 10:30');
    expect(table.textContent).toMatch(/45\s*→\s*60/);
  });
});

describe('the gateway tokens', () => {
  const token = (over: Partial<TokenListItemResponse>): TokenListItemResponse => ({
    id: id(50),
    name: '一矿网关',
    kind: 'gateway',
    mineIds: [id(7)],
    mineNames: ['原平一矿'],
    expiresAt: null,
    revoked: false,
    createdAt: '2026-11-01T00:00:00.000Z',
    lastUsedAt: null,
    ...over,
  });
  const now = new Date('2026-11-22T00:00:00.000Z');

  it('are revoked, expired or valid', () => {
    expect(tokenState(token({ revoked: true }), now)).toBe('revoked');
    expect(tokenState(token({ expiresAt: '2026-11-21T00:00:00.000Z' }), now)).toBe('expired');
    expect(tokenState(token({ expiresAt: '2026-11-23T00:00:00.000Z' }), now)).toBe('live');
  });

  it('list mines by name, the last use, and offer revoking only live ones', () => {
    wrap(
      <TokensTable
        now={now}
        onRevoke={() => undefined}
        tokens={[
          token({}),
          token({
            id: id(51),
            name: '旧网关',
            revoked: true,
            lastUsedAt: '2026-11-05T01:00:00.000Z',
          }),
        ]}
      />,
    );
    const table = screen.getByTestId('tokens-table');
    expect(table.textContent).toContain('原平一矿');
    expect(table.textContent).toContain('从未使用');
    expect(table.textContent).toContain('2026-11-05 09:00');
    expect(table.textContent).toContain('已撤销');
    expect(table.textContent).not.toMatch(UUID);
    expect(within(table).getAllByRole('button', { name: '撤销' })).toHaveLength(1);
  });
});
