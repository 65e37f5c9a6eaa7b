/**
 * A rule parameter's change (a number field for numbers, the JSON editor for tables and policies; its
 * source, whether verified, and a required reason) and its history.
 */
import { App, Form, Input, InputNumber, Modal, Space, Switch, Table } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { platformApi } from '../../../shared/platform.api.ts';
import { call, fieldErrors } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { reportFormError } from '../../components/formError.ts';
import { ValueText } from './ValueText.tsx';
import {
  isNumberSetting,
  parseJson,
  settingHistory,
  type Setting,
  type SettingChangeRow,
} from './admin.ts';

interface Values {
  number?: number;
  json?: string;
  source: string;
  verified: boolean;
  reason: string;
}

export function SettingEditDialog(props: { setting: Setting; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const s = props.setting;
  const numeric = isNumberSetting(s);
  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const parsed = numeric
      ? { ok: true as const, value: values.number }
      : parseJson(values.json ?? '');
    if (!parsed.ok) {
      form.setFields([
        { name: 'json', errors: [t('admin.invalidJson', { problem: parsed.problem })] },
      ]);
      return;
    }
    try {
      await call(platformApi.changeSetting, {
        params: { key: s.key },
        body: {
          value: parsed.value,
          source: values.source,
          verified: values.verified,
          reason: values.reason,
        },
      });
      await qc.invalidateQueries({ queryKey: ['admin', 'settings'] });
      await qc.invalidateQueries({ queryKey: ['audit', 'setting', s.key] });
      void message.success(t('common.saved'));
      props.onClose();
    } catch (e) {
      // The server names the value's own fields as value.…: shown on the value's editor, with the path.
      const onValue = fieldErrors(e).filter((f) => f.name[0] === 'value');
      if (onValue.length) {
        form.setFields([
          {
            name: numeric ? 'number' : 'json',
            errors: onValue.map((f) =>
              `${f.name.slice(1).join('.') || ''} ${f.errors.join('; ')}`.trim(),
            ),
          },
        ]);
      } else {
        reportFormError(form, e, (text) => void message.error(text));
      }
    }
  };
  return (
    <Modal
      open
      width={720}
      title={`${t('admin.editSetting')}: ${s.description}`}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="setting"
        data-testid="setting-form"
        initialValues={{
          number: numeric ? (s.value as number) : undefined,
          json: numeric ? undefined : JSON.stringify(s.value, null, 2),
          source: s.source,
          verified: s.verified,
        }}
      >
        {numeric ? (
          <Form.Item name="number" label={t('admin.value')} rules={[{ required: true }]}>
            <InputNumber style={{ width: 200 }} />
          </Form.Item>
        ) : (
          <Form.Item name="json" label={t('admin.valueJson')} rules={[{ required: true }]}>
            <Input.TextArea
              autoSize={{ minRows: 6, maxRows: 18 }}
              spellCheck={false}
              style={{ fontFamily: 'monospace' }}
            />
          </Form.Item>
        )}
        <Form.Item name="source" label={t('admin.source')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="verified" label={t('admin.verifiedSwitch')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('admin.reason')}
          rules={[{ required: true, min: 2, message: t('admin.reasonRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The history's rows: who, when, why, before → after. */
export function SettingHistoryTable(props: { rows: SettingChangeRow[]; loading?: boolean }) {
  const { t, formatDateTime } = useI18n();
  return (
    <Table<SettingChangeRow>
      data-testid="setting-history"
      size="small"
      rowKey="seq"
      loading={props.loading}
      dataSource={props.rows}
      pagination={{ pageSize: 10 }}
      locale={{ emptyText: t('admin.noHistory') }}
      columns={[
        {
          title: t('admin.changedAt'),
          dataIndex: 'at',
          width: 150,
          render: (at: string) => formatDateTime(at),
        },
        { title: t('admin.changedBy'), dataIndex: 'actor', width: 120 },
        { title: t('admin.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
        {
          title: t('admin.change'),
          render: (_: unknown, r) => (
            <Space size={4} align="start">
              <ValueText value={r.from} />
              <span>→</span>
              <ValueText value={r.to} />
            </Space>
          ),
        },
      ]}
    />
  );
}

export function SettingHistoryDialog(props: { setting: Setting; onClose: () => void }) {
  const { t } = useI18n();
  const { data, isLoading } = useQuery({
    queryKey: ['audit', 'setting', props.setting.key],
    queryFn: () =>
      call(platformApi.auditHistory, {
        params: { entityType: 'setting', entityId: props.setting.key },
      }),
  });
  return (
    <Modal
      open
      width={820}
      title={`${t('admin.history')}: ${props.setting.description}`}
      onCancel={props.onClose}
      footer={null}
      destroyOnHidden
    >
      <SettingHistoryTable rows={settingHistory(data ?? [])} loading={isLoading} />
    </Modal>
  );
}
