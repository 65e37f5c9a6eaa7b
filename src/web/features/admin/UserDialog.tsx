/**
 * The form of a new user or of a change to one: organisation first, then the roles that organisation's
 * kind may hold (by their names), and the mine for a 矿山值班员 from that enterprise's mines.
 */
import { App, Form, Input, Modal, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { accessApi } from '../../../shared/access.api.ts';
import type { UserRole } from '../../../shared/access.enums.ts';
import type { OrganisationResponse, UserListItemResponse } from '../../../shared/access.schemas.ts';
import { minesApi } from '../../../shared/registry.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { reportFormError } from '../../components/formError.ts';
import { rolesFor } from './admin.ts';

interface Values {
  username?: string;
  displayName: string;
  password?: string;
  organisationId: string;
  role: UserRole;
  mineId?: string;
  email?: string;
  phone?: string;
}

export function UserDialog(props: {
  user: UserListItemResponse | undefined;
  organisations: OrganisationResponse[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const u = props.user;
  const organisationId = Form.useWatch('organisationId', form) ?? u?.organisationId;
  const role = Form.useWatch('role', form) ?? u?.role;
  const org = props.organisations.find((o) => o.id === organisationId);
  const roles = rolesFor(org?.kind);
  const mines = useQuery({
    queryKey: ['admin', 'mines', org?.enterpriseId],
    enabled: role === 'mine_duty_officer' && Boolean(org?.enterpriseId),
    queryFn: () =>
      call(minesApi.list, { query: { enterpriseId: org?.enterpriseId ?? '', limit: 500 } }),
  });
  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the fields show what is missing
    }
    const mineId = values.role === 'mine_duty_officer' ? values.mineId : undefined;
    const email = values.email?.trim() ? values.email.trim() : undefined;
    const phone = values.phone?.trim() ? values.phone.trim() : undefined;
    try {
      if (u) {
        await call(accessApi.updateUser, {
          params: { id: u.id },
          body: {
            displayName: values.displayName,
            organisationId: values.organisationId,
            role: values.role,
            mineId: mineId ?? null,
            email: email ?? null,
            phone: phone ?? null,
          },
        });
      } else {
        await call(accessApi.createUser, {
          body: {
            username: values.username ?? '',
            displayName: values.displayName,
            password: values.password ?? '',
            organisationId: values.organisationId,
            role: values.role,
            ...(mineId ? { mineId } : {}),
            ...(email ? { email } : {}),
            ...(phone ? { phone } : {}),
          },
        });
      }
      await qc.invalidateQueries({ queryKey: ['admin', 'users'] });
      void message.success(t('common.saved'));
      props.onClose();
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
  return (
    <Modal
      open
      title={u ? `${t('admin.editUser')}: ${u.displayName}` : t('admin.newUser')}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="user"
        data-testid="user-form"
        initialValues={
          u
            ? {
                displayName: u.displayName,
                organisationId: u.organisationId,
                role: u.role,
                mineId: u.mineId ?? undefined,
                email: u.email ?? undefined,
                phone: u.phone ?? undefined,
              }
            : {}
        }
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.organisationId) {
            form.setFieldsValue({ role: undefined, mineId: undefined });
          }
        }}
      >
        {!u && (
          <Form.Item name="username" label={t('admin.username')} rules={[{ required: true }]}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('admin.displayName')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        {!u && (
          <Form.Item
            name="password"
            label={t('admin.initialPassword')}
            extra={t('admin.passwordHint')}
            rules={[{ required: true, min: 8 }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item
          name="organisationId"
          label={t('admin.organisation')}
          rules={[{ required: true }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={props.organisations.map((o) => ({
              value: o.id,
              label: `${o.name} (${t(`organisationKinds.${o.kind}`)})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('admin.role')}
          rules={[{ required: true }]}
          extra={org ? undefined : t('admin.pickOrganisationFirst')}
        >
          <Select
            disabled={!org}
            options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        </Form.Item>
        {role === 'mine_duty_officer' && (
          <Form.Item
            name="mineId"
            label={t('admin.mine')}
            rules={[{ required: true, message: t('admin.mineRequired') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              loading={mines.isLoading}
              options={(mines.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="email" label={t('admin.email')} rules={[{ type: 'email' }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('admin.phone')}
          extra={t('admin.phoneHint')}
          rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('admin.phoneInvalid') }]}
        >
          <Input inputMode="tel" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
