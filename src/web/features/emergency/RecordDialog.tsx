/**
 * The form of one register entry of a mine (应急预案, 演练, 救护协议, 培训, 自救器实操, 两单两卡): its fields, its
 * dates (not in the future), and, for training and 自救器, the mine's registry people. The server checks
 * the mine, the people and the 反风演习's main fan, and answers the field that is wrong.
 */
import { Button, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { DateWindows } from '../../../shared/date-windows.ts';
import { emergencyApi } from '../../../shared/emergency.api.ts';
import { drillKinds, rescueKinds } from '../../../shared/emergency.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';
import { StepDialog } from '../../components/StepDialog.tsx';

export type RecordKind = 'drill' | 'plan' | 'rescue' | 'training' | 'selfRescue' | 'postCard';

const endpoints = {
  drill: emergencyApi.recordDrill,
  plan: emergencyApi.recordPlan,
  rescue: emergencyApi.recordRescue,
  training: emergencyApi.recordTraining,
  selfRescue: emergencyApi.recordSelfRescue,
  postCard: emergencyApi.recordPostCard,
};

const day = (d: unknown) => (d ? (d as Dayjs).format('YYYY-MM-DD') : null);

function DateItem({
  name,
  label,
  required = true,
}: {
  name: string;
  label: string;
  required?: boolean;
}) {
  return (
    <Form.Item name={name} label={label} rules={[{ required }]}>
      <DatePicker
        disabledDate={outsideWindow(DateWindows.happened)}
        data-testid={`emergency-${name}`}
      />
    </Form.Item>
  );
}

export function RecordDialog(props: {
  mineId: string;
  kind: RecordKind | null;
  people: { personId: string; name: string }[];
  onClose: () => void;
}) {
  const { t, v } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const { kind, mineId } = props;
  const people = props.people.map((p) => ({ value: p.personId, label: p.name }));
  const toBody = (values: Record<string, unknown>) => {
    const out: Record<string, unknown> = { ...values, mineId };
    for (const k of [
      'drilledOn',
      'revisedOn',
      'signedOn',
      'validUntil',
      'trainedOn',
      'practisedOn',
      'riskListOn',
      'dutyListOn',
      'operationCardOn',
      'emergencyCardOn',
    ]) {
      if (k in values) {
        out[k] = day(values[k]);
      }
    }
    if (kind === 'drill' || kind === 'plan') {
      out[kind === 'drill' ? 'findings' : 'note'] ??= '';
    }
    return out;
  };
  return (
    <StepDialog
      form={form}
      send={kind ? (body) => call(endpoints[kind], { body }) : null}
      title={kind ? t(`emergency.record.${kind}`) : ''}
      onClose={props.onClose}
      initialValues={
        kind === 'drill' ? { kind: drillKinds[0] } : kind === 'selfRescue' ? { results: [{}] } : {}
      }
      toBody={toBody}
    >
      {kind === 'drill' && (
        <>
          <Form.Item name="kind" label={t('emergency.drillKind')} rules={[{ required: true }]}>
            <Select options={drillKinds.map((x) => ({ value: x, label: v(x) }))} />
          </Form.Item>
          <Space wrap>
            <DateItem name="drilledOn" label={t('emergency.drilledOn')} />
            <Form.Item
              name="participants"
              label={t('emergency.participants')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} precision={0} data-testid="emergency-participants" />
            </Form.Item>
          </Space>
          <Form.Item name="findings" label={t('emergency.drillFindings')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
      {kind === 'plan' && (
        <>
          <Form.Item name="title" label={t('emergency.planTitle')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <DateItem name="revisedOn" label={t('emergency.revisedOn')} />
        </>
      )}
      {kind === 'rescue' && (
        <>
          <Form.Item name="kind" label={t('emergency.rescueKind')} rules={[{ required: true }]}>
            <Select options={rescueKinds.map((x) => ({ value: x, label: v(x) }))} />
          </Form.Item>
          <Form.Item name="teamName" label={t('emergency.teamName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <DateItem name="signedOn" label={t('emergency.signedOn')} />
            <Form.Item
              name="validUntil"
              label={t('emergency.validUntil')}
              rules={[{ required: true }]}
            >
              <DatePicker disabledDate={outsideWindow(DateWindows.expiry)} />
            </Form.Item>
          </Space>
        </>
      )}
      {kind === 'training' && (
        <>
          <Form.Item name="topic" label={t('emergency.topic')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <DateItem name="trainedOn" label={t('emergency.trainedOn')} />
            <Form.Item name="hours" label={t('emergency.hours')} rules={[{ required: true }]}>
              <InputNumber min={0.5} max={200} step={0.5} />
            </Form.Item>
          </Space>
          <Form.Item name="personIds" label={t('emergency.attendees')} rules={[{ required: true }]}>
            <Select mode="multiple" options={people} />
          </Form.Item>
        </>
      )}
      {kind === 'selfRescue' && (
        <>
          <DateItem name="practisedOn" label={t('emergency.practisedOn')} />
          <Form.List name="results">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'personId']} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 160 }}
                        options={people}
                        placeholder={t('emergency.person')}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'seconds']} rules={[{ required: true }]}>
                      <InputNumber min={1} max={600} placeholder={t('emergency.seconds')} />
                    </Form.Item>
                    <MinusCircleOutlined
                      onClick={() => remove(f.name)}
                      aria-label={t('surveys.remove')}
                    />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                  {t('emergency.addPerson')}
                </Button>
              </>
            )}
          </Form.List>
        </>
      )}
      {kind === 'postCard' && (
        <>
          <Form.Item name="post" label={t('emergency.post')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <DateItem name="riskListOn" label={t('emergency.riskList')} required={false} />
            <DateItem name="dutyListOn" label={t('emergency.dutyList')} required={false} />
            <DateItem
              name="operationCardOn"
              label={t('emergency.operationCard')}
              required={false}
            />
            <DateItem
              name="emergencyCardOn"
              label={t('emergency.emergencyCard')}
              required={false}
            />
          </Space>
        </>
      )}
    </StepDialog>
  );
}
