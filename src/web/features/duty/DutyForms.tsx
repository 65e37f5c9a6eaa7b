/**
 * The forms of 企业主体责任: a dated duty record (带班下井, 现场履职, 在岗履职) of a person of a mine, and a
 * 矿长安全生产记分 entry (regulators). The person is picked among the mine's registered people.
 */
import { useMemo } from 'react';
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { DateWindows } from '../../../shared/date-windows.ts';
import { dutyApi } from '../../../shared/duty.api.ts';
import { dutyKinds } from '../../../shared/duty.ts';
import { peopleApi } from '../../../shared/registry.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { StepDialog } from '../../components/StepDialog.tsx';
import { useMinePicker } from '../hazards/pickers.ts';

function useMineAndPerson(form: ReturnType<typeof Form.useForm<Record<string, unknown>>>[0]) {
  const mineId = Form.useWatch('mineId', form) as string | undefined;
  const picker = useMinePicker(mineId);
  const persons = useQuery({
    queryKey: ['duty-people', mineId],
    enabled: Boolean(mineId),
    queryFn: () => call(peopleApi.list, { query: { mineId, limit: 200 } }),
  });
  const people = (persons.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.name} (${p.roles.join('、')})`,
  }));
  return { picker, people };
}

function MineAndPerson({
  form,
}: {
  form: ReturnType<typeof Form.useForm<Record<string, unknown>>>[0];
}) {
  const { t } = useI18n();
  const { picker, people } = useMineAndPerson(form);
  return (
    <>
      <Form.Item name="mineId" label={t('duty.mine')} rules={[{ required: true }]}>
        <Select
          showSearch
          filterOption={false}
          onSearch={picker.onSearch}
          options={picker.options}
          onChange={() => form.setFieldValue('personId', undefined)}
          data-testid="duty-mine"
        />
      </Form.Item>
      <Form.Item name="personId" label={t('duty.person')} rules={[{ required: true }]}>
        <Select options={people} data-testid="duty-person" />
      </Form.Item>
    </>
  );
}

export function DutyRecordForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, v } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const kinds = useMemo(() => dutyKinds.map((k) => ({ value: k, label: v(k) })), [v]);
  return (
    <StepDialog
      form={form}
      send={open ? (body) => call(dutyApi.fileRecord, { body }) : null}
      title={t('duty.fileRecord')}
      onClose={onClose}
      initialValues={{ kind: '带班下井' }}
      toBody={(values) => ({
        note: '',
        ...values,
        dutyOn: (values.dutyOn as Dayjs).format('YYYY-MM-DD'),
      })}
    >
      <MineAndPerson form={form} />
      <Form.Item name="kind" label={t('duty.kind')} rules={[{ required: true }]}>
        <Select options={kinds} data-testid="duty-kind" />
      </Form.Item>
      <Form.Item name="dutyOn" label={t('duty.dutyOn')} rules={[{ required: true }]}>
        <DatePicker disabledDate={outsideWindow(DateWindows.happened)} data-testid="duty-date" />
      </Form.Item>
      <Form.Item name="note" label={t('duty.note')}>
        <Input maxLength={500} />
      </Form.Item>
    </StepDialog>
  );
}

export function ScoreForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  return (
    <StepDialog
      form={form}
      send={open ? (body) => call(dutyApi.fileScore, { body }) : null}
      title={t('duty.fileScore')}
      onClose={onClose}
      toBody={(values) => ({
        ...values,
        deductedOn: (values.deductedOn as Dayjs).format('YYYY-MM-DD'),
      })}
    >
      <MineAndPerson form={form} />
      <Form.Item name="deductedOn" label={t('duty.deductedOn')} rules={[{ required: true }]}>
        <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
      </Form.Item>
      <Form.Item name="points" label={t('duty.points')} rules={[{ required: true }]}>
        <InputNumber min={1} max={12} precision={0} />
      </Form.Item>
      <Form.Item name="reason" label={t('duty.reason')} rules={[{ required: true }]}>
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
    </StepDialog>
  );
}
