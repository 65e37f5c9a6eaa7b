/**
 * One step of the hazard loop as a form: the 五落实 plan, the rectification, or a regulator's decision.
 */
import { DatePicker, Form, Input, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import type { HazardAction } from '../../../shared/hazard.enums.ts';
import { hazardsApi } from '../../../shared/hazards.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { StepDialog } from '../../components/StepDialog.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

/** A step of the loop (the hazard's `allowedActions` name the ones the user may take now). */
export type HazardStep = HazardAction;

export function HazardActionDialog(props: {
  hazardId: string;
  version: number;
  step: HazardStep | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const { step } = props;
  const toBody = (values: Record<string, unknown>) => {
    const body: Record<string, unknown> = { version: props.version };
    for (const [k, v] of Object.entries(values)) {
      body[k] = k === 'deadline' ? (v as Dayjs).format('YYYY-MM-DD') : v;
    }
    return body;
  };
  const text = (name: string, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, max: 2000 }]}>
      <Input.TextArea rows={3} />
    </Form.Item>
  );
  return (
    <StepDialog
      form={form}
      send={
        step ? (body) => call(hazardsApi[step], { params: { id: props.hazardId }, body }) : null
      }
      title={step ? t(`hazard.${step}`) : ''}
      toBody={toBody}
      onClose={props.onClose}
    >
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
            <DatePicker
              disabledDate={outsideWindow(DateWindows.planned)}
              style={{ width: '100%' }}
            />
          </Form.Item>
          {text('contingencyPlan', t('hazard.contingencyPlan'))}
        </>
      )}
      {step === 'submit' && text('rectificationNote', t('hazard.rectificationNote'))}
      {(step === 'accept' || step === 'reject') && text('note', t('hazard.note'))}
    </StepDialog>
  );
}
