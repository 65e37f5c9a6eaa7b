/**
 * A mine's answer to a regulator's warning: 确认收到 (叫应) and 回报响应 (回应: people withdrawn, when, measures),
 * and the card of open warnings on the duty officer's home. The API decides who may answer which call.
 */
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { DateWindows } from '../../../shared/date-windows.ts';
import { warningsApi } from '../../../shared/warnings.api.ts';
import {
  WarningValidation,
  type WarningCallResponse,
  type WarningCallWithWarning,
} from '../../../shared/warnings.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { StepDialog } from '../../components/StepDialog.tsx';
import { outsideWindow } from '../../components/dateWindow.ts';

/** The colour of a call's state tag. */
export const callStateColor: Record<WarningCallResponse['state'], string> = {
  待确认: 'red',
  已确认: 'orange',
  已回应: 'green',
};

/** The 回应 form of one call. */
export function RespondDialog({ callId, onClose }: { callId: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  return (
    <StepDialog
      form={form}
      send={callId ? (body) => call(warningsApi.respond, { params: { id: callId }, body }) : null}
      title={t('warnings.respondTitle')}
      toBody={(values) => ({
        ...values,
        withdrawnAt: values.withdrawnAt ? (values.withdrawnAt as Dayjs).toISOString() : null,
      })}
      initialValues={{ peopleWithdrawn: 0, withdrawnAt: dayjs() }}
      onClose={onClose}
    >
      <Form.Item
        name="peopleWithdrawn"
        label={t('warnings.peopleWithdrawn')}
        rules={[{ required: true }]}
      >
        <InputNumber
          min={0}
          max={WarningValidation.peopleMax}
          style={{ width: '100%' }}
          data-testid="warning-people"
        />
      </Form.Item>
      <Form.Item name="withdrawnAt" label={t('warnings.withdrawnAt')}>
        <DatePicker
          disabledDate={outsideWindow(DateWindows.happened)}
          showTime
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item
        name="measures"
        label={t('warnings.measures')}
        rules={[{ required: true, max: WarningValidation.textMax }]}
      >
        <Input.TextArea rows={3} data-testid="warning-measures" />
      </Form.Item>
    </StepDialog>
  );
}

/** 确认收到 and 回报响应 for one call, as its state allows. */
export function AnswerButtons({
  c,
  onRespond,
}: {
  c: WarningCallResponse;
  onRespond: (id: string) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const ack = useMutation({
    mutationFn: () => call(warningsApi.acknowledge, { params: { id: c.id } }),
    onSuccess: async () => {
      void message.success(t('warnings.acknowledgedOk'));
      await client.invalidateQueries();
    },
    onError: (e) => void message.error(e.message),
  });
  if (c.state === '待确认') {
    return (
      <Button
        type="primary"
        danger
        loading={ack.isPending}
        onClick={() => ack.mutate()}
        data-testid="warning-ack"
      >
        {t('warnings.acknowledge')}
      </Button>
    );
  }
  if (c.state === '已确认') {
    return (
      <Button type="primary" onClick={() => onRespond(c.id)} data-testid="warning-respond">
        {t('warnings.respond')}
      </Button>
    );
  }
  return null;
}

/** The duty officer's home: the regulators' warnings to the mine not yet answered. */
export function WarningCallsCard({ calls }: { calls: WarningCallWithWarning[] }) {
  const { t, v, formatDateTime } = useI18n();
  const [responding, setResponding] = useState<string | null>(null);
  return (
    <Card size="small" title={t('warnings.homeTitle')} data-testid="duty-warnings">
      {calls.length === 0 ? (
        <Empty description={t('warnings.noOpen')} />
      ) : (
        calls.map((c) => (
          <div key={c.id} className="duty-alarm" data-testid="duty-warning" data-state={c.state}>
            <div>
              <Space size={4}>
                <Tag color="red">{v(c.kind)}</Tag>
                <Link to={`/warnings/${c.warningId}`}>{c.title}</Link>
                <Tag color={callStateColor[c.state]}>{v(c.state)}</Tag>
              </Space>
              <Typography.Paragraph style={{ margin: '4px 0 0' }}>{c.content}</Typography.Paragraph>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {c.mineName} ·{' '}
                {t('warnings.from', { unit: c.issuingUnit, time: formatDateTime(c.issuedAt) })}
              </Typography.Paragraph>
            </div>
            <AnswerButtons c={c} onRespond={setResponding} />
          </div>
        ))
      )}
      <RespondDialog callId={responding} onClose={() => setResponding(null)} />
    </Card>
  );
}
