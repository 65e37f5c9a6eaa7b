/**
 * The forms of 安全准入与分类处置: putting a mine on a 三个一批 list with its deadline, and an application
 * for 安全设施设计审查 (the design's method, scaling, capacity and service life). The API checks the rules.
 */
import { useMemo } from 'react';
import { DatePicker, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { admissionApi } from '../../../shared/admission.api.ts';
import { disposalCategories, miningMethods, projectKinds } from '../../../shared/admission.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { StepDialog } from '../../components/StepDialog.tsx';
import { useMinePicker } from '../hazards/pickers.ts';

const day = (d: unknown) => (d as Dayjs).format('YYYY-MM-DD');

function MineField({ testId }: { testId: string }) {
  const { t } = useI18n();
  const mineId = Form.useWatch('mineId') as string | undefined;
  const picker = useMinePicker(mineId);
  return (
    <Form.Item name="mineId" label={t('admission.mine')} rules={[{ required: true }]}>
      <Select
        showSearch
        filterOption={false}
        onSearch={picker.onSearch}
        options={picker.options}
        data-testid={testId}
      />
    </Form.Item>
  );
}

export function DisposalForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, v } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const categories = useMemo(() => disposalCategories.map((x) => ({ value: x, label: v(x) })), [v]);
  return (
    <StepDialog
      form={form}
      send={open ? (body) => call(admissionApi.listDisposal, { body }) : null}
      title={t('admission.listMine')}
      onClose={onClose}
      toBody={(values) => ({
        ...values,
        listedOn: day(values.listedOn),
        deadline: day(values.deadline),
      })}
    >
      <MineField testId="disposal-mine" />
      <Form.Item name="category" label={t('admission.category')} rules={[{ required: true }]}>
        <Select options={categories} data-testid="disposal-category" />
      </Form.Item>
      <Form.Item name="basis" label={t('admission.basis')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="listedOn" label={t('admission.listedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
        </Form.Item>
        <Form.Item name="deadline" label={t('admission.deadline')} rules={[{ required: true }]}>
          <DatePicker disabledDate={outsideWindow(DateWindows.planned)} />
        </Form.Item>
      </Space>
      <Form.Item name="note" label={t('admission.note')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </StepDialog>
  );
}

export function PermitForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, v } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const kinds = useMemo(() => projectKinds.map((x) => ({ value: x, label: v(x) })), [v]);
  const methods = useMemo(() => miningMethods.map((x) => ({ value: x, label: v(x) })), [v]);
  return (
    <StepDialog
      form={form}
      send={open ? (body) => call(admissionApi.applyPermit, { body }) : null}
      title={t('admission.apply')}
      onClose={onClose}
      initialValues={{ mechanicalScaling: false, miningMethod: '充填法' }}
      toBody={(values) => ({ ...values, appliedOn: day(values.appliedOn) })}
    >
      <MineField testId="permit-mine" />
      <Space wrap>
        <Form.Item
          name="projectKind"
          label={t('admission.projectKind')}
          rules={[{ required: true }]}
        >
          <Select style={{ width: 120 }} options={kinds} />
        </Form.Item>
        <Form.Item name="appliedOn" label={t('admission.appliedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={outsideWindow(DateWindows.happened)} />
        </Form.Item>
      </Space>
      <Form.Item name="projectName" label={t('admission.projectName')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="designer" label={t('admission.designer')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item
          name="miningMethod"
          label={t('admission.miningMethod')}
          rules={[{ required: true }]}
        >
          <Select style={{ width: 140 }} options={methods} />
        </Form.Item>
        <Form.Item
          name="mechanicalScaling"
          label={t('admission.mechanicalScaling')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Space>
      <Form.Item name="fillingJustification" label={t('admission.fillingJustification')}>
        <Input.TextArea rows={2} placeholder={t('admission.fillingHint')} />
      </Form.Item>
      <Space wrap>
        <Form.Item
          name="designCapacityTpa"
          label={t('admission.designCapacity')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="serviceLifeYears"
          label={t('admission.serviceLife')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0.1} max={200} />
        </Form.Item>
      </Space>
    </StepDialog>
  );
}
