import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { mineStatuses } from '../../../shared/registry.enums.ts';
import { minesApi } from '../../../shared/registry.api.ts';
import { call } from '../../app/api.ts';
import { reportFormError, validValues } from '../../components/formError.ts';
import { useI18n } from '../../app/i18n.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

/** Changes a mine's status with the effective date and the reason (kept in its history). */
export function StatusDialog({
  mineId,
  current,
  open,
  onClose,
}: {
  mineId: string;
  current: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t, v } = useI18n();
  const [form] = Form.useForm<{ status: string; effectiveDate: Dayjs; reason: string }>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const submit = async () => {
    const values = await validValues(form);
    if (!values) {
      return;
    }
    try {
      await call(minesApi.changeStatus, {
        params: { id: mineId },
        body: {
          status: values.status,
          effectiveDate: values.effectiveDate.format('YYYY-MM-DD'),
          reason: values.reason,
        },
      });
      await qc.invalidateQueries({ queryKey: ['mine', mineId] });
      await qc.invalidateQueries({ queryKey: ['audit'] });
      void message.success(t('common.saved'));
      onClose();
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
  return (
    <Modal
      open={open}
      title={t('mine.changeStatus')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ effectiveDate: dayjs() }}>
        <Form.Item name="status" label={t('mine.status')} rules={[{ required: true }]}>
          <Select
            options={mineStatuses
              .filter((s) => s !== current)
              .map((s) => ({ value: s, label: v(s) }))}
          />
        </Form.Item>
        <Form.Item
          name="effectiveDate"
          label={t('mine.effectiveDate')}
          rules={[{ required: true }]}
        >
          <DatePicker
            disabledDate={outsideWindow(DateWindows.happened)}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('mine.reason')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
