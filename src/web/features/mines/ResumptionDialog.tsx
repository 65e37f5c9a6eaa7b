/** 复工复产验收 of a mine under 停产整顿: the date and the finding; a passed one returns it to 生产. */
import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { minesApi } from '../../../shared/registry.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { StepDialog } from '../../components/StepDialog.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

export function ResumptionDialog(props: { mineId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  return (
    <StepDialog
      form={form}
      send={
        props.open
          ? (body) => call(minesApi.acceptResumption, { params: { id: props.mineId }, body })
          : null
      }
      title={t('mine.resumption')}
      onClose={props.onClose}
      toBody={(values) => ({
        ...values,
        acceptedOn: (values.acceptedOn as Dayjs).format('YYYY-MM-DD'),
      })}
    >
      <Form.Item name="acceptedOn" label={t('mine.resumptionDate')} rules={[{ required: true }]}>
        <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
      </Form.Item>
      <Form.Item name="note" label={t('mine.resumptionNote')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </StepDialog>
  );
}
