/** A 三个一批 entry: its list, basis and deadline, its progress steps, and a new step (regulators). */
import { useState } from 'react';
import {
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Tag,
  Timeline,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { admissionApi } from '../../../shared/admission.api.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { StepDialog } from '../../components/StepDialog.tsx';

export function DisposalDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, v } = useI18n();
  const { can } = useSession();
  const [stepping, setStepping] = useState(false);
  const [form] = Form.useForm<Record<string, unknown>>();
  const { data } = useQuery({
    queryKey: ['disposal', id],
    enabled: Boolean(id),
    queryFn: () => call(admissionApi.disposal, { params: { id: id ?? '' } }),
  });
  return (
    <Drawer open={Boolean(id)} onClose={onClose} width={720} title={data?.mineName} destroyOnHidden>
      {data && (
        <>
          <Descriptions size="small" column={2} bordered data-testid="disposal-detail">
            <Descriptions.Item label={t('admission.category')}>
              {v(data.category)}
            </Descriptions.Item>
            <Descriptions.Item label={t('admission.state')}>
              {v(data.state)}{' '}
              {data.overdue && (
                <Tag color="red">{t('admission.overdueDays', { days: data.daysOverdue })}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('admission.listedOn')}>{data.listedOn}</Descriptions.Item>
            <Descriptions.Item label={t('admission.deadline')}>{data.deadline}</Descriptions.Item>
            <Descriptions.Item label={t('admission.basis')} span={2}>
              {data.basis}
            </Descriptions.Item>
            <Descriptions.Item label={t('admission.completedOn')}>
              {data.completedOn ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('admission.listedBy')}>{data.listedBy}</Descriptions.Item>
          </Descriptions>
          <h4>{t('admission.steps')}</h4>
          <Timeline
            items={data.steps.map((s) => ({
              color: s.completes ? 'green' : 'blue',
              children: `${s.steppedOn} ${s.description} (${s.recordedBy})`,
            }))}
          />
          {can('admission.list') && data.state === '处置中' && (
            <Button type="primary" onClick={() => setStepping(true)} data-testid="disposal-step">
              {t('admission.addStep')}
            </Button>
          )}
          <StepDialog
            form={form}
            send={
              stepping
                ? (body) => call(admissionApi.stepDisposal, { params: { id: data.id }, body })
                : null
            }
            title={t('admission.addStep')}
            onClose={() => setStepping(false)}
            toBody={(values) => ({
              ...values,
              steppedOn: (values.steppedOn as Dayjs).format('YYYY-MM-DD'),
              completes: Boolean(values.completes),
            })}
          >
            <Form.Item
              name="steppedOn"
              label={t('admission.steppedOn')}
              rules={[{ required: true }]}
            >
              <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('admission.progress')}
              rules={[{ required: true }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="completes" valuePropName="checked">
              <Checkbox>{t('admission.completes')}</Checkbox>
            </Form.Item>
          </StepDialog>
        </>
      )}
    </Drawer>
  );
}
