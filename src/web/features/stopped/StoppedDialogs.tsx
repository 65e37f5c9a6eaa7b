/** The forms of the stopped-mines page: 整改方案, a declaration of work, a rejection, a visit. */
import type { ReactNode } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Button } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { minesApi } from '../../../shared/registry.api.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { stoppedApi } from '../../../shared/stopped.api.ts';
import { patrolKinds, stoppedWorkPurposes } from '../../../shared/stopped.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { reportFormError, validValues } from '../../components/formError.ts';

/** The stopped mines the caller may see, for the forms' mine pickers. */
export function useStoppedMines() {
  return useQuery({
    queryKey: ['mines', 'stopped'],
    queryFn: () => call(minesApi.list, { query: { status: ['停产整顿', '停工停产'], limit: 500 } }),
  });
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** A modal form that posts, refreshes the page's lists and closes. */
function useSubmit<T>(form: ReturnType<typeof Form.useForm<T>>[0], onClose: () => void) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return async (send: (values: T) => Promise<unknown>) => {
    const values = await validValues(form);
    if (!values) {
      return;
    }
    try {
      await send(values);
      await qc.invalidateQueries({ queryKey: ['stopped'] });
      void message.success(t('common.saved'));
      onClose();
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
}

function Dialog(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  onOk: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      onOk={props.onOk}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {props.children}
    </Modal>
  );
}

function MineSelect() {
  const mines = useStoppedMines();
  return (
    <Select
      showSearch
      optionFilterProp="label"
      loading={mines.isLoading}
      options={(mines.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
    />
  );
}

interface DeclarationValues {
  mineId: string;
  purpose: (typeof stoppedWorkPurposes)[number];
  description: string;
  sites: { place: string; people: number }[];
  maxPowerKwh: number;
  days: [Dayjs, Dayjs];
}

export function DeclarationDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, v } = useI18n();
  const [form] = Form.useForm<DeclarationValues>();
  const submit = useSubmit(form, onClose);
  return (
    <Dialog
      open={open}
      title={t('stopped.declare')}
      onClose={onClose}
      onOk={() =>
        void submit(({ days, ...rest }) =>
          call(stoppedApi.declare, {
            body: { ...rest, startsOn: day(days[0]), endsOn: day(days[1]) },
          }),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ sites: [{ place: '', people: 1 }] }}>
        <Form.Item name="mineId" label={t('stopped.mine')} rules={[{ required: true }]}>
          <MineSelect />
        </Form.Item>
        <Form.Item name="purpose" label={t('stopped.purpose')} rules={[{ required: true }]}>
          <Select options={stoppedWorkPurposes.map((p) => ({ value: p, label: v(p) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('stopped.description')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.List name="sites">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item
                    name={[f.name, 'place']}
                    label={t('stopped.place')}
                    rules={[{ required: true }]}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'people']}
                    label={t('stopped.people')}
                    rules={[{ required: true }]}
                  >
                    <InputNumber min={1} precision={0} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ people: 1 })}>
                {t('stopped.addSite')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="maxPowerKwh" label={t('stopped.maxPower')} rules={[{ required: true }]}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="days" label={t('stopped.days')} rules={[{ required: true }]}>
          <DatePicker.RangePicker
            disabledDate={(d) =>
              d.isBefore(dayjs(), 'day') || outsideWindow(DateWindows.planned)(d)
            }
          />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

export function PlanDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{
    mineId: string;
    measures: string;
    responsiblePerson: string;
    completeBy: Dayjs;
  }>();
  const submit = useSubmit(form, onClose);
  return (
    <Dialog
      open={open}
      title={t('stopped.filePlan')}
      onClose={onClose}
      onOk={() =>
        void submit(({ completeBy, ...rest }) =>
          call(stoppedApi.filePlan, { body: { ...rest, completeBy: day(completeBy) } }),
        )
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="mineId" label={t('stopped.mine')} rules={[{ required: true }]}>
          <MineSelect />
        </Form.Item>
        <Form.Item name="measures" label={t('stopped.measures')} rules={[{ required: true }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item
          name="responsiblePerson"
          label={t('stopped.responsiblePerson')}
          rules={[{ required: true }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="completeBy" label={t('stopped.completeBy')} rules={[{ required: true }]}>
          <DatePicker disabledDate={outsideWindow(DateWindows.planned)} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

export function RejectDialog({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const submit = useSubmit(form, onClose);
  return (
    <Dialog
      open={id !== undefined}
      title={t('stopped.reject')}
      onClose={onClose}
      onOk={() =>
        void submit((body) =>
          call(stoppedApi.rejectDeclaration, { params: { id: id ?? '' }, body }),
        )
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('stopped.rejectReason')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

export function PatrolDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, v } = useI18n();
  const [form] = Form.useForm<{
    mineId: string;
    kind: (typeof patrolKinds)[number];
    visitedAt: Dayjs;
    findings: string;
  }>();
  const submit = useSubmit(form, onClose);
  return (
    <Dialog
      open={open}
      title={t('stopped.recordPatrol')}
      onClose={onClose}
      onOk={() =>
        void submit(({ visitedAt, ...rest }) =>
          call(stoppedApi.recordPatrol, { body: { ...rest, visitedAt: visitedAt.toISOString() } }),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ kind: '巡查', visitedAt: dayjs() }}>
        <Form.Item name="mineId" label={t('stopped.mine')} rules={[{ required: true }]}>
          <MineSelect />
        </Form.Item>
        <Form.Item name="kind" label={t('stopped.kind')} rules={[{ required: true }]}>
          <Select options={patrolKinds.map((k) => ({ value: k, label: v(k) }))} />
        </Form.Item>
        <Form.Item name="visitedAt" label={t('stopped.visitedAt')} rules={[{ required: true }]}>
          <DatePicker showTime disabledDate={outsideWindow(DateWindows.happened)} />
        </Form.Item>
        <Form.Item name="findings" label={t('stopped.findings')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}
