/**
 * The steps after 叫应 as forms: 回应 (what was checked and done), the 响应 record for 红色/橙色 (停产撤人:
 * people withdrawn, when it was done) and closing with a disposal note. The API decides what is allowed.
 */
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { monitoringApi } from '../../../shared/monitoring.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { StepDialog } from '../../components/StepDialog.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

export type AlarmStep = 'respond' | 'response' | 'close';

/** The contract of each step. */
const stepApi = {
  respond: monitoringApi.respond,
  response: monitoringApi.recordResponse,
  close: monitoringApi.close,
} satisfies Record<AlarmStep, unknown>;

const responseActions = ['停产撤人', '启动应急预案', '其他处置'] as const;

export function AlarmActionDialog(props: {
  alarmId: string;
  step: AlarmStep | null;
  onClose: () => void;
}) {
  const { t, v } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const { step } = props;
  const note = (label: string) => (
    <Form.Item name="note" label={label} rules={[{ required: true, min: 2, max: 2000 }]}>
      <Input.TextArea rows={3} data-testid="alarm-note" />
    </Form.Item>
  );
  return (
    <StepDialog
      form={form}
      send={step ? (body) => call(stepApi[step], { params: { id: props.alarmId }, body }) : null}
      title={step ? t(`monitoring.${step}`) : ''}
      toBody={(values) =>
        step === 'response'
          ? { ...values, completedAt: (values.completedAt as Dayjs).toISOString() }
          : values
      }
      initialValues={
        step === 'response'
          ? { action: '停产撤人', completedAt: dayjs(), peopleWithdrawn: 0 }
          : undefined
      }
      onClose={props.onClose}
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
            <DatePicker
              disabledDate={outsideWindow(DateWindows.happened)}
              showTime
              style={{ width: '100%' }}
            />
          </Form.Item>
          {note(t('monitoring.responseNote'))}
        </>
      )}
    </StepDialog>
  );
}
