/**
 * One step of the loop as a form: the 五落实 plan, the rectification, or a regulator's decision. The
 * API's field errors appear next to the fields; the API decides who may take which step.
 */
import { App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { reportFormError } from '../../components/formError.ts';
import { useI18n } from '../../app/i18n.tsx';

export type HazardStep = 'plan' | 'submit' | 'accept' | 'reject';

export function HazardActionDialog(props: {
  hazardId: string;
  version: number;
  step: HazardStep | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { step } = props;
  const submit = async () => {
    const values = await form.validateFields();
    const body: Record<string, unknown> = { version: props.version };
    for (const [k, v] of Object.entries(values)) {
      body[k] = k === 'deadline' ? (v as Dayjs).format('YYYY-MM-DD') : v;
    }
    try {
      await api('POST', `/api/hazards/${props.hazardId}/${step ?? ''}`, body);
      await qc.invalidateQueries();
      void message.success(t('common.saved'));
      props.onClose();
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
  const text = (name: string, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, max: 2000 }]}>
      <Input.TextArea rows={3} />
    </Form.Item>
  );
  return (
    <Modal
      open={step !== null}
      title={step ? t(`hazard.${step}`) : ''}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        {step === 'plan' && (
          <>
            <Form.Item
              name="responsiblePerson"
              label={t('hazard.responsiblePerson')}
              rules={[{ required: true, max: 200 }]}
            >
              <Input />
            </Form.Item>
            {text('measures', t('hazard.measures'))}
            <Form.Item name="fundsYuan" label={t('hazard.fundsYuan')} rules={[{ required: true }]}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="deadline" label={t('hazard.deadline')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            {text('contingencyPlan', t('hazard.contingencyPlan'))}
          </>
        )}
        {step === 'submit' && text('rectificationNote', t('hazard.rectificationNote'))}
        {(step === 'accept' || step === 'reject') && text('note', t('hazard.note'))}
      </Form>
    </Modal>
  );
}
