/**
 * The steps after 叫应 as forms: 回应 (what was checked and done), the 响应 record for 红色/橙色 (停产撤人:
 * people withdrawn, when it was done) and closing with a disposal note. The API decides what is allowed.
 */
import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { reportFormError } from '../../components/formError.ts';

export type AlarmStep = 'respond' | 'response' | 'close';

const responseActions = ['停产撤人', '启动应急预案', '其他处置'] as const;

export function AlarmActionDialog(props: {
  alarmId: string;
  step: AlarmStep | null;
  onClose: () => void;
}) {
  const { t, v } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { step } = props;
  const submit = async () => {
    const values = await form.validateFields();
    const body =
      step === 'response'
        ? { ...values, completedAt: (values.completedAt as Dayjs).toISOString() }
        : values;
    try {
      await api('POST', `/api/alarms/${props.alarmId}/${step ?? ''}`, body);
      await qc.invalidateQueries();
      void message.success(t('common.saved'));
      props.onClose();
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
  const note = (label: string) => (
    <Form.Item name="note" label={label} rules={[{ required: true, min: 2, max: 2000 }]}>
      <Input.TextArea rows={3} data-testid="alarm-note" />
    </Form.Item>
  );
  return (
    <Modal
      open={step !== null}
      title={step ? t(`monitoring.${step}`) : ''}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          step === 'response'
            ? { action: '停产撤人', completedAt: dayjs(), peopleWithdrawn: 0 }
            : undefined
        }
      >
        {step === 'respond' && note(t('monitoring.respondNote'))}
        {step === 'close' && note(t('monitoring.closeNote'))}
        {step === 'response' && (
          <>
            <Form.Item
              name="action"
              label={t('monitoring.responseAction')}
              rules={[{ required: true }]}
            >
              <Select options={responseActions.map((a) => ({ value: a, label: v(a) }))} />
            </Form.Item>
            <Form.Item
              name="peopleWithdrawn"
              label={t('monitoring.peopleWithdrawn')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={100_000} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="completedAt"
              label={t('monitoring.completedAt')}
              rules={[{ required: true }]}
            >
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
            {note(t('monitoring.responseNote'))}
          </>
        )}
      </Form>
    </Modal>
  );
}
