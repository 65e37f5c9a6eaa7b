/**
 * 用户管理: the users of the organisations within the caller's jurisdiction — search by name, filter by
 * role, organisation and state; create, change, disable or enable an account and reset its password
 * (the temporary password is shown once). Roles by their names, organisations and mines by theirs.
 */
import { useState } from 'react';
import { App, Button, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accessApi } from '../../../shared/access.api.ts';
import { roleValues } from '../../../shared/access.enums.ts';
import type { OrganisationResponse, UserListItemResponse } from '../../../shared/access.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { filterUsers, type UserFilters } from './admin.ts';
import { UserDialog } from './UserDialog.tsx';

export interface UserActions {
  onEdit: (u: UserListItemResponse) => void;
  onToggle: (u: UserListItemResponse) => void;
  onReset: (u: UserListItemResponse) => void;
}

/** The user table with its filters (filtered here, on the list the server scoped). */
export function UsersTable(props: {
  users: UserListItemResponse[];
  organisations: OrganisationResponse[];
  loading?: boolean;
  actions: UserActions;
}) {
  const { t, formatDateTime } = useI18n();
  const [filters, setFilters] = useState<UserFilters>({});
  const set = (patch: Partial<UserFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const rows = filterUsers(props.users, filters);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('admin.searchUser')}
          aria-label={t('admin.searchUser')}
          style={{ width: 220 }}
          onSearch={(q) => set({ q })}
          onChange={(e) => set({ q: e.target.value })}
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('admin.allRoles')}
          aria-label={t('admin.role')}
          value={filters.role}
          onChange={(role) => set({ role })}
          options={roleValues.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 220 }}
          placeholder={t('admin.allOrganisations')}
          aria-label={t('admin.organisation')}
          value={filters.organisationId}
          onChange={(organisationId) => set({ organisationId })}
          options={props.organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('admin.allStates')}
          aria-label={t('admin.state')}
          value={filters.state}
          onChange={(state) => set({ state })}
          options={[
            { value: 'enabled', label: t('admin.enabled') },
            { value: 'disabled', label: t('admin.disabled') },
          ]}
        />
      </Space>
      <Table<UserListItemResponse>
        data-testid="users-table"
        size="small"
        rowKey="id"
        loading={props.loading}
        dataSource={rows}
        pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { count: n }) }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('admin.displayName'), dataIndex: 'displayName' },
          { title: t('admin.username'), dataIndex: 'username' },
          {
            title: t('admin.role'),
            dataIndex: 'role',
            render: (r: UserListItemResponse['role']) => <Tag>{t(`roles.${r}`)}</Tag>,
          },
          { title: t('admin.organisation'), dataIndex: 'organisationName' },
          {
            title: t('admin.mine'),
            dataIndex: 'mineName',
            render: (m: string | null) => m ?? '—',
          },
          {
            title: t('admin.state'),
            dataIndex: 'disabled',
            render: (d: boolean) =>
              d ? (
                <Tag color="red">{t('admin.disabled')}</Tag>
              ) : (
                <Tag color="green">{t('admin.enabled')}</Tag>
              ),
          },
          {
            title: t('admin.createdAt'),
            dataIndex: 'createdAt',
            render: (at: string) => formatDateTime(at),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, u) => (
              <Space size="small">
                <Button size="small" onClick={() => props.actions.onEdit(u)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t(u.disabled ? 'admin.confirmEnable' : 'admin.confirmDisable', {
                    name: u.displayName,
                  })}
                  okText={t('common.yes')}
                  cancelText={t('common.no')}
                  onConfirm={() => props.actions.onToggle(u)}
                >
                  <Button size="small" danger={!u.disabled}>
                    {u.disabled ? t('admin.enable') : t('admin.disable')}
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title={t('admin.confirmReset', { name: u.displayName })}
                  okText={t('common.yes')}
                  cancelText={t('common.no')}
                  onConfirm={() => props.actions.onReset(u)}
                >
                  <Button size="small">{t('admin.resetPassword')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

/** The temporary password, shown once. */
export function TemporaryPassword(props: {
  name: string;
  password: string | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={props.password !== undefined}
      title={`${t('admin.temporaryPassword')}: ${props.name}`}
      onCancel={props.onClose}
      onOk={props.onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <Typography.Text code copyable strong data-testid="temporary-password">
          {props.password}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Text type="warning">{t('admin.shownOnce')}</Typography.Text>
    </Modal>
  );
}

export function UsersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  usePageTitle(t('admin.users'));
  const [editing, setEditing] = useState<UserListItemResponse | 'new' | undefined>();
  const [reset, setReset] = useState<{ name: string; password: string } | undefined>();
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: () => call(accessApi.users) });
  const orgs = useQuery({
    queryKey: ['admin', 'organisations'],
    queryFn: () => call(accessApi.organisations),
  });
  const fail = (e: unknown) => void message.error((e as Error).message);
  const toggle = useMutation({
    mutationFn: (u: UserListItemResponse) =>
      call(u.disabled ? accessApi.enableUser : accessApi.disableUser, { params: { id: u.id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'users'] }),
    onError: fail,
  });
  const resetPassword = useMutation({
    mutationFn: (u: UserListItemResponse) =>
      call(accessApi.resetPassword, { params: { id: u.id } }),
    onSuccess: (r) => setReset({ name: r.user.displayName, password: r.temporaryPassword }),
    onError: fail,
  });
  if (users.error || orgs.error) {
    return <QueryError error={users.error ?? orgs.error} />;
  }
  return (
    <div>
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('admin.users')}
        </Typography.Title>
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.newUser')}
        </Button>
      </Space>
      <UsersTable
        users={users.data ?? []}
        organisations={orgs.data ?? []}
        loading={users.isLoading}
        actions={{
          onEdit: setEditing,
          onToggle: (u) => toggle.mutate(u),
          onReset: (u) => resetPassword.mutate(u),
        }}
      />
      {editing && (
        <UserDialog
          user={editing === 'new' ? undefined : editing}
          organisations={orgs.data ?? []}
          onClose={() => setEditing(undefined)}
        />
      )}
      <TemporaryPassword
        name={reset?.name ?? ''}
        password={reset?.password}
        onClose={() => setReset(undefined)}
      />
    </div>
  );
}
